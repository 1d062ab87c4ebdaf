// Identities at scale: the cost of one GetId or DescribeIdentity step with 1,000 identities in a pool
// against the same step with 1,000,000 (target: ratio within 2), and heap bytes per identity
// (target: under 1 KiB). Half the identities are unauthenticated, half linked to a Facebook login.
// Run with --expose-gc (bench/run.ts does) for the heap figures.
import { initialState, step, testToken, type RawCommand, type State } from "../src/model/index.js";
import { fmt, nsPerCall, table } from "./measure.js";

const context = { account: "123456789012", region: "us-east-1", now: 1_700_000_000_000 };
const cmd = (op: string, input: unknown): RawCommand => ({ op, input, context });
const FACEBOOK = "graph.facebook.com";
const facebook = (user: string) => ({ [FACEBOOK]: testToken(FACEBOOK, { sub: user, aud: "app-1" }) });
const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

interface Built {
  state: State;
  poolId: string;
  /** 1,000 identity ids spread over the pool, for lookups. */
  sample: string[];
  ms: number;
  bytesPerIdentity: number;
}

function build(identities: number): Built {
  let state = initialState({ seed: 42 });
  let [next, result] = step(state, cmd("CreateIdentityPool", { IdentityPoolName: "big", AllowUnauthenticatedIdentities: true, SupportedLoginProviders: { [FACEBOOK]: "app-1" } }));
  if (!result.ok) throw new Error(result.error.message);
  const poolId = (result.output as { IdentityPoolId: string }).IdentityPoolId;
  state = next;
  const sample: string[] = [];
  const before = heapUsed();
  const start = process.hrtime.bigint();
  for (let i = 0; i < identities; i++) {
    const input = i % 2 === 0 ? { IdentityPoolId: poolId } : { IdentityPoolId: poolId, Logins: facebook(`user-${i}`) };
    [next, result] = step(state, cmd("GetId", input));
    if (!result.ok) throw new Error(result.error.message);
    state = next;
    if (i % Math.max(1, identities / 1000) === 0) sample.push((result.output as { IdentityId: string }).IdentityId);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const bytesPerIdentity = (heapUsed() - before) / identities;
  return { state, poolId, sample, ms, bytesPerIdentity };
}

const sizes = [1_000, 1_000_000] as const;
const ROUNDS = 5;
const buildRows: (string | number)[][] = [["identities", "build (s)", "GetId steps per second while building", "heap bytes per identity"]];
const built = sizes.map((size) => {
  const b = build(size);
  buildRows.push([fmt(size, 0), fmt(b.ms / 1000), fmt(size / (b.ms / 1000), 0), gc ? fmt(b.bytesPerIdentity, 0) : "(run with --expose-gc)"]);
  return b;
});

function cases(b: Built, size: number): [string, () => RawCommand][] {
  let i = 0;
  const linked = (n: number) => facebook(`user-${(n * 2 + 1) % size}`);
  return [
    ["GetId, new unauthenticated identity", () => cmd("GetId", { IdentityPoolId: b.poolId })],
    ["GetId, login already linked", () => cmd("GetId", { IdentityPoolId: b.poolId, Logins: linked(i++ * 7919) })],
    ["GetId, new login", () => cmd("GetId", { IdentityPoolId: b.poolId, Logins: facebook(`new-${i++}`) })],
    ["DescribeIdentity", () => cmd("DescribeIdentity", { IdentityId: b.sample[i++ % b.sample.length] })],
  ];
}

// The two sizes are measured in alternation, several rounds, and the fastest round of each kept:
// other work on the machine slows some rounds down, never speeds one up.
const perCase = sizes.map((size, k) => cases(built[k]!, size));
const rows: (string | number)[][] = [["step", "identities", "ns per step", "steps per second", "ratio vs 1,000"]];
let worst = 0;
for (let c = 0; c < perCase[0]!.length; c++) {
  const best = sizes.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++) {
    sizes.forEach((_, k) => {
      const [label, make] = perCase[k]![c]!;
      const ns = nsPerCall(() => {
        const [, result] = step(built[k]!.state, make());
        if (!result.ok) throw new Error(`${label}: ${result.error.message}`);
      }, 300);
      best[k] = Math.min(best[k]!, ns);
    });
  }
  sizes.forEach((size, k) => rows.push([perCase[k]![c]![0], fmt(size, 0), fmt(best[k]!, 0), fmt(1e9 / best[k]!, 0), fmt(best[k]! / best[0]!)]));
  worst = Math.max(worst, best[1]! / best[0]!);
}

console.log(table(buildRows));
console.log();
console.log(table(rows));
console.log(`\nworst ratio of one step at 1,000,000 identities to 1,000: ${fmt(worst)} (target < 2)`);
