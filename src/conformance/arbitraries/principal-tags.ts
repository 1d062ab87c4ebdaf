// PrincipalTags maps: tag key -> claim (SetPrincipalTagAttributeMap) or tag key -> value
// (GetOpenIdTokenForDeveloperIdentity); a few entries usually, now and then 0, 50 or 51.
import fc from "fast-check";
import { shapeNamed } from "../../model/shapes.js";
import { edgeCount, nonEmptyDictionary } from "./shrinking.js";
import { stringFor } from "./strings.js";

const limit = shapeNamed("PrincipalTags").max ?? 50;

const many = (count: number): Record<string, string> => Object.fromEntries(Array.from({ length: count }, (_, i) => [`tag${i}`, `v${i}`]));

const sized = edgeCount([0, limit, limit + 1]).map(many);

/** Tag key -> the claim of the login token whose value it takes. */
export const tagAttributeMap: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { withCrossShrink: true },
  {
    arbitrary: nonEmptyDictionary(
      fc.oneof({ arbitrary: fc.constantFrom("username", "dept", "client", "groups"), weight: 6 }, { arbitrary: stringFor("PrincipalTagID"), weight: 1 }),
      fc.oneof({ arbitrary: fc.constantFrom("sub", "custom:dept", "aud", "cognito:groups", "email"), weight: 6 }, { arbitrary: stringFor("PrincipalTagValue"), weight: 1 }),
      3,
    ),
    weight: 8,
  },
  { arbitrary: sized, weight: 2 },
);

/** Tag key -> value, as a developer sets them on a token. */
export const sessionTags: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: nonEmptyDictionary(stringFor("PrincipalTagID"), stringFor("PrincipalTagValue"), 3), weight: 8 },
  { arbitrary: sized, weight: 2 },
);

/** The provider of a map: one of the pool's (by index), one it does not have, or outside the shape. */
export type TagProviderRef = { configured: number } | { unconfigured: string };

export const tagProviderRef: fc.Arbitrary<TagProviderRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ configured: fc.nat({ max: 9 }) }), weight: 8 },
  { arbitrary: fc.record({ unconfigured: fc.oneof({ arbitrary: fc.constant("login.unknown.example.com"), weight: 2 }, { arbitrary: stringFor("IdentityProviderName"), weight: 1 }) }), weight: 1 },
);

export function resolveTagProvider(ref: TagProviderRef, providers: readonly string[]): string {
  if ("unconfigured" in ref) return ref.unconfigured;
  return providers.length === 0 ? "graph.facebook.com" : providers[ref.configured % providers.length]!;
}
