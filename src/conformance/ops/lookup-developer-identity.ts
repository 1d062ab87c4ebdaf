import fc from "fast-check";
import { developerPoolRef, identifierRef, identifierRefWith, resolveDeveloperPool, resolveIdentifier } from "../arbitraries/developer.js";
import { developerIdentityRef, resolvePoolIdentity } from "../arbitraries/identities.js";
import { pageSize, resolveToken, tokenRef } from "../arbitraries/page-tokens.js";
import { withoutUndefined } from "../arbitraries/pool-settings.js";
import { sometimes } from "../arbitraries/strings.js";
import { defineOperation, field } from "../operation.js";
import { linkedIdentifier } from "../requires.js";

/** By identity, by identifier, both (matching or not), or neither. */
const by = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ identity: developerIdentityRef }), weight: 3 },
  { arbitrary: fc.record({ identifier: identifierRefWith(8) }), weight: 3 },
  { arbitrary: fc.record({ identity: developerIdentityRef, identifier: identifierRef }), weight: 2 },
  { arbitrary: fc.constant({}), weight: 1 },
);

export const lookupDeveloperIdentity = defineOperation({
  op: "LookupDeveloperIdentity",
  weight: 2,
  params: fc.record({ pool: developerPoolRef, by, maxResults: sometimes(fc.oneof(fc.constant(1), pageSize), 3, 1), token: tokenRef }),
  input: ({ pool, by, maxResults, token }, world) => {
    const { NextToken, earlier } = resolveToken(token, world, "LookupDeveloperIdentity");
    if (earlier) return withoutUndefined({ ...earlier, MaxResults: maxResults, NextToken });
    const poolId = resolveDeveloperPool(pool, world);
    const identityId = "identity" in by ? resolvePoolIdentity(by.identity, world, poolId) : undefined;
    const identifier = "identifier" in by ? resolveIdentifier(by.identifier, world, poolId, identityId) : undefined;
    return withoutUndefined({ IdentityPoolId: poolId, IdentityId: identityId, DeveloperUserIdentifier: identifier, MaxResults: maxResults, NextToken });
  },
  requires: linkedIdentifier,
  mutates: false,
  nextToken: field("NextToken"),
  needs: ["CreateIdentityPool", "GetOpenIdTokenForDeveloperIdentity"],
});
