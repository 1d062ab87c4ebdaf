import fc from "fast-check";
import { developerPoolRef, identifierRef, providerRef, resolveDeveloperPool, resolveIdentifier, resolveProvider } from "../arbitraries/developer.js";
import { poolIdentityRef, resolvePoolIdentity } from "../arbitraries/identities.js";
import { defineOperation } from "../operation.js";
import { linkedIdentifier } from "../requires.js";

/** Mostly an identifier of the identity named; else any identifier reference. */
const identifier = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ ofIdentity: fc.nat({ max: 9 }) }), weight: 3 },
  { arbitrary: identifierRef, weight: 2 },
);

export const unlinkDeveloperIdentity = defineOperation({
  op: "UnlinkDeveloperIdentity",
  weight: 2,
  params: fc.record({ pool: developerPoolRef, identity: poolIdentityRef, provider: providerRef, identifier }),
  input: ({ pool, identity, provider, identifier }, world) => {
    const poolId = resolveDeveloperPool(pool, world);
    const identityId = resolvePoolIdentity(identity, world, poolId);
    return {
      IdentityId: identityId,
      IdentityPoolId: poolId,
      DeveloperProviderName: resolveProvider(provider, world, poolId),
      DeveloperUserIdentifier: resolveIdentifier(identifier, world, poolId, identityId),
    };
  },
  requires: linkedIdentifier,
  mutates: true,
  needs: ["CreateIdentityPool", "GetOpenIdTokenForDeveloperIdentity"],
});
