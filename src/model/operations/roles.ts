// SetIdentityPoolRoles, GetIdentityPoolRoles (rules ROLE-n) and the choice of a role for credentials
// (rules CRED-4..CRED-8).
import type {
  GetIdentityPoolRolesInput,
  GetIdentityPoolRolesResponse,
  MappingRule,
  RoleMapping,
  SetIdentityPoolRolesInput,
} from "@aws-sdk/client-cognito-identity";
import { messages, modelError, type ModelError } from "../errors.js";
import type { PoolData } from "../identity-state.js";
import { configuredProviderNames, type CheckedLogin } from "../logins.js";
import { hasOwn, ownValue } from "../records.js";
import type { State } from "../state.js";
import { fail, ok, type Context, type Result } from "../types.js";
import { isModelError } from "./common.js";
import { findPoolScope, withPoolData } from "./identity-common.js";

/** ROLE-4: what AWS can pass as a role; anything else (a role name, say) is refused like an IAM denial. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

function checkRoleMapping(state: State, key: string, mapping: RoleMapping, providers: Set<string>): ModelError | undefined {
  if (!providers.has(key)) return modelError("InvalidParameterException", messages.invalidRoleMappingProvider(key));
  if (mapping.AmbiguousRoleResolution === undefined || mapping.AmbiguousRoleResolution === null) {
    return modelError("InvalidParameterException", messages.ambiguousResolutionRequired(key));
  }
  if (mapping.Type === "Rules") {
    const rules = mapping.RulesConfiguration?.Rules;
    if (!rules) return modelError("InvalidParameterException", messages.rulesConfigurationRequired(key));
    const limit = state.config.quotas.rulesPerRoleMapping;
    if (rules.length > limit) return modelError("InvalidParameterException", messages.tooManyRules(key, limit));
    const badRole = rules.find((r) => !ROLE_ARN.test(r.RoleARN!));
    if (badRole) return modelError("NotAuthorizedException", messages.roleForbidden(badRole.RoleARN!));
  }
  return undefined;
}

export function setIdentityPoolRoles(state: State, ctx: Context, input: SetIdentityPoolRolesInput): [State, Result<Record<string, never>>] {
  const scope = findPoolScope(state, ctx.account, ctx.region, input.IdentityPoolId!);
  if (isModelError(scope)) return [state, fail(scope)];
  const roles = { ...input.Roles! };
  const badRole = Object.values(roles).find((arn) => !ROLE_ARN.test(arn));
  if (badRole !== undefined) return [state, fail(modelError("NotAuthorizedException", messages.roleForbidden(badRole)))];
  const providers = configuredProviderNames(scope.pool).roleMappingKeys;
  for (const [key, mapping] of Object.entries(input.RoleMappings ?? {})) {
    const error = checkRoleMapping(state, key, mapping, providers);
    if (error) return [state, fail(error)];
  }
  // ROLE-2: Roles are replaced; RoleMappings only when sent.
  const roleMappings = input.RoleMappings ? structuredClone(input.RoleMappings) : scope.data.roleMappings;
  return [withPoolData(state, { ...scope.data, roles, roleMappings }), ok({})];
}

export function getIdentityPoolRoles(state: State, ctx: Context, input: GetIdentityPoolRolesInput): [State, Result<GetIdentityPoolRolesResponse>] {
  const scope = findPoolScope(state, ctx.account, ctx.region, input.IdentityPoolId!);
  if (isModelError(scope)) return [state, fail(scope)];
  const output: GetIdentityPoolRolesResponse = { IdentityPoolId: scope.pool.id, Roles: { ...scope.data.roles } };
  if (Object.keys(scope.data.roleMappings).length > 0) output.RoleMappings = structuredClone({ ...scope.data.roleMappings });
  return [state, ok(output)];
}

// ---- the role behind credentials ----

export interface ChosenRole {
  roleArn: string;
  /** The login whose provider decided; undefined for unauthenticated credentials. */
  login?: CheckedLogin;
}

const claimValues = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === "string" ? [v] : typeof v === "number" || typeof v === "boolean" ? [String(v)] : []));

/** CRED-6: a rule matches when the claim exists and one of its values (all, for NotEqual) satisfies it. */
export function ruleMatches(rule: MappingRule, claims: Readonly<Record<string, unknown>>): boolean {
  const values = claimValues(ownValue(claims, rule.Claim!));
  if (values.length === 0) return false;
  const expected = rule.Value!;
  switch (rule.MatchType) {
    case "Equals":
      return values.includes(expected);
    case "Contains":
      return values.some((v) => v.includes(expected));
    case "StartsWith":
      return values.some((v) => v.startsWith(expected));
    case "NotEqual":
      return values.every((v) => v !== expected);
    default:
      return false;
  }
}

/** CRED-5: the roles a token offers: `cognito:roles` (a list or a comma-separated string), or a SAML Role attribute. */
function tokenRoles(login: CheckedLogin): string[] {
  const samlRoles = claimValues(login.claims["https://aws.amazon.com/SAML/Attributes/Role"]).flatMap((v) => v.split(",").filter((p) => p.includes(":role/")));
  const cognitoRoles = claimValues(login.claims["cognito:roles"]).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");
  return [...cognitoRoles, ...samlRoles];
}

function fromMapping(data: PoolData, login: CheckedLogin, mapping: RoleMapping, customRoleArn: string | undefined): ChosenRole | ModelError {
  const deny = modelError("NotAuthorizedException", messages.ambiguousRoleDenied(login.provider));
  if (mapping.Type === "Token") {
    const offered = tokenRoles(login);
    if (customRoleArn !== undefined) return offered.includes(customRoleArn) ? { roleArn: customRoleArn, login } : deny;
    const preferred = claimValues(login.claims["cognito:preferred_role"])[0];
    if (preferred !== undefined) return { roleArn: preferred, login };
    if (login.kind === "saml" && offered.length === 1) return { roleArn: offered[0]!, login };
  } else {
    const matching = (mapping.RulesConfiguration?.Rules ?? []).filter((r) => ruleMatches(r, login.claims));
    const custom = customRoleArn === undefined ? undefined : matching.find((r) => r.RoleARN === customRoleArn);
    const chosen = custom ?? matching[0];
    if (chosen) return { roleArn: chosen.RoleARN!, login };
  }
  // CRED-7: nothing decided.
  if (mapping.AmbiguousRoleResolution !== "AuthenticatedRole") return deny;
  return defaultRole(data, "authenticated", login);
}

function defaultRole(data: PoolData, kind: "authenticated" | "unauthenticated", login?: CheckedLogin): ChosenRole | ModelError {
  const roleArn = data.roles[kind];
  // CRED-8
  if (roleArn === undefined) return modelError("InvalidIdentityPoolConfigurationException", messages.invalidPoolConfiguration());
  return login ? { roleArn, login } : { roleArn };
}

/** CRED-4..CRED-8: the role credentials are issued for. */
export function chooseRole(data: PoolData, authenticated: boolean, logins: readonly CheckedLogin[], customRoleArn: string | undefined): ChosenRole | ModelError {
  if (!authenticated) return defaultRole(data, "unauthenticated");
  for (const login of logins) {
    const key = login.roleMappingKeys.find((k) => hasOwn(data.roleMappings, k));
    if (key !== undefined) return fromMapping(data, login, data.roleMappings[key]!, customRoleArn);
  }
  // CRED-13: a SAML assertion names the roles its user may assume, mapping or not.
  const saml = logins.find((l) => l.kind === "saml" && tokenRoles(l).length > 0);
  if (saml) {
    const offered = tokenRoles(saml);
    if (customRoleArn !== undefined) {
      return offered.includes(customRoleArn) ? { roleArn: customRoleArn, login: saml } : modelError("NotAuthorizedException", messages.ambiguousRoleDenied(saml.provider));
    }
    if (offered.length === 1) return { roleArn: offered[0]!, login: saml };
  }
  return defaultRole(data, "authenticated", logins.find((l) => l.kind !== "openid") ?? logins[0]);
}
