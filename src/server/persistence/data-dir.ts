// serve --data-dir (spec/persistence.md): every change of the service is appended to a journal
// before the answer that follows it is sent; snapshots bound the replay; on start the last
// snapshot is read and the journal after it replayed.
import { crc32 } from "node:zlib";
import type { Service, ServiceChange, ServicePosition } from "../../fake/service.js";
import { jsonChunks } from "../../model/index.js";
import { nodeFiles, inDir, type AppendFile, type DataFiles } from "./files.js";
import { headerLine, journalName, readSnapshotFile, recordLine, scanJournal, segmentOf, snapshotName, trailerLine } from "./format.js";
import { lockDataDir } from "./lock.js";

/**
 * PERSIST-2: "fsync": an answer waits until its change is on the disk (one fsync for every change
 * made while the last was written). "write": it waits until the operating system has the bytes,
 * and the journal is fsynced every `fsyncIntervalMs`: a killed server loses nothing, a power loss
 * or kernel crash the changes of that last interval.
 */
export type Durability = "fsync" | "write";

export interface DataDirOptions {
  durability?: Durability;
  /** "write" durability: the longest time between two fsyncs. Default 1000 ms. */
  fsyncIntervalMs?: number;
  /** PERSIST-6: a journal segment this long is closed, and a snapshot of the state after it written. Default 64 MiB. */
  segmentBytes?: number;
  /** File operations (tests make them fail). */
  files?: DataFiles;
  log?: (line: string) => void;
}

/** What start-up found (PERSIST-4, PERSIST-5). */
export interface Recovery {
  /** A new directory: the service's state at start is its first snapshot. */
  fresh: boolean;
  /** Changes replayed from the journal after the snapshot. */
  replayed: number;
  /** Bytes of a torn last record dropped, 0 when none. */
  tornBytes: number;
}

export class DataDirError extends Error {
  override name = "DataDirError";
}

interface Pending {
  line: string;
  before: ServicePosition;
  seq: number;
}

interface Waiter {
  seq: number;
  resolve: (durable: boolean) => void;
}

export class DataDir {
  readonly dir: string;
  readonly recovery: Recovery;
  readonly #service: Service;
  readonly #files: DataFiles;
  readonly #durability: Durability;
  readonly #segmentBytes: number;
  readonly #log: (line: string) => void;
  readonly #release: () => void;
  #segment: number;
  #file: AppendFile;
  /** Bytes of the current segment known to be written whole. */
  #written: number;
  #pending: Pending[] = [];
  #waiters: Waiter[] = [];
  #appended = 0;
  #durable = 0;
  #flushing: Promise<void> | undefined;
  #snapshotting: Promise<void> | undefined;
  /** Set when the journal can no longer be written safely: every change is undone (PERSIST-9). */
  #broken: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #unsynced = false;
  #closed = false;

  private constructor(dir: string, service: Service, files: DataFiles, options: DataDirOptions, release: () => void, at: { segment: number; file: AppendFile; written: number; recovery: Recovery }) {
    this.dir = dir;
    this.#service = service;
    this.#files = files;
    this.#durability = options.durability ?? "fsync";
    this.#segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.#log = options.log ?? ((line) => console.error(line));
    this.#release = release;
    this.#segment = at.segment;
    this.#file = at.file;
    this.#written = at.written;
    this.recovery = at.recovery;
    service.onChange((change, before) => this.#onChange(change, before));
    if (this.#durability === "write") {
      this.#timer = setInterval(() => void this.#syncInterval(), options.fsyncIntervalMs ?? 1000);
      this.#timer.unref();
    }
  }

  /**
   * Locks `dir` (PERSIST-7), reads its last snapshot and replays the journal after it into
   * `service` (PERSIST-4); a new directory starts from the service's state as it is. Throws a
   * DataDirError, having changed nothing on disk, when the directory cannot be read whole.
   */
  static async open(dir: string, service: Service, options: DataDirOptions = {}): Promise<DataDir> {
    const files = options.files ?? nodeFiles;
    const log = options.log ?? ((line: string) => console.error(line));
    await files.mkdir(dir);
    const release = lockDataDir(dir);
    try {
      const at = await recover(dir, service, files, log);
      const data = new DataDir(dir, service, files, options, release, at);
      if (!at.recovery.fresh) {
        service.resumed();
        if ((await data.settled()) === false) {
          const why = data.broken;
          await data.close();
          throw new DataDirError(`${dir}: the start could not be journaled${why ? `: ${why}` : ""}`);
        }
      }
      return data;
    } catch (error) {
      release();
      throw error;
    }
  }

  #onChange(change: ServiceChange, before: ServicePosition): void {
    if (this.#broken !== undefined) {
      // PERSIST-9: nothing can be journaled: the change is undone and its answer is a fault.
      this.#service.rewind(before);
      this.#appended++;
      return;
    }
    this.#pending.push({ line: recordLine(change), before, seq: ++this.#appended });
    // Begun once the requests read in this turn of the event loop are answered: they share a write.
    this.#flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#flush());
  }

  /**
   * Undefined when every change so far is durable; else a promise of whether they became so. The
   * server sends no answer before it settles, so no client sees a state that could still be lost.
   */
  settled(): Promise<boolean> | undefined {
    if (this.#broken !== undefined && this.#appended > this.#durable) return Promise.resolve(false);
    if (this.#durable >= this.#appended) return undefined;
    const seq = this.#appended;
    return new Promise((resolve) => this.#waiters.push({ seq, resolve }));
  }

  /** Why changes are refused, when the journal cannot be written (PERSIST-9). */
  get broken(): string | undefined {
    return this.#broken;
  }

  /**
   * Writes batches until none is pending. It says it is done in the same tick it finds nothing
   * pending, so a change made in any later tick starts a new flush: none is left behind.
   */
  async #flush(): Promise<void> {
    try {
      await this.#flushAll();
    } catch (error) {
      this.#broken = `journal ${journalName(this.#segment)}: ${error instanceof Error ? error.message : String(error)}`;
      this.#log(`cognito-identity-model: ${this.#broken}: every change is refused from now on`);
      for (const waiter of this.#waiters.splice(0)) waiter.resolve(false);
      this.#flushing = undefined;
    }
  }

  async #flushAll(): Promise<void> {
    for (;;) {
      if (this.#pending.length === 0) {
        this.#flushing = undefined;
        return;
      }
      if (this.#written >= this.#segmentBytes && !this.#snapshotting) {
        try {
          await this.#rotate(this.#pending[0]!.before);
        } catch (error) {
          // The segment goes on; the next batch tries again.
          this.#log(`cognito-identity-model: journal ${journalName(this.#segment + 1)} not begun (the current segment goes on): ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const batch = this.#pending.splice(0);
      const data = Buffer.from(batch.map((p) => p.line).join(""));
      const start = this.#written;
      try {
        await this.#file.write(data);
        if (this.#durability === "fsync") await this.#file.sync();
        else this.#unsynced = true;
      } catch (error) {
        // Changes made while it is undone build on the state put back: they are written next.
        await this.#failed(batch, start, error);
        continue;
      }
      this.#written = start + data.length;
      this.#durable = batch[batch.length - 1]!.seq;
      this.#wake();
    }
  }

  #wake(): void {
    let i = 0;
    while (i < this.#waiters.length && this.#waiters[i]!.seq <= this.#durable) this.#waiters[i++]!.resolve(true);
    this.#waiters.splice(0, i);
  }

  /**
   * PERSIST-9: a batch could not be written (a full disk): the service goes back to where it stood
   * before it, the journal back to its last whole record, and every answer waiting on it is a
   * fault. If the journal cannot be cut back, nothing more is accepted.
   */
  async #failed(batch: Pending[], start: number, error: unknown): Promise<void> {
    const cause = error instanceof Error ? error.message : String(error);
    this.#service.rewind(batch[0]!.before);
    const failedUpTo = this.#appended;
    const lost = failedUpTo - batch[0]!.seq + 1;
    this.#pending = [];
    this.#durable = failedUpTo;
    try {
      await this.#file.truncate(start);
      this.#log(`cognito-identity-model: journal ${journalName(this.#segment)}: ${cause}; the ${lost} change(s) it held are undone and answered as errors`);
    } catch (truncateError) {
      this.#broken = `journal ${journalName(this.#segment)}: ${cause}, and it could not be cut back to its last whole record (${truncateError instanceof Error ? truncateError.message : String(truncateError)})`;
      this.#log(`cognito-identity-model: ${this.#broken}: every change is refused from now on; restart the server once the disk is fixed`);
    }
    // Whoever waited on the state undone is answered a fault; changes made since build on the state put back.
    let i = 0;
    while (i < this.#waiters.length && this.#waiters[i]!.seq <= failedUpTo) this.#waiters[i++]!.resolve(false);
    this.#waiters.splice(0, i);
  }

  /** PERSIST-6: the next records go to a new segment; the state before them is written as its snapshot. */
  async #rotate(boundary: ServicePosition): Promise<void> {
    const segment = this.#segment + 1;
    const file = await createJournal(this.#files, this.dir, segment);
    if (this.#durability === "write") await this.#file.sync();
    await this.#file.close();
    [this.#segment, this.#file, this.#written] = [segment, file, Buffer.byteLength(headerLine("journal", segment))];
    const change = this.#service.stateChangeAt(boundary);
    this.#snapshotting = writeSnapshot(this.#files, this.dir, segment, change)
      .then(() => removeBefore(this.#files, this.dir, segment))
      .catch((error: unknown) => this.#log(`cognito-identity-model: snapshot ${snapshotName(segment)} not written (the journal keeps everything): ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.#snapshotting = undefined));
  }

  async #syncInterval(): Promise<void> {
    if (!this.#unsynced || this.#flushing) return;
    this.#unsynced = false;
    try {
      await this.#file.sync();
    } catch (error) {
      this.#log(`cognito-identity-model: journal ${journalName(this.#segment)}: fsync failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Writes what is pending, waits for a snapshot being written, syncs, and releases the directory. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#service.onChange(undefined);
    if (this.#timer) clearInterval(this.#timer);
    await this.#flushing;
    await this.#snapshotting;
    try {
      await this.#file.sync();
    } catch {
      // Nothing acknowledged depends on it in fsync mode; in write mode this was the last chance.
    }
    await this.#file.close();
    this.#release();
  }
}

async function createJournal(files: DataFiles, dir: string, segment: number): Promise<AppendFile> {
  // A segment begun before and torn in its header (a rotation that failed) is begun again.
  await files.remove(inDir(dir, journalName(segment)));
  const file = await files.append(inDir(dir, journalName(segment)));
  await file.write(Buffer.from(headerLine("journal", segment)));
  await file.sync();
  await files.syncDir(dir);
  return file;
}

/** PERSIST-4: header, the change's JSON written piece by piece, trailer with its checksum; then renamed in place. */
async function writeSnapshot(files: DataFiles, dir: string, segment: number, change: ServiceChange): Promise<void> {
  const name = snapshotName(segment);
  const partial = inDir(dir, `${name}.partial`);
  await files.remove(partial);
  const file = await files.append(partial);
  try {
    await file.write(Buffer.from(headerLine("snapshot", segment)));
    let crc = 0;
    let bytes = 0;
    let piece = "";
    const put = async (text: string) => {
      const data = Buffer.from(text);
      crc = crc32(data, crc);
      bytes += data.length;
      await file.write(data);
    };
    for (const chunk of jsonChunks(change)) {
      piece += chunk;
      if (piece.length >= 256 * 1024) {
        await put(piece);
        piece = "";
      }
    }
    await put(piece);
    await file.write(Buffer.from(trailerLine(crc, bytes)));
    await file.sync();
  } finally {
    await file.close();
  }
  await files.rename(partial, inDir(dir, name));
  await files.syncDir(dir);
}

/** Once snapshot `segment` is on the disk, the files before it are not needed. */
async function removeBefore(files: DataFiles, dir: string, segment: number): Promise<void> {
  for (const name of await files.list(dir)) {
    const n = segmentOf(name, "journal") ?? segmentOf(name, "snapshot");
    if (n !== undefined && n < segment) await files.remove(inDir(dir, name));
  }
}

async function recover(dir: string, service: Service, files: DataFiles, log: (line: string) => void): Promise<{ segment: number; file: AppendFile; written: number; recovery: Recovery }> {
  const names = await files.list(dir);
  const snapshots = names.flatMap((name) => segmentOf(name, "snapshot") ?? []).sort((a, b) => a - b);
  const journals = names.flatMap((name) => segmentOf(name, "journal") ?? []).sort((a, b) => a - b);
  for (const name of names) if (name.endsWith(".partial")) await files.remove(inDir(dir, name));
  if (snapshots.length === 0) {
    if (journals.length > 0) throw new DataDirError(`${dir}: journal ${journalName(journals[0]!)} but no snapshot to replay it on: the directory is damaged`);
    // PERSIST-1: a new directory; its first snapshot is the state the service starts with (its init file applied).
    await writeSnapshot(files, dir, 0, service.stateChangeAt(service.position()));
    const file = await createJournal(files, dir, 0);
    return { segment: 0, file, written: Buffer.byteLength(headerLine("journal", 0)), recovery: { fresh: true, replayed: 0, tornBytes: 0 } };
  }
  const base = snapshots[snapshots.length - 1]!;
  const read = readSnapshotFile(await files.read(inDir(dir, snapshotName(base))), base, snapshotName(base));
  if (!read.ok) throw new DataDirError(`${dir}: ${read.reason}`);
  try {
    service.apply(read.snapshot as ServiceChange);
  } catch (error) {
    throw new DataDirError(`${dir}: ${snapshotName(base)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Files a snapshot made unnecessary, left by a stop before they were removed.
  await removeBefore(files, dir, base);
  const segments = journals.filter((n) => n >= base);
  segments.forEach((n, i) => {
    if (n !== base + i) throw new DataDirError(`${dir}: ${journalName(base + i)} is missing (the journal goes on at ${journalName(n)}): the directory is damaged`);
  });
  let replayed = 0;
  let tornBytes = 0;
  let written = 0;
  for (const [i, segment] of segments.entries()) {
    const name = journalName(segment);
    const scan = scanJournal(await files.read(inDir(dir, name)), segment, name);
    if (!scan.ok) throw new DataDirError(`${dir}: ${scan.reason}`);
    const last = i === segments.length - 1;
    if (scan.tornBytes > 0 && !last) throw new DataDirError(`${dir}: ${name} ends in a damaged record, and ${journalName(segments[i + 1]!)} follows it: the directory is damaged`);
    for (const [at, change] of scan.changes.entries()) {
      try {
        service.apply(change);
      } catch (error) {
        throw new DataDirError(`${dir}: ${name}: record ${at + 1} cannot be replayed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    replayed += scan.changes.length;
    tornBytes = scan.tornBytes;
    written = scan.goodBytes;
  }
  const segment = segments.length > 0 ? segments[segments.length - 1]! : base;
  let file: AppendFile;
  if (segments.length === 0 || written === 0) {
    // A segment created without its header (stopped as it was made), or none at all: made afresh.
    if (segments.length > 0) await files.remove(inDir(dir, journalName(segment)));
    file = await createJournal(files, dir, segment);
    written = Buffer.byteLength(headerLine("journal", segment));
  } else {
    file = await files.append(inDir(dir, journalName(segment)));
    if (tornBytes > 0) {
      await file.truncate(written);
      await file.sync();
      log(`cognito-identity-model: ${dir}: ${journalName(segment)} ended in a torn record (${tornBytes} bytes, written as the server stopped, never acknowledged): dropped`);
    }
  }
  return { segment, file, written, recovery: { fresh: false, replayed, tornBytes } };
}
