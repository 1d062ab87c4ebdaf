import fc from "fast-check";
import { resolveToken, tokenRef } from "../arbitraries/page-tokens.js";
import { integerFor } from "../arbitraries/strings.js";
import { defineOperation, field } from "../operation.js";

export const listIdentityPools = defineOperation({
  op: "ListIdentityPools",
  weight: 3,
  params: fc.record({ maxResults: integerFor("QueryLimit"), token: tokenRef }),
  input: ({ maxResults, token }, world) => {
    const { NextToken } = resolveToken(token, world, "ListIdentityPools");
    return { MaxResults: maxResults, ...(NextToken === undefined ? {} : { NextToken }) };
  },
  mutates: false,
  nextToken: field("NextToken"),
  listsAll: true,
  needs: ["CreateIdentityPool"],
});
