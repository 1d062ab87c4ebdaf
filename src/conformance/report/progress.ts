// The progress line: runs done against the budget, commands sent, divergences found.
import type { Progress } from "../runner.js";

export function progressLine(p: Progress, width = 24): string {
  const done = p.budget === 0 ? width : Math.round((p.runs / p.budget) * width);
  const bar = `${"█".repeat(done)}${"░".repeat(width - done)}`;
  const found = `${p.divergences} divergence${p.divergences === 1 ? "" : "s"}`;
  return `[${bar}] ${p.runs}/${p.budget} runs · ${p.commands.toLocaleString("en-US")} commands · ${found}${p.shrinking ? " · shrinking" : ""}`;
}
