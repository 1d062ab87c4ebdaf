// The kinds of resource commands refer to: how to list the live ones in the model's state,
// and how to remove one from a target (undoing a divergent create, cleaning up after a run).
import type { State } from "../model/index.js";
import { poolDataKey } from "../model/identity-state.js";
import { namespaceOf } from "../model/state.js";
import type { Outcome } from "./target.js";

type Send = (op: string, input: unknown) => Promise<Outcome>;

export interface ResourceKind {
  /** Model ids of the live resources, in creation order. */
  live(state: State, account: string, region: string): string[];
  removal(id: string): { op: string; input: unknown };
  /** Every resource of this kind a target holds, with its name (to find one whose creation went unanswered). */
  listAll(send: Send): Promise<{ id: string; name: string }[]>;
  /** The name a creation input gives. */
  nameOf(input: unknown): string | undefined;
  /** Removed with its identity pool: cleanup deletes the pool, not each of these. */
  ownedByPool?: boolean;
}

async function listPools(send: Send): Promise<{ id: string; name: string }[]> {
  const pools: { id: string; name: string }[] = [];
  let token: string | undefined;
  for (let page = 0; page < 100; page++) {
    const outcome = await send("ListIdentityPools", { MaxResults: 60, ...(token ? { NextToken: token } : {}) });
    if (!outcome.ok) break;
    const output = outcome.output as { IdentityPools?: { IdentityPoolId: string; IdentityPoolName: string }[]; NextToken?: string };
    for (const p of output.IdentityPools ?? []) pools.push({ id: p.IdentityPoolId, name: p.IdentityPoolName });
    token = output.NextToken;
    if (!token) break;
  }
  return pools;
}

const livePools = (state: State, account: string, region: string) => namespaceOf(state, account, region).order.values();

/** The identities of one pool, in creation order (disabled ones included: they exist). */
export function identitiesOfPool(state: State, account: string, region: string, poolId: string): string[] {
  return state.poolData.get(poolDataKey(account, region, poolId))?.order.values() ?? [];
}

export const resourceKinds = {
  pool: {
    live: livePools,
    removal: (id) => ({ op: "DeleteIdentityPool", input: { IdentityPoolId: id } }),
    listAll: listPools,
    nameOf: (input) => (input as { IdentityPoolName?: unknown } | undefined)?.IdentityPoolName as string | undefined,
  },
  identity: {
    live: (state, account, region) => livePools(state, account, region).flatMap((pool) => identitiesOfPool(state, account, region, pool)),
    removal: (id) => ({ op: "DeleteIdentities", input: { IdentityIdsToDelete: [id] } }),
    listAll: async () => [],
    nameOf: () => undefined,
    ownedByPool: true,
  },
} satisfies Record<string, ResourceKind>;

export type ResourceKindName = keyof typeof resourceKinds;
