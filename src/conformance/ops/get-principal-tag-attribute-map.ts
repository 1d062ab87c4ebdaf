import fc from "fast-check";
import { resolveTagProvider, tagProviderRef } from "../arbitraries/principal-tags.js";
import { principalTagProviders } from "../arbitraries/providers.js";
import { liveRef, resolveId } from "../arbitraries/refs.js";
import { defineOperation } from "../operation.js";
import { livePool } from "../requires.js";

export const getPrincipalTagAttributeMap = defineOperation({
  op: "GetPrincipalTagAttributeMap",
  weight: 1,
  params: fc.record({ pool: liveRef, provider: tagProviderRef }),
  input: ({ pool, provider }, world) => {
    const id = resolveId(pool, world);
    return { IdentityPoolId: id, IdentityProviderName: resolveTagProvider(provider, principalTagProviders(world.pool(id))) };
  },
  requires: livePool,
  mutates: false,
  needs: ["CreateIdentityPool", "SetPrincipalTagAttributeMap"],
});
