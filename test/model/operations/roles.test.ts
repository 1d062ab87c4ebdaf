// Rules ROLE-n: SetIdentityPoolRoles and GetIdentityPoolRoles (spec/operations/SetIdentityPoolRoles.md,
// spec/operations/GetIdentityPoolRoles.md).
import { describe, expect, it } from "vitest";
import type { State } from "../../../src/model/index.js";
import { at, createPool, expectError, fresh, okOutput, run } from "../helpers.js";
import { AUTH_ROLE, CLIENT, FACEBOOK, OIDC, OIDC_ARN, providerPool, SAML, UNAUTH_ROLE, USER_POOL } from "../identity-helpers.js";

const getRoles = (state: State, poolId: string, context = at({})) => run(state, "GetIdentityPoolRoles", { IdentityPoolId: poolId }, context)[1];
const setRoles = (state: State, poolId: string, input: Record<string, unknown>) => run(state, "SetIdentityPoolRoles", { IdentityPoolId: poolId, Roles: {}, ...input });
const deny = { Type: "Token", AmbiguousRoleResolution: "Deny" };
const rule = (n: number) => ({ Claim: "sub", MatchType: "Equals", Value: `v${n}`, RoleARN: `arn:aws:iam::123456789012:role/r${n}` });

describe("GetIdentityPoolRoles", () => {
  it("ROLE-1: a pool whose roles were never set answers its id and no roles", () => {
    const [s0, poolId] = providerPool(fresh());
    expect(okOutput(getRoles(s0, poolId))).toEqual({ IdentityPoolId: poolId, Roles: {} });
  });

  it("ROLE-1: returns the roles and, when there are any, the role mappings as set", () => {
    const [s0, poolId] = providerPool(fresh());
    const mappings = { [`${USER_POOL}:${CLIENT}`]: { Type: "Rules", AmbiguousRoleResolution: "AuthenticatedRole", RulesConfiguration: { Rules: [rule(1)] } } };
    const [s1] = setRoles(s0, poolId, { Roles: { authenticated: AUTH_ROLE }, RoleMappings: mappings });
    expect(okOutput(getRoles(s1, poolId))).toEqual({ IdentityPoolId: poolId, Roles: { authenticated: AUTH_ROLE }, RoleMappings: mappings });
    const [s2] = setRoles(s1, poolId, { Roles: { authenticated: AUTH_ROLE }, RoleMappings: {} });
    expect(okOutput(getRoles(s2, poolId))).toEqual({ IdentityPoolId: poolId, Roles: { authenticated: AUTH_ROLE } });
  });

  it("ROLE-7: an unknown pool, or another account's, is not found", () => {
    const [s0, poolId] = providerPool(fresh());
    expectError(getRoles(s0, poolId, at({ account: "210987654321" })), "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
    expectError(setRoles(s0, "us-east-1:00000000-0000-4000-8000-000000000000", {})[1], "ResourceNotFoundException", "IdentityPool 'us-east-1:00000000-0000-4000-8000-000000000000' not found.");
  });
});

describe("SetIdentityPoolRoles", () => {
  it("ROLE-2: Roles are replaced; RoleMappings are replaced when sent and kept when omitted", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, result] = setRoles(s0, poolId, { Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE }, RoleMappings: { [FACEBOOK]: deny } });
    expect(okOutput(result)).toEqual({});
    const [s2] = setRoles(s1, poolId, { Roles: { unauthenticated: UNAUTH_ROLE } });
    expect(okOutput(getRoles(s2, poolId))).toEqual({ IdentityPoolId: poolId, Roles: { unauthenticated: UNAUTH_ROLE }, RoleMappings: { [FACEBOOK]: deny } });
  });

  it("ROLE-3: a role mapping must name a configured provider, a user pool as ProviderName:ClientId", () => {
    const [s0, poolId] = providerPool(fresh());
    for (const key of [`${USER_POOL}:${CLIENT}`, FACEBOOK, OIDC, OIDC_ARN, SAML]) {
      okOutput(setRoles(s0, poolId, { RoleMappings: { [key]: deny } })[1]);
    }
    for (const key of [USER_POOL, `https://${USER_POOL}`, `${USER_POOL}:other-client`, "unknown.example.com", "login.mycompany"]) {
      const [s1, result] = setRoles(s0, poolId, { RoleMappings: { [key]: deny } });
      expectError(result, "InvalidParameterException", `(${key}) is not a valid RoleMapping ProviderName or is not a configured provider.`);
      expect(s1).toBe(s0);
    }
    const [s2, noClient] = createPool(s0, { CognitoIdentityProviders: [{ ProviderName: USER_POOL }] });
    okOutput(setRoles(s2, noClient.IdentityPoolId!, { RoleMappings: { [USER_POOL]: deny } })[1]);
  });

  it("ROLE-4: a role that is not a role ARN is refused as AWS refuses a role it may not pass", () => {
    const [s0, poolId] = providerPool(fresh());
    expectError(setRoles(s0, poolId, { Roles: { authenticated: "my-stack-SomeRole-KBKHTR8P6UC2" } })[1], "NotAuthorizedException", "Access to Role 'my-stack-SomeRole-KBKHTR8P6UC2' is forbidden.");
    const badRule = { ...rule(1), RoleARN: "arn:aws:iam::123456789012:user/someone" };
    const mapping = { Type: "Rules", AmbiguousRoleResolution: "Deny", RulesConfiguration: { Rules: [rule(0), badRule] } };
    expectError(setRoles(s0, poolId, { RoleMappings: { [FACEBOOK]: mapping } })[1], "NotAuthorizedException", "Access to Role 'arn:aws:iam::123456789012:user/someone' is forbidden.");
  });

  it("ROLE-5: AmbiguousRoleResolution is required, and RulesConfiguration for Rules", () => {
    const [s0, poolId] = providerPool(fresh());
    expectError(setRoles(s0, poolId, { RoleMappings: { [FACEBOOK]: { Type: "Token" } } })[1], "InvalidParameterException", `AmbiguousRoleResolution must be specified for the role mapping of ${FACEBOOK}.`);
    expectError(setRoles(s0, poolId, { RoleMappings: { [FACEBOOK]: { Type: "Rules", AmbiguousRoleResolution: "Deny" } } })[1], "InvalidParameterException", `RulesConfiguration must be specified for the Rules role mapping of ${FACEBOOK}.`);
  });

  it("ROLE-6: at most 25 rules per role mapping; the limit is configuration", () => {
    const [s0, poolId] = providerPool(fresh());
    const mapping = (n: number) => ({ Type: "Rules", AmbiguousRoleResolution: "Deny", RulesConfiguration: { Rules: Array.from({ length: n }, (_, i) => rule(i)) } });
    okOutput(setRoles(s0, poolId, { RoleMappings: { [FACEBOOK]: mapping(25) } })[1]);
    expectError(setRoles(s0, poolId, { RoleMappings: { [FACEBOOK]: mapping(26) } })[1], "InvalidParameterException", `The role mapping of ${FACEBOOK} can have at most 25 rules.`);
    const [t0, poolId2] = providerPool(fresh({ quotas: { rulesPerRoleMapping: 2 } }));
    expectError(setRoles(t0, poolId2, { RoleMappings: { [FACEBOOK]: mapping(3) } })[1], "InvalidParameterException", `The role mapping of ${FACEBOOK} can have at most 2 rules.`);
  });

  it("ROLE-8: the shape limits are validation: role kinds, 10 mappings, 400 rules, match types", () => {
    const [s0, poolId] = providerPool(fresh());
    const [, result] = setRoles(s0, poolId, { Roles: { admin: AUTH_ROLE } });
    expectError(
      result,
      "ValidationException",
      "1 validation error detected: Value '{admin=arn:aws:iam::123456789012:role/authenticated}' at 'roles' failed to satisfy constraint: Map key must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: (un)?authenticated]",
    );
    const [, badMatch] = setRoles(s0, poolId, { RoleMappings: { [FACEBOOK]: { Type: "Rules", AmbiguousRoleResolution: "Deny", RulesConfiguration: { Rules: [{ ...rule(1), MatchType: "Like" }] } } } });
    expect(badMatch.ok ? "" : badMatch.error.type).toBe("ValidationException");
  });
});
