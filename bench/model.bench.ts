// The pure model: steps per second on a mixed workload, and the cost of one step with 10 pools
// against the same step with 1,000 pools (target: ratio under 1.5).
import { initialState, poolArn, step, type RawCommand, type State } from "../src/model/index.js";
import { fmt, nsPerCall, table } from "./measure.js";

const context = { account: "123456789012", region: "us-east-1", now: 1_700_000_000_000 };
const cmd = (op: string, input: unknown): RawCommand => ({ op, input, context });

function stateWith(pools: number): { state: State; ids: string[] } {
  // The quota is raised so that creates still succeed at 1,000 pools.
  let state = initialState({ seed: 42, quotas: { identityPoolsPerRegion: 5000 } });
  const ids: string[] = [];
  for (let i = 0; i < pools; i++) {
    const [next, result] = step(state, cmd("CreateIdentityPool", { IdentityPoolName: `pool ${i}`, AllowUnauthenticatedIdentities: true, IdentityPoolTags: { team: "a" } }));
    if (!result.ok) throw new Error(result.error.message);
    ids.push((result.output as { IdentityPoolId: string }).IdentityPoolId);
    state = next;
  }
  return { state, ids };
}

/** One round of a mixed workload: reads, writes, tags, listing, an error path, create + delete. */
function mixedRound(base: State, ids: string[], i: number): State {
  let state = base;
  const id = ids[i % ids.length]!;
  const arn = poolArn(context.account, context.region, id);
  const commands: RawCommand[] = [
    cmd("DescribeIdentityPool", { IdentityPoolId: id }),
    cmd("UpdateIdentityPool", { IdentityPoolId: id, IdentityPoolName: `renamed ${i}`, AllowUnauthenticatedIdentities: false }),
    cmd("TagResource", { ResourceArn: arn, Tags: { [`k${i % 7}`]: "v" } }),
    cmd("ListTagsForResource", { ResourceArn: arn }),
    cmd("UntagResource", { ResourceArn: arn, TagKeys: [`k${i % 7}`] }),
    cmd("ListIdentityPools", { MaxResults: 10 }),
    cmd("DescribeIdentityPool", { IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" }),
    cmd("CreateIdentityPool", { IdentityPoolName: "p#bad", AllowUnauthenticatedIdentities: true }),
  ];
  for (const c of commands) [state] = step(state, c);
  const [created, result] = step(state, cmd("CreateIdentityPool", { IdentityPoolName: "transient", AllowUnauthenticatedIdentities: true }));
  if (result.ok) [state] = step(created, cmd("DeleteIdentityPool", { IdentityPoolId: (result.output as { IdentityPoolId: string }).IdentityPoolId }));
  return state;
}
const STEPS_PER_ROUND = 10;

const rows: (string | number)[][] = [["workload", "pools", "ns per step", "steps per second", "ratio vs 10 pools"]];
const perStep: Record<number, number> = {};
for (const pools of [10, 1000]) {
  const { state, ids } = stateWith(pools);
  let i = 0;
  const ns = nsPerCall(() => void mixedRound(state, ids, i++), 1500) / STEPS_PER_ROUND;
  perStep[pools] = ns;
  rows.push(["mixed (10 steps a round)", pools, fmt(ns, 0), fmt(1e9 / ns, 0), fmt(ns / perStep[10]!)]);
}
for (const [label, make] of [
  ["DescribeIdentityPool", (ids: string[], i: number) => cmd("DescribeIdentityPool", { IdentityPoolId: ids[i % ids.length] })],
  ["CreateIdentityPool", () => cmd("CreateIdentityPool", { IdentityPoolName: "new", AllowUnauthenticatedIdentities: true })],
  ["TagResource", (ids: string[], i: number) => cmd("TagResource", { ResourceArn: poolArn(context.account, context.region, ids[i % ids.length]!), Tags: { k: "v" } })],
] as const) {
  const base: Record<number, number> = {};
  for (const pools of [10, 1000]) {
    const { state, ids } = stateWith(pools);
    let i = 0;
    base[pools] = nsPerCall(() => void step(state, make(ids, i++)), 700);
    rows.push([label, pools, fmt(base[pools]!, 0), fmt(1e9 / base[pools]!, 0), fmt(base[pools]! / base[10]!)]);
  }
}
console.log(table(rows));
console.log(`\nratio of one mixed step at 1,000 pools to 10 pools: ${fmt(perStep[1000]! / perStep[10]!)} (target < 1.5)`);
