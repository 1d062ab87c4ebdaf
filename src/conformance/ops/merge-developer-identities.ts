import fc from "fast-check";
import { developerPoolRef, identifierRefWith, ownerOfIdentifier, providerRef, resolveDeveloperPool, resolveIdentifier, resolveProvider } from "../arbitraries/developer.js";
import { defineOperation, field } from "../operation.js";
import { linkedIdentifier } from "../requires.js";

/** Mostly an identifier of another identity than the source's: a merge that moves something. */
const destination = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ elsewhere: fc.nat({ max: 9 }) }), weight: 3 },
  { arbitrary: identifierRefWith(8), weight: 2 },
);

export const mergeDeveloperIdentities = defineOperation({
  op: "MergeDeveloperIdentities",
  weight: 2,
  params: fc.record({ pool: developerPoolRef, provider: providerRef, source: identifierRefWith(8), destination }),
  input: ({ pool, provider, source, destination }, world) => {
    const poolId = resolveDeveloperPool(pool, world);
    const sourceIdentifier = resolveIdentifier(source, world, poolId);
    return {
      SourceUserIdentifier: sourceIdentifier,
      DestinationUserIdentifier: resolveIdentifier(destination, world, poolId, ownerOfIdentifier(world, poolId, sourceIdentifier)),
      DeveloperProviderName: resolveProvider(provider, world, poolId),
      IdentityPoolId: poolId,
    };
  },
  requires: linkedIdentifier,
  mutates: true,
  names: field("IdentityId"),
  needs: ["CreateIdentityPool", "GetOpenIdTokenForDeveloperIdentity"],
});
