// The members CreateIdentityPool sets and UpdateIdentityPool replaces.
import fc from "fast-check";
import { defaultQuotas } from "../../model/index.js";
import { shapeNamed } from "../../model/shapes.js";
import { edgeCount, nonEmptyDictionary } from "./shrinking.js";
import { mostly, sometimes, stringFor } from "./strings.js";
import { tagMap } from "./tags.js";

const knownLoginProviders = ["graph.facebook.com", "accounts.google.com", "www.amazon.com", "appleid.apple.com", "api.twitter.com"];

const loginProviderName = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constantFrom(...knownLoginProviders), weight: 6 },
  { arbitrary: stringFor("IdentityProviderName"), weight: 1 },
);

const maxLoginProviders = shapeNamed("IdentityProviders").max ?? 10;

const loginProviders = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: nonEmptyDictionary(loginProviderName, stringFor("IdentityProviderId"), 2), weight: 8 },
  {
    arbitrary: edgeCount([maxLoginProviders, maxLoginProviders + 1])
      .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`provider${i}.example.com`, `app${i}`]))),
    weight: 1,
  },
  { arbitrary: fc.constant({}), weight: 1 },
);

/** IAM provider ARNs (ARNString: 20 to 2048 characters, no pattern). */
const providerArns = (kind: "oidc-provider" | "saml-provider", names: string[]) =>
  fc.array(stringFor("ARNString", { typical: fc.constantFrom(...names).map((name) => `arn:aws:iam::123456789012:${kind}/${name}`) }), { maxLength: 2 });

/** Names of user pools (which need not exist), and the mistakes POOL-14 refuses: a bare user-pool id, an ARN. */
const cognitoProviderName = stringFor("CognitoIdentityProviderName", {
  typical: fc.oneof(
    { arbitrary: fc.constantFrom("a", "b").map((pool) => `cognito-idp.us-east-1.amazonaws.com/us-east-1_${pool}Bc123`), weight: 12 },
    { arbitrary: fc.constant("cognito-idp.eu-west-1.amazonaws.com/eu-west-1_xYz789"), weight: 2 },
    { arbitrary: fc.constant("us-east-1_aBc123"), weight: 1 },
    { arbitrary: fc.constant("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_aBc123"), weight: 1 },
  ),
});

const cognitoProvider = fc
  .record({
    ProviderName: mostly(cognitoProviderName),
    ClientId: sometimes(stringFor("CognitoIdentityProviderClientId"), 3, 1),
    ServerSideTokenCheck: sometimes(fc.boolean()),
  })
  .map(withoutUndefined);

const providerLimit = defaultQuotas.cognitoProvidersPerPool;

const cognitoProviders = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.array(cognitoProvider, { maxLength: 2 }), weight: 8 },
  {
    arbitrary: edgeCount([providerLimit, providerLimit + 1]).map((n) =>
      Array.from({ length: n }, (_, i) => ({ ProviderName: `cognito-idp.us-east-1.amazonaws.com/us-east-1_p${i}`, ClientId: `client${i}` })),
    ),
    weight: 1,
  },
);

export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const developerProviderName = stringFor("DeveloperProviderName");

/** Every member of CreateIdentityPoolInput; required ones occasionally missing, optional ones mostly absent. */
export const poolSettings: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    IdentityPoolName: mostly(stringFor("IdentityPoolName")),
    // Shrinks toward true: a shrunk sequence then needs no update to let guests in.
    AllowUnauthenticatedIdentities: mostly(fc.boolean().map((b) => !b)),
    AllowClassicFlow: sometimes(fc.boolean()),
    SupportedLoginProviders: sometimes(loginProviders, 1, 1),
    DeveloperProviderName: sometimes(developerProviderName, 1, 1),
    OpenIdConnectProviderARNs: sometimes(providerArns("oidc-provider", ["login.example.com", "accounts.example.org"])),
    CognitoIdentityProviders: sometimes(cognitoProviders),
    SamlProviderARNs: sometimes(providerArns("saml-provider", ["corp", "partner"])),
    IdentityPoolTags: sometimes(tagMap),
  })
  .map(withoutUndefined);
