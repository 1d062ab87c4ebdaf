import fc from "fast-check";
import { withoutUndefined } from "../arbitraries/pool-settings.js";
import { resolveTagProvider, tagAttributeMap, tagProviderRef } from "../arbitraries/principal-tags.js";
import { principalTagProviders } from "../arbitraries/providers.js";
import { liveRef, resolveId } from "../arbitraries/refs.js";
import { sometimes } from "../arbitraries/strings.js";
import { defineOperation } from "../operation.js";
import { livePool } from "../requires.js";

export const setPrincipalTagAttributeMap = defineOperation({
  op: "SetPrincipalTagAttributeMap",
  weight: 2,
  params: fc.record({ pool: liveRef, provider: tagProviderRef, useDefaults: sometimes(fc.boolean(), 1, 1), tags: sometimes(tagAttributeMap, 3, 1) }),
  input: ({ pool, provider, useDefaults, tags }, world) => {
    const id = resolveId(pool, world);
    return withoutUndefined({
      IdentityPoolId: id,
      IdentityProviderName: resolveTagProvider(provider, principalTagProviders(world.pool(id))),
      UseDefaults: useDefaults,
      PrincipalTags: tags,
    });
  },
  requires: livePool,
  mutates: true,
  needs: ["CreateIdentityPool"],
});
