// Roles, role mappings and the token claims they act on. Login tokens carry one of a few claim
// sets, and rules test the same claims, so rules match, miss and tie as sequences go.
import fc from "fast-check";
import { defaultQuotas, parseRoles, type IamConfig } from "../../model/index.js";
import { edgeCount, nonEmptyArray } from "./shrinking.js";
import { sometimes, stringFor } from "./strings.js";

const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

export const roleArns = {
  authenticated: role("cim-authenticated"),
  unauthenticated: role("cim-unauthenticated"),
  admin: role("cim-admin"),
  sales: role("cim-sales"),
  otherPool: role("cim-other-pool"),
} as const;

/** A trust policy for identities of any pool whose `amr` has `amr`, allowing `actions`. */
const trusting = (amr: string, actions: string[], aud = "*") => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: "cognito-identity.amazonaws.com" },
      Action: actions,
      Condition: { StringLike: { "cognito-identity.amazonaws.com:aud": aud }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr } },
    },
  ],
});

const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
const TAG_SESSION = "sts:TagSession";

/**
 * The roles the check registers (spec/iam.md IAM-7), as `aws iam list-roles` prints them: each
 * trusts some identities and refuses others, so trust is checked as sequences go. Pool ids are made
 * at run time, so the policies test `aud` with a wildcard, but for the role of another pool.
 */
export const conformanceRoles = {
  Roles: [
    { RoleName: "cim-authenticated", Arn: roleArns.authenticated, AssumeRolePolicyDocument: trusting("authenticated", [WEB_IDENTITY, TAG_SESSION]) },
    { RoleName: "cim-unauthenticated", Arn: roleArns.unauthenticated, AssumeRolePolicyDocument: trusting("unauthenticated", [WEB_IDENTITY]) },
    // No sts:TagSession: sessions with principal tags are refused.
    { RoleName: "cim-admin", Arn: roleArns.admin, AssumeRolePolicyDocument: trusting("authenticated", [WEB_IDENTITY]), MaxSessionDuration: 7200 },
    { RoleName: "cim-sales", Arn: roleArns.sales, AssumeRolePolicyDocument: trusting("*", [WEB_IDENTITY, TAG_SESSION]) },
    {
      RoleName: "cim-other-pool",
      Arn: roleArns.otherPool,
      AssumeRolePolicyDocument: trusting("*", [WEB_IDENTITY, TAG_SESSION], "us-east-1:00000000-0000-4000-8000-000000000000"),
    },
  ],
};

const parsed = parseRoles(conformanceRoles);
if (!parsed.ok) throw new Error(`the check's roles: ${parsed.reason}`);

/** The model configuration of the check's roles: the harness's model and the targets it runs in process register them. */
export const conformanceIam: IamConfig = { roles: parsed.value, strict: false };

/** Claims a login token may carry (besides sub and aud): one set per token. */
export const claimSets: readonly Readonly<Record<string, unknown>>[] = [
  {},
  { "custom:dept": "sales", "cognito:groups": ["admins", "users"] },
  { "custom:dept": "engineering", "cognito:preferred_role": roleArns.admin, "cognito:roles": [roleArns.admin, roleArns.sales] },
  { "custom:dept": "sales-east", "cognito:roles": `${roleArns.sales},${roleArns.admin}` },
];

export const claimSetIndex = fc.nat({ max: claimSets.length - 1 });

/** A role: one of a few ARNs, or not a role ARN (refused), or outside the shape's 20..2048. */
export const roleArn: fc.Arbitrary<string> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constantFrom(...Object.values(roleArns)), weight: 12 },
  { arbitrary: fc.constant("cim-authenticated-role-name"), weight: 1 },
  { arbitrary: stringFor("ARNString", { typical: fc.constant(roleArns.admin) }), weight: 1 },
);

/** Roles: each kind mostly set, and now and then a kind the shape does not allow. */
export const roles: fc.Arbitrary<Record<string, string>> = fc
  .record({ authenticated: sometimes(roleArn, 3, 1), unauthenticated: sometimes(roleArn, 3, 1), guest: sometimes(roleArn, 1, 30) })
  .map((r) => Object.fromEntries(Object.entries(r).filter((e): e is [string, string] => e[1] !== undefined)));

const validRoleArn = fc.oneof({ arbitrary: fc.constantFrom(...Object.values(roleArns)), weight: 20 }, { arbitrary: roleArn, weight: 1 });

const rule = fc.record({
  Claim: fc.oneof(
    { arbitrary: fc.constantFrom("custom:dept", "cognito:groups", "sub", "aud", "email"), weight: 20 },
    { arbitrary: stringFor("ClaimName"), weight: 1 },
  ),
  MatchType: fc.oneof({ arbitrary: fc.constantFrom("Equals", "Contains", "StartsWith", "NotEqual"), weight: 30 }, { arbitrary: fc.constant("Matches"), weight: 1 }),
  Value: fc.oneof({ arbitrary: fc.constantFrom("sales", "engineering", "admins", "u1", "sal"), weight: 20 }, { arbitrary: stringFor("ClaimValue"), weight: 1 }),
  RoleARN: validRoleArn,
});

const ruleLimit = defaultQuotas.rulesPerRoleMapping;

/** None, the quota, one more: valid rules, so that the count is what is checked. */
const sizedRules = edgeCount([0, ruleLimit, ruleLimit + 1]).map((n) => Array.from({ length: n }, (_, i) => ({ Claim: "custom:dept", MatchType: "Equals", Value: `dept${i}`, RoleARN: roleArns.sales })));

const rules = fc.oneof({ withCrossShrink: true }, { arbitrary: nonEmptyArray(rule, 3), weight: 10 }, { arbitrary: sizedRules, weight: 1 });

const resolution = fc.constantFrom("AuthenticatedRole", "Deny");

/** Rules and Token mappings, and now and then one without a member it needs (or with an unknown type). */
export const roleMapping: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ Type: fc.constant("Rules"), AmbiguousRoleResolution: resolution, RulesConfiguration: fc.record({ Rules: rules }) }), weight: 6 },
  { arbitrary: fc.record({ Type: fc.constant("Token"), AmbiguousRoleResolution: resolution }), weight: 4 },
  {
    arbitrary: fc.constantFrom<Record<string, unknown>>(
      { Type: "Rules", AmbiguousRoleResolution: "Deny" },
      { Type: "Token" },
      { AmbiguousRoleResolution: "Deny" },
      { Type: "Claims", AmbiguousRoleResolution: "Deny" },
    ),
    weight: 1,
  },
);

/**
 * A mapping key: the provider of a login some identity of the pool has (so that its credentials
 * go through the mapping), one of the pool's providers (by index), or a name the pool does not have.
 */
export type MappingKeyRef = { used: number } | { configured: number } | { unconfigured: string };

export const mappingKeyRef: fc.Arbitrary<MappingKeyRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ used: fc.nat({ max: 9 }) }), weight: 6 },
  { arbitrary: fc.record({ configured: fc.nat({ max: 9 }) }), weight: 4 },
  { arbitrary: fc.record({ unconfigured: fc.constantFrom("graph.facebook.com", "login.unknown.example.com", "x".repeat(129)) }), weight: 1 },
);

/** `used`: the mapping keys of the logins the pool's identities have; `configured`: every mapping key of the pool. */
export function resolveMappingKey(ref: MappingKeyRef, used: readonly string[], configured: readonly string[]): string {
  if ("unconfigured" in ref) return ref.unconfigured;
  const from = "used" in ref && used.length > 0 ? used : configured;
  const n = "used" in ref ? ref.used : ref.configured;
  return from.length === 0 ? "graph.facebook.com" : from[n % from.length]!;
}
