import fc from "fast-check";
import { pageSize, resolveToken, tokenRef } from "../arbitraries/page-tokens.js";
import { withoutUndefined } from "../arbitraries/pool-settings.js";
import { liveRef, resolveId } from "../arbitraries/refs.js";
import { sometimes } from "../arbitraries/strings.js";
import { defineOperation, field } from "../operation.js";
import { livePool } from "../requires.js";

export const listIdentities = defineOperation({
  op: "ListIdentities",
  weight: 3,
  params: fc.record({ pool: liveRef, maxResults: pageSize, hideDisabled: sometimes(fc.constantFrom(true, true, false), 3, 1), token: tokenRef }),
  input: ({ pool, maxResults, hideDisabled, token }, world) => {
    const { NextToken, earlier } = resolveToken(token, world, "ListIdentities");
    const poolId = (earlier?.IdentityPoolId as string | undefined) ?? resolveId(pool, world);
    return withoutUndefined({ IdentityPoolId: poolId, MaxResults: maxResults, NextToken, HideDisabled: hideDisabled });
  },
  requires: livePool,
  mutates: false,
  nextToken: field("NextToken"),
  needs: ["CreateIdentityPool", "GetId"],
});
