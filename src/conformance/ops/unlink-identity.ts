import fc from "fast-check";
import { identityRef, resolveIdentity } from "../arbitraries/identities.js";
import { loginsRef, resolveLogins } from "../arbitraries/logins.js";
import { withoutUndefined } from "../arbitraries/pool-settings.js";
import { loginKeysOf } from "../arbitraries/providers.js";
import { stringFor } from "../arbitraries/strings.js";
import { defineOperation } from "../operation.js";
import { liveIdentity } from "../requires.js";
import type { World } from "../world.js";

/** A provider to unlink: one the identity has a login of, one the pool has, or any name. */
type RemovalRef = { linked: number } | { configured: number } | { any: string };

const removalRef: fc.Arbitrary<RemovalRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ linked: fc.nat({ max: 9 }) }), weight: 6 },
  { arbitrary: fc.record({ configured: fc.nat({ max: 9 }) }), weight: 2 },
  { arbitrary: fc.record({ any: stringFor("IdentityProviderName") }), weight: 1 },
);

function resolveRemoval(ref: RemovalRef, world: World, identityId: string, poolId: string | undefined): string {
  if ("any" in ref) return ref.any;
  const configured = loginKeysOf(poolId === undefined ? undefined : world.pool(poolId)).map((k) => k.key);
  const linked = world.identity(identityId)?.logins.map((l) => l.provider) ?? [];
  const from = "linked" in ref && linked.length > 0 ? linked : configured;
  const n = "linked" in ref ? ref.linked : ref.configured;
  return from.length === 0 ? "graph.facebook.com" : from[n % from.length]!;
}

export const unlinkIdentity = defineOperation({
  op: "UnlinkIdentity",
  weight: 2,
  params: fc.record({ identity: identityRef, logins: loginsRef(1, 8), remove: fc.array(removalRef, { maxLength: 2 }) }),
  input: ({ identity, logins, remove }, world) => {
    const id = resolveIdentity(identity, world);
    const poolId = world.poolOfIdentity(id);
    return withoutUndefined({
      IdentityId: id,
      Logins: resolveLogins(logins, { world, poolId, identityId: id }),
      LoginsToRemove: remove.map((r) => resolveRemoval(r, world, id, poolId)),
    });
  },
  requires: liveIdentity,
  mutates: true,
  needs: ["CreateIdentityPool", "GetId"],
});
