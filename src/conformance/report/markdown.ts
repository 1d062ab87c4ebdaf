// The Markdown report: the same content as the JSON one, for people.
import type { CheckResult } from "../runner.js";
import { describeCommand, describeEvidence, describeOutcome, stableActual, stableDiff, stableExpected, gradeCounts, headline, legend, replayCommand, summaryRows } from "./describe.js";

const cell = (s: string) => s.replace(/\|/g, "\\|");
const code = (s: string) => `\`${s.replace(/`/g, "ˋ")}\``;

export interface MarkdownOptions {
  title?: string;
  /** Paragraphs placed under the title (how the report was made). */
  preamble?: string[];
  date?: Date;
}

export function renderMarkdown(result: CheckResult, targetArgs: readonly string[], options: MarkdownOptions = {}): string {
  const count = result.divergences.length;
  const lines = [`# ${options.title ?? `Conformance of ${result.target}`}`, ""];
  for (const p of options.preamble ?? []) lines.push(p, "");
  lines.push(
    `Target ${code(result.target)}, seed ${code(String(result.seed))}, ${result.runs} runs, ${result.commands} commands` +
      `${options.date ? `, ${options.date.toISOString().slice(0, 10)}` : ""}: **${count} divergence${count === 1 ? "" : "s"}**.`,
    "",
  );
  const [header, ...rows] = summaryRows(result);
  lines.push(`| ${header!.join(" | ")} |`, `| ${header!.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`);
  for (const row of rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
  lines.push("", legend.join(" "), "");
  if (count > 0) lines.push(`By the evidence of the expected answer (documented first): ${gradeCounts(result.divergences)}.`, "");
  for (const note of result.notes) lines.push(`Note: ${note}`, "");
  if (count > 0) lines.push("## Divergences", "");
  result.divergences.forEach((d, i) => {
    lines.push(`### ${i + 1}. ${cell(headline(d))}`, "", "```text");
    d.commands.forEach((c, n) => lines.push(`${n + 1}. ${describeCommand(c)}`));
    lines.push("```", "", `- expected: ${code(describeOutcome(stableExpected(d)))}`, `- actual: ${code(describeOutcome(stableActual(d)))}`, `- rests on: ${describeEvidence(d)}`);
    if (d.kind === "wrong output") for (const l of stableDiff(d)) lines.push(`- difference: ${code(l)}`);
    if (d.replay) lines.push(`- replay: ${code(replayCommand(d.replay, targetArgs))}`);
    lines.push("");
  });
  return lines.join("\n");
}
