// Shared pieces of every report format: outcomes, commands and the replay command line.
import type { Result } from "../../model/index.js";
import { divergenceKinds, type DivergenceKind } from "../compare/outcome.js";
import type { Divergence, RecordedCommand, Replay } from "../divergence.js";
import { evidenceGrades } from "../evidence.js";
import type { CheckResult } from "../runner.js";
import type { Outcome } from "../target.js";
import { abbreviateMessage, formatValue } from "./format.js";

export function describeOutcome(outcome: Result | Outcome): string {
  const status = "status" in outcome && outcome.status !== undefined ? ` (HTTP ${outcome.status})` : "";
  return outcome.ok ? `success${status}: ${formatValue(outcome.output)}` : `${outcome.error.type}${status}: ${abbreviateMessage(outcome.error.message)}`;
}

export const describeCommand = (c: RecordedCommand) => `${c.op} ${formatValue(c.input)}${c.note ? `   (${c.note})` : ""}`;

/** One line naming the divergence: its operation, kind and causes. */
export const headline = (d: Divergence) => `${d.operation}: ${d.kind} (${d.facets.join("; ")})`;

/** The command that replays a divergence, given the arguments that name its target. */
export function replayCommand(replay: Replay, targetArgs: readonly string[]): string {
  const args = [...targetArgs, "--seed", String(replay.seed), "--path", replay.path];
  if (replay.replayPath) args.push("--replay-path", replay.replayPath);
  args.push("--ops", replay.operations.join(","));
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
  const rows = result.operations.map((s) => [s.operation, String(s.commands), ...divergenceKinds.map((k) => (s.divergences[k] ? String(s.divergences[k]) : "·"))]);
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
