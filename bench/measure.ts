// Shared timing helpers for the benchmarks: figures are reported against a baseline measured in
// the same run, never asserted.

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns nanoseconds per call. */
export function nsPerCall(fn: () => void, ms = 500): number {
  const deadline = (ns: bigint) => process.hrtime.bigint() + ns;
  for (const end = deadline(BigInt(ms) * 200_000n); process.hrtime.bigint() < end; ) fn();
  let calls = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 64; i++) fn();
    calls += 64;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / calls;
}

/** Async variant: `fn` resolves once per call. */
export async function nsPerAsyncCall(fn: () => Promise<unknown>, ms = 500): Promise<number> {
  const warm = process.hrtime.bigint() + BigInt(ms) * 200_000n;
  while (process.hrtime.bigint() < warm) await fn();
  let calls = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    await fn();
    calls++;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / calls;
}

export const fmt = (n: number, digits = 2) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(cells[0]!), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...cells.slice(1).map(line)].join("\n");
}
