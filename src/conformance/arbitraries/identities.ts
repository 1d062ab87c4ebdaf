// References to identities: found by reference key like pools (refs.ts), also among the
// identities of one pool.
import fc from "fast-check";
import type { World } from "../world.js";
import { liveRef, referenceKey, resolveId, type IdRef } from "./refs.js";

export const identityRef: fc.Arbitrary<IdRef> = liveRef;

export const resolveIdentity = (ref: IdRef, world: World): string => resolveId(ref, world, "identity");

/**
 * An identity of the pool the command names (the usual case), one of its developer users there,
 * or any identity reference.
 */
export type PoolIdentityRef = { inPool: number } | { developer: number } | { any: IdRef };

export const poolIdentityRef: fc.Arbitrary<PoolIdentityRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ inPool: referenceKey }), weight: 4 },
  { arbitrary: fc.record({ any: liveRef }), weight: 1 },
);

/** Mostly an identity that holds developer user identifiers: one that can take another. */
export const developerIdentityRef: fc.Arbitrary<PoolIdentityRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ developer: referenceKey }), weight: 3 },
  { arbitrary: poolIdentityRef, weight: 2 },
);

const keyOf = (ref: PoolIdentityRef) => ("inPool" in ref ? ref.inPool : "developer" in ref ? ref.developer : 0);

/** `undefined` when the reference is to an identity of the pool and the pool has none. */
export function poolIdentityOrNone(ref: PoolIdentityRef, world: World, poolId: string): string | undefined {
  if ("any" in ref) return resolveIdentity(ref.any, world);
  const inPool = world.identitiesOf(poolId);
  const provider = world.pool(poolId)?.developerProviderName;
  const developers = inPool.filter((id) => world.identity(id)!.logins.some((l) => l.provider === provider));
  const among = "developer" in ref && developers.length > 0 ? developers : inPool;
  return world.nearest("identity", keyOf(ref), "live", new Set(among));
}

/** An identity of the pool, else (the pool has none) the nearest identity anywhere. */
export function resolvePoolIdentity(ref: PoolIdentityRef, world: World, poolId: string): string {
  return poolIdentityOrNone(ref, world, poolId) ?? resolveIdentity({ live: keyOf(ref) }, world);
}
