import fc from "fast-check";
import { integerFor, stringFor } from "../arbitraries/strings.js";
import { defineOperation, field } from "../operation.js";

/** No token, a token an earlier answer gave, one of those altered (not issued here), or any string. */
type TokenRef = { none: true } | { earlier: number } | { altered: number } | { raw: string };

const tokenRef: fc.Arbitrary<TokenRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constant({ none: true as const }), weight: 6 },
  { arbitrary: fc.record({ earlier: fc.nat({ max: 10 }) }), weight: 4 },
  { arbitrary: fc.record({ altered: fc.nat({ max: 10 }) }), weight: 1 },
  { arbitrary: fc.record({ raw: stringFor("PaginationKey", { typicalMaxLength: 12 }) }), weight: 1 },
);

export const listIdentityPools = defineOperation({
  op: "ListIdentityPools",
  weight: 3,
  params: fc.record({ maxResults: integerFor("QueryLimit"), token: tokenRef }),
  input: ({ maxResults, token }, world) => {
    const input: Record<string, unknown> = { MaxResults: maxResults };
    if ("raw" in token) input.NextToken = token.raw;
    if ("earlier" in token && world.tokens.length > 0) input.NextToken = world.tokens[token.earlier % world.tokens.length];
    if ("altered" in token && world.tokens.length > 0) {
      const original = world.tokens[token.altered % world.tokens.length]!;
      input.NextToken = original.slice(0, -1) + (original.endsWith("0") ? "1" : "0");
    }
    return input;
  },
  mutates: false,
  nextToken: field("NextToken"),
  listsAll: true,
  needs: ["CreateIdentityPool"],
});
