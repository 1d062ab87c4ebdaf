import fc from "fast-check";
import { developerPoolRef, identifierRefWith, providerRef, resolveDeveloperPool, resolveIdentifier, resolveProvider } from "../arbitraries/developer.js";
import { developerIdentityRef, poolIdentityOrNone } from "../arbitraries/identities.js";
import { loginRef, resolveLogins, type LoginRef } from "../arbitraries/logins.js";
import { withoutUndefined } from "../arbitraries/pool-settings.js";
import { sessionTags } from "../arbitraries/principal-tags.js";
import { referenceKey } from "../arbitraries/refs.js";
import { shrinkingTo } from "../arbitraries/shrinking.js";
import { sometimes } from "../arbitraries/strings.js";
import { openIdTokenView, viewing } from "../compare/opaque.js";
import { defineOperation, field } from "../operation.js";
import { developerPool } from "../requires.js";

/** TokenDuration: its bounds and one step outside each, the default (900), or any in range. */
const tokenDuration = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.integer({ min: 1, max: 86_400 }), weight: 3 },
  { arbitrary: fc.constantFrom(0, 1, 900, 86_400, 86_401), weight: 2 },
);

/** Other logins beside the developer's: mostly none. */
const NO_OTHERS: LoginRef[] = [];

export const getOpenIdTokenForDeveloperIdentity = defineOperation({
  op: "GetOpenIdTokenForDeveloperIdentity",
  weight: 5,
  params: fc.record({
    key: referenceKey,
    pool: developerPoolRef,
    identity: sometimes(developerIdentityRef, 1, 1),
    provider: providerRef,
    identifier: identifierRefWith(2),
    others: shrinkingTo<LoginRef[]>(fc.oneof({ arbitrary: fc.constant(NO_OTHERS), weight: 3 }, { arbitrary: fc.tuple(loginRef), weight: 1 }), NO_OTHERS),
    principalTags: sometimes(sessionTags),
    tokenDuration: sometimes(tokenDuration),
  }),
  input: ({ pool, identity, provider, identifier, others, principalTags, tokenDuration }, world) => {
    const poolId = resolveDeveloperPool(pool, world);
    const identityId = identity && poolIdentityOrNone(identity, world, poolId);
    const developer = { [resolveProvider(provider, world, poolId)]: resolveIdentifier(identifier, world, poolId, identityId) };
    const Logins = { ...developer, ...resolveLogins({ logins: others }, { world, poolId, identityId }) };
    return withoutUndefined({ IdentityPoolId: poolId, IdentityId: identityId, Logins, PrincipalTags: principalTags, TokenDuration: tokenDuration });
  },
  requires: developerPool,
  mutates: true,
  creates: { kind: "identity", id: field("IdentityId"), key: ({ key }) => key },
  openIdToken: field("Token"),
  view: viewing("Token", openIdTokenView),
  needs: ["CreateIdentityPool"],
});
