// The terminal report: the per-operation table, then each divergence with its minimal sequence.
import type { Divergence } from "../divergence.js";
import type { CheckResult } from "../runner.js";
import { describeCommand, describeEvidence, describeOutcome, stableActual, stableDiff, stableExpected, gradeCounts, headline, legend, replayCommand, summaryRows } from "./describe.js";

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd());
}

export function renderDivergence(d: Divergence, index: number, targetArgs: readonly string[]): string[] {
  const lines = [`${index + 1}. ${headline(d)}`, "   commands:"];
  d.commands.forEach((c, i) => lines.push(`     ${i + 1}. ${describeCommand(c)}`));
  lines.push(`   expected: ${describeOutcome(stableExpected(d))}`, `   actual:   ${describeOutcome(stableActual(d))}`, `   rests on: ${describeEvidence(d)}`);
  if (d.kind === "wrong output") lines.push("   difference:", ...stableDiff(d).map((l) => `     ${l}`));
  if (d.replay) lines.push(`   replay:   ${replayCommand(d.replay, targetArgs)}`);
  return lines;
}

export function renderText(result: CheckResult, targetArgs: readonly string[]): string {
  const count = result.divergences.length;
  const lines = [
    `${result.target} · seed ${result.seed} · ${result.runs} runs · ${result.commands} commands · ${count} divergence${count === 1 ? "" : "s"}`,
    "",
    ...table(summaryRows(result)),
    "",
    ...legend,
  ];
  if (count > 0) lines.push("", `by the evidence of the expected answer: ${gradeCounts(result.divergences)}`);
  for (const note of result.notes) lines.push("", `note: ${note}`);
  if (count > 0) {
    lines.push("");
    result.divergences.forEach((d, i) => lines.push(...renderDivergence(d, i, targetArgs), ""));
  }
  return lines.join("\n");
}
