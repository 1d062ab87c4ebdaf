// Shared pieces of every report format: outcomes, commands and the replay command line.
import type { Result } from "../../model/index.js";
import { divergenceKinds, type DivergenceKind } from "../compare/outcome.js";
import type { Divergence, RecordedCommand, Replay } from "../divergence.js";
import { evidenceGrades } from "../evidence.js";
import { checkedOperations } from "../ops/index.js";
import type { CheckResult } from "../runner.js";
import type { Outcome } from "../target.js";
import { abbreviateMessage, formatValue } from "./format.js";

export function describeOutcome(outcome: Result | Outcome): string {
  const status = "status" in outcome && outcome.status !== undefined ? ` (HTTP ${outcome.status})` : "";
  return outcome.ok ? `success${status}: ${formatValue(outcome.output)}` : `${outcome.error.type}${status}: ${abbreviateMessage(outcome.error.message)}`;
}

const ID = /^[a-z]{2}(?:-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

function strings(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === "string") into.add(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, into);
  else if (typeof value === "object" && value !== null && !(value instanceof Date)) for (const v of Object.values(value)) strings(v, into);
  return into;
}

/**
 * The target's answer as reports print it: ids the model's side never showed (the target's own,
 * random from run to run) and times read as placeholders, so the same check gives the same report.
 * The JSON report keeps the answer as it came.
 */
export function stableActual(d: Divergence): Outcome {
  if (!d.actual.ok) return stableError(d.actual);
  const known = strings([d.commands.map((c) => c.input), d.expected.ok ? d.expected.output : undefined], new Set());
  return { ...d.actual, output: stableValue(d.actual.output, known) };
}

/** The model's answer as reports print it: times (the clock's, not the seed's) as placeholders. */
export const stableExpected = (d: Divergence): Result => (d.expected.ok ? { ...d.expected, output: stableValue(d.expected.output) } : stableError(d.expected));

/** The messages that print times (an expired token's: the command's time, an expiry): LOGIN-8, STS's. */
const TIMED_MESSAGES: readonly [RegExp, string][] = [
  [/Token expired: \d+ >= \d+/g, "Token expired: <a time> >= <a time>"],
  [/current date\/time \d+ must be before the expiration date\/time \d+/g, "current date/time <a time> must be before the expiration date/time <a time>"],
];

function stableError<T extends { ok: false; error: { message: string } }>(outcome: T): T {
  const message = TIMED_MESSAGES.reduce((m, [pattern, placeholder]) => m.replace(pattern, placeholder), outcome.error.message);
  return message === outcome.error.message ? outcome : { ...outcome, error: { ...outcome.error, message } };
}

function stableValue(value: unknown, known?: ReadonlySet<string>): unknown {
  if (value instanceof Date) return "<a time>";
  if (typeof value === "string") return known && ID.test(value) && !known.has(value) ? "<an id of the target's>" : ISO_TIME.test(value) ? "<a time>" : value;
  if (Array.isArray(value)) return value.map((v) => stableValue(v, known));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stableValue(v, known)]));
  return value;
}

/** A divergence's difference lines with the same placeholders as `stableActual`. */
export function stableDiff(d: Divergence): string[] {
  const known = strings([d.commands.map((c) => c.input), d.expected.ok ? d.expected.output : undefined], new Set());
  return d.diff.map((line) =>
    line
      .replace(/[a-z]{2}(?:-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => (known.has(id) ? id : "<an id of the target's>"))
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, "<a time>"),
  );
}

export const describeCommand = (c: RecordedCommand) => `${c.op} ${formatValue(c.input)}${c.note ? `   (${c.note})` : ""}`;

/** One line naming the divergence: its operation, kind and causes. */
export const headline = (d: Divergence) => `${d.operation}: ${d.kind} (${d.facets.join("; ")})`;

/** The command that replays a divergence, given the arguments that name its target. */
export function replayCommand(replay: Replay, targetArgs: readonly string[]): string {
  const args = [...targetArgs, "--seed", String(replay.seed), "--path", replay.path];
  if (replay.replayPath) args.push("--replay-path", replay.replayPath);
  // The default set needs no naming: a replay generates from the same operations without --ops.
  const all = checkedOperations.length === replay.operations.length && checkedOperations.every((op) => replay.operations.includes(op));
  if (!all) args.push("--ops", replay.operations.join(","));
  return ["npx cognito-identity-model check", ...args.map((a) => (/^[\w./:,=@-]+$/.test(a) ? a : `'${a}'`))].join(" ");
}

const kindColumns: Record<DivergenceKind, string> = {
  "missing operation": "missing",
  crash: "crash",
  "wrong status": "status",
  "wrong error type": "error type",
  "wrong message": "message",
  "wrong output": "output",
};

/** Rows of the per-operation table: operation, commands, then one count per kind. */
export function summaryRows(result: CheckResult): string[][] {
  const header = ["operation", "commands", ...divergenceKinds.map((k) => kindColumns[k])];
  // Operations the check sent nothing to (a replay's, or those outside --ops) are left out.
  const rows = result.operations
    .filter((s) => s.commands > 0)
    .map((s) => [s.operation, String(s.commands), ...divergenceKinds.map((k) => (s.divergences[k] ? String(s.divergences[k]) : "·"))]);
  const total = ["total", String(result.commands), ...divergenceKinds.map((k) => String(result.divergences.filter((d) => d.kind === k).length || "·"))];
  return [header, ...rows, total];
}

/** What the expected side rests on: `CRED-3 (observed, identities.md)`, or that no rule was found. */
export const describeEvidence = (d: Divergence) =>
  d.evidence.rules.length === 0
    ? "no rule found (the expected answer is the model's; see spec/)"
    : d.evidence.rules.map((r) => `${r.id} (${r.grade}, spec/${r.page})`).join(", ");

/** How many divergences rest on each grade: `documented 3 · observed 40 · our choice 12 · no rule found 5`. */
export function gradeCounts(divergences: readonly Divergence[]): string {
  return evidenceGrades.map((g) => `${g} ${divergences.filter((d) => d.evidence.grade === g).length}`).join(" · ");
}

/** What the columns of the table count. */
export const legend = [
  "commands: commands sent; then divergences per kind:",
  "missing: the operation is not implemented; crash: a 5xx or an answer that is no service response;",
  "status: success where the model refuses, or the other way round (or another HTTP status);",
  "error type: another error; message: the same error, another message; output: the same success, other members.",
  "Ids in commands and answers are the model's: the check maps the target's ids to them.",
];
