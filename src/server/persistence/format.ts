// The files of a data directory (spec/persistence.md): journal segments of checksummed records,
// and snapshots. Framing and checks only; no I/O.
import { crc32 } from "node:zlib";
import type { ServiceChange } from "../../fake/service.js";

export const DATA_FORMAT = "cognito-identity-model/data";
/** The version of the files this code writes and reads (PERSIST-8). */
export const DATA_VERSION = 1;

export const journalName = (segment: number) => `journal-${String(segment).padStart(8, "0")}.log`;
export const snapshotName = (segment: number) => `snapshot-${String(segment).padStart(8, "0")}.json`;

/** The segment number of a journal or snapshot file name; undefined for any other name. */
export function segmentOf(name: string, kind: "journal" | "snapshot"): number | undefined {
  const match = (kind === "journal" ? /^journal-(\d{8})\.log$/ : /^snapshot-(\d{8})\.json$/).exec(name);
  return match ? Number(match[1]) : undefined;
}

export interface FileHeader {
  format: typeof DATA_FORMAT;
  version: number;
  kind: "journal" | "snapshot";
  segment: number;
}

export const headerLine = (kind: FileHeader["kind"], segment: number): string =>
  `${JSON.stringify({ format: DATA_FORMAT, version: DATA_VERSION, kind, segment } satisfies FileHeader)}\n`;

const hex8 = (n: number) => n.toString(16).padStart(8, "0");

/** PERSIST-3: one record, `<crc32 of the JSON, 8 hex digits> <JSON>\n`. */
export function recordLine(change: ServiceChange): string {
  const json = JSON.stringify(change);
  return `${hex8(crc32(json))} ${json}\n`;
}

/** A file's first line, checked; a reason when it is not this format's header of `kind` and `segment`. */
export function checkHeader(line: string, kind: FileHeader["kind"], segment: number, file: string): string | undefined {
  let header: unknown;
  try {
    header = JSON.parse(line);
  } catch {
    return `${file}: its first line is not a ${kind} header of ${DATA_FORMAT}`;
  }
  const h = header as Partial<FileHeader> | null;
  if (typeof h !== "object" || h === null || h.format !== DATA_FORMAT || h.kind !== kind) return `${file}: its first line is not a ${kind} header of ${DATA_FORMAT}`;
  if (h.version !== DATA_VERSION) {
    return `${file} is in data format version ${String(h.version)}; this version of cognito-identity-model reads version ${DATA_VERSION} only. Start it on another --data-dir, or run the version that wrote this one`;
  }
  if (h.segment !== segment) return `${file}: its header names segment ${String(h.segment)}`;
  return undefined;
}

export type JournalScan =
  | {
      ok: true;
      changes: ServiceChange[];
      /** Bytes of the file that hold whole, good records (header included): where the next record goes. */
      goodBytes: number;
      /** Bytes after them that are a torn last record, dropped (PERSIST-5); 0 when none. */
      tornBytes: number;
    }
  | { ok: false; reason: string };

/**
 * PERSIST-5: the records of a journal segment. A bad record (its checksum, its JSON, or no end of
 * line) followed only by bad bytes is a write the server was stopped in the middle of, never
 * acknowledged: it is dropped. A bad record with a good one after it is damage: refused.
 */
export function scanJournal(content: Buffer, segment: number, file: string): JournalScan {
  const firstEnd = content.indexOf(10);
  if (firstEnd < 0) {
    // A header torn on creation: the segment holds nothing (its records come after a whole header).
    return content.length === 0 || headerLine("journal", segment).startsWith(content.toString("utf8"))
      ? { ok: true, changes: [], goodBytes: 0, tornBytes: content.length }
      : { ok: false, reason: `${file}: its first line is not a journal header of ${DATA_FORMAT}` };
  }
  const bad = checkHeader(content.toString("utf8", 0, firstEnd), "journal", segment, file);
  if (bad) return { ok: false, reason: bad };
  const changes: ServiceChange[] = [];
  let at = firstEnd + 1;
  let firstBad: { offset: number; record: number; why: string } | undefined;
  let goodAfterBad = 0;
  while (at < content.length) {
    const end = content.indexOf(10, at);
    const line = content.toString("utf8", at, end < 0 ? content.length : end);
    const why = end < 0 ? "it has no end of line" : recordProblem(line);
    if (why === undefined) {
      if (firstBad) goodAfterBad++;
      else changes.push(JSON.parse(line.slice(9)) as ServiceChange);
    } else firstBad ??= { offset: at, record: changes.length + 1, why };
    if (end < 0) break;
    at = end + 1;
  }
  if (!firstBad) return { ok: true, changes, goodBytes: content.length, tornBytes: 0 };
  if (goodAfterBad > 0) {
    return {
      ok: false,
      reason: `${file}: record ${firstBad.record} (at byte ${firstBad.offset}) is damaged (${firstBad.why}) and ${goodAfterBad} good record${goodAfterBad === 1 ? "" : "s"} follow it: refusing to start on a journal that cannot be read whole`,
    };
  }
  return { ok: true, changes, goodBytes: firstBad.offset, tornBytes: content.length - firstBad.offset };
}

function recordProblem(line: string): string | undefined {
  if (!/^[0-9a-f]{8} /.test(line)) return "no checksum";
  const json = line.slice(9);
  if (crc32(json) !== Number.parseInt(line.slice(0, 8), 16)) return "checksum mismatch";
  try {
    const value = JSON.parse(json) as { kind?: unknown };
    if (typeof value !== "object" || value === null || !["step", "state", "roles", "start"].includes(value.kind as string)) return "not a change";
  } catch {
    return "not JSON";
  }
  return undefined;
}

/** PERSIST-4: a snapshot file's last line: the checksum and length of what comes between it and the header. */
export const trailerLine = (crc: number, bytes: number) => `\n${JSON.stringify({ crc32: hex8(crc), bytes })}\n`;

/** The snapshot held by a snapshot file's text, checked whole; a reason when it is damaged. */
export function readSnapshotFile(content: Buffer, segment: number, file: string): { ok: true; snapshot: unknown } | { ok: false; reason: string } {
  const firstEnd = content.indexOf(10);
  if (firstEnd < 0) return { ok: false, reason: `${file}: no header line` };
  const bad = checkHeader(content.toString("utf8", 0, firstEnd), "snapshot", segment, file);
  if (bad) return { ok: false, reason: bad };
  const trailerStart = content.lastIndexOf(10, content.length - 2);
  if (trailerStart <= firstEnd || content[content.length - 1] !== 10) return { ok: false, reason: `${file}: no trailer line (the file is cut short)` };
  let trailer: { crc32?: unknown; bytes?: unknown };
  try {
    trailer = JSON.parse(content.toString("utf8", trailerStart + 1, content.length - 1)) as typeof trailer;
  } catch {
    return { ok: false, reason: `${file}: its trailer line is not JSON (the file is cut short)` };
  }
  const body = content.subarray(firstEnd + 1, trailerStart);
  if (trailer.bytes !== body.length || trailer.crc32 !== hex8(crc32(body))) return { ok: false, reason: `${file}: checksum mismatch` };
  try {
    return { ok: true, snapshot: JSON.parse(body.toString("utf8")) };
  } catch (error) {
    return { ok: false, reason: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
