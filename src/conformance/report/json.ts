// The JSON report: `{ target, seed, runs, divergences: [{ operation, kind, expected, actual, commands, replay }] }`.
import type { CheckResult } from "../runner.js";
import { replayCommand } from "./describe.js";

export function toJsonReport(result: CheckResult, targetArgs: readonly string[], date = new Date()) {
  return {
    target: result.target,
    seed: result.seed,
    runs: result.runs,
    commands: result.commands,
    date: date.toISOString(),
    operations: result.operations.map(({ operation, commands, repeats, cascades, divergences }) => ({ operation, commands, repeats, cascades, divergences })),
    divergences: result.divergences.map((d) => ({
      operation: d.operation,
      kind: d.kind,
      causes: d.facets,
      expected: d.expected,
      actual: d.actual,
      difference: d.diff,
      evidence: d.evidence,
      commands: d.commands,
      replay: d.replay ? { ...d.replay, command: replayCommand(d.replay, targetArgs) } : null,
    })),
    notes: result.notes,
  };
}

export const renderJson = (result: CheckResult, targetArgs: readonly string[], date?: Date) =>
  `${JSON.stringify(toJsonReport(result, targetArgs, date), null, 2)}\n`;
