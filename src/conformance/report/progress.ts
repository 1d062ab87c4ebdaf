// The progress line: runs done against the budget, commands sent, divergences found.
import type { Progress } from "../runner.js";

export function progressLine(p: Progress, width = 24): string {
  const done = p.budget === 0 ? width : Math.round((p.runs / p.budget) * width);
  const bar = `${"█".repeat(done)}${"░".repeat(width - done)}`;
  const found = `${p.divergences} divergence${p.divergences === 1 ? "" : "s"}`;
  // The time left at the pace so far; none while shrinking, whose length nobody knows.
  const left = p.elapsedMs !== undefined && p.runs > 0 && p.runs < p.budget && !p.shrinking ? ` · about ${duration((p.elapsedMs / p.runs) * (p.budget - p.runs))} left` : "";
  return `[${bar}] ${p.runs}/${p.budget} runs · ${p.commands.toLocaleString("en-US")} commands · ${found}${p.shrinking ? " · shrinking" : ""}${left}`;
}

function duration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}
