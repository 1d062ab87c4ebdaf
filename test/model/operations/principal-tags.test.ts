// Rules PTAG-n: SetPrincipalTagAttributeMap, GetPrincipalTagAttributeMap and the principal tags that
// travel with credentials (spec/operations/SetPrincipalTagAttributeMap.md, GetPrincipalTagAttributeMap.md).
import { describe, expect, it } from "vitest";
import { describeCredentials, testToken, type State } from "../../../src/model/index.js";
import { signJwt } from "../../../src/model/jwt.js";
import { defaultSigningKey } from "../../../src/model/keys/default-signing-key.js";
import { at, expectError, fresh, NOW, okOutput, run } from "../helpers.js";
import { AMAZON, AMAZON_APP, CLIENT, FACEBOOK, getId, GOOGLE, login, OIDC, OIDC_ARN, providerPool, SAML, setRoles, USER_POOL } from "../identity-helpers.js";

const setMap = (state: State, poolId: string, provider: string, input: Record<string, unknown> = {}) =>
  run(state, "SetPrincipalTagAttributeMap", { IdentityPoolId: poolId, IdentityProviderName: provider, ...input });
const getMap = (state: State, poolId: string, provider: string) =>
  run(state, "GetPrincipalTagAttributeMap", { IdentityPoolId: poolId, IdentityProviderName: provider })[1];

/** The principal tags behind credentials for a user of `provider` presenting `logins`. */
function tagsFor(state: State, poolId: string, logins: Record<string, string>): Record<string, string> {
  const [s1, id] = getId(setRoles(state, poolId), poolId, logins);
  const [s2, result] = run(s1, "GetCredentialsForIdentity", { IdentityId: id, Logins: logins });
  const key = okOutput<{ Credentials: { AccessKeyId: string } }>(result).Credentials.AccessKeyId;
  return describeCredentials(s2, key)!.principalTags;
}

describe("SetPrincipalTagAttributeMap and GetPrincipalTagAttributeMap", () => {
  it("PTAG-1: Set stores the map and answers it; omitted members are UseDefaults false and no tags", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, result] = setMap(s0, poolId, USER_POOL, { UseDefaults: false, PrincipalTags: { dept: "custom:dept" } });
    const expected = { IdentityPoolId: poolId, IdentityProviderName: USER_POOL, UseDefaults: false, PrincipalTags: { dept: "custom:dept" } };
    expect(okOutput(result)).toEqual(expected);
    expect(okOutput(getMap(s1, poolId, USER_POOL))).toEqual(expected);
    const [s2, bare] = setMap(s1, poolId, USER_POOL);
    expect(okOutput(bare)).toEqual({ IdentityPoolId: poolId, IdentityProviderName: USER_POOL, UseDefaults: false, PrincipalTags: {} });
    expect(okOutput(getMap(s2, poolId, USER_POOL))).toEqual(okOutput(bare));
  });

  it("PTAG-2: the provider must be one of the pool's: a user pool by its name, OIDC by name or ARN, SAML by ARN", () => {
    const [s0, poolId] = providerPool(fresh());
    for (const provider of [USER_POOL, FACEBOOK, GOOGLE, OIDC, OIDC_ARN, SAML]) okOutput(setMap(s0, poolId, provider)[1]);
    for (const provider of [`${USER_POOL}:${CLIENT}`, "unknown.example.com", "login.mycompany"]) {
      const [s1, result] = setMap(s0, poolId, provider);
      expectError(result, "InvalidParameterException", `(${provider}) is not a configured provider of this identity pool.`);
      expect(s1).toBe(s0);
      expectError(getMap(s0, poolId, provider), "InvalidParameterException", `(${provider}) is not a configured provider of this identity pool.`);
    }
    const elsewhere = at({ account: "210987654321" });
    expectError(run(s0, "GetPrincipalTagAttributeMap", { IdentityPoolId: poolId, IdentityProviderName: USER_POOL }, elsewhere)[1], "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
    expectError(run(s0, "SetPrincipalTagAttributeMap", { IdentityPoolId: poolId, IdentityProviderName: USER_POOL }, elsewhere)[1], "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
  });

  it("PTAG-3: a provider whose map was never set answers UseDefaults false and no tags", () => {
    const [s0, poolId] = providerPool(fresh());
    expect(okOutput(getMap(s0, poolId, GOOGLE))).toEqual({ IdentityPoolId: poolId, IdentityProviderName: GOOGLE, UseDefaults: false, PrincipalTags: {} });
  });
});

describe("principal tags on credentials", () => {
  it("PTAG-4: UseDefaults maps username and client to the provider's user and app claims", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1] = setMap(s0, poolId, USER_POOL, { UseDefaults: true });
    expect(tagsFor(s1, poolId, login(USER_POOL, "alice"))).toEqual({ username: "alice", client: CLIENT });
    const [s2] = setMap(s0, poolId, AMAZON, { UseDefaults: true });
    expect(tagsFor(s2, poolId, login(AMAZON, "amzn1.account.A"))).toEqual({ username: "amzn1.account.A", client: AMAZON_APP });
    const [s3] = setMap(s0, poolId, SAML, { UseDefaults: true });
    const claims = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims";
    const saml = { [SAML]: testToken(SAML, { sub: "n1", [`${claims}/nameidentifier`]: "n1", [`${claims}/name`]: "Ann" }) };
    expect(tagsFor(s3, poolId, saml)).toEqual({ username: "n1", name: "Ann" });
  });

  it("PTAG-5: a custom map reads the login's claims; missing claims give no tag; list claims are joined", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1] = setMap(s0, poolId, USER_POOL, { PrincipalTags: { dept: "custom:dept", groups: "cognito:groups", phone: "phone_number" } });
    expect(tagsFor(s1, poolId, login(USER_POOL, "alice", { "custom:dept": "sales", "cognito:groups": ["a", "b"] }))).toEqual({ dept: "sales", groups: "a,b" });
  });

  it("PTAG-5: UseDefaults with custom tags gives both, the custom ones winning", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1] = setMap(s0, poolId, USER_POOL, { UseDefaults: true, PrincipalTags: { client: "custom:dept", dept: "custom:dept" } });
    expect(tagsFor(s1, poolId, login(USER_POOL, "alice", { "custom:dept": "sales" }))).toEqual({ username: "alice", client: "sales", dept: "sales" });
  });

  it("PTAG-5: the first presented login whose provider has a map gives the tags; no map, no tags", () => {
    const [s0, poolId] = providerPool(fresh());
    expect(tagsFor(s0, poolId, login(USER_POOL, "alice"))).toEqual({});
    const [s1] = setMap(s0, poolId, OIDC_ARN, { PrincipalTags: { who: "sub" } });
    expect(tagsFor(s1, poolId, { ...login(FACEBOOK, "f1"), ...login(OIDC, "o1") })).toEqual({ who: "o1" });
  });

  it("PTAG-5: unauthenticated credentials carry no tags", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(setRoles(s0, poolId), poolId);
    const [s2, result] = run(s1, "GetCredentialsForIdentity", { IdentityId: id });
    expect(describeCredentials(s2, okOutput<{ Credentials: { AccessKeyId: string } }>(result).Credentials.AccessKeyId)!.principalTags).toEqual({});
  });

  it("PTAG-6: an OpenID token that carries session tags passes them on", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(setRoles(s0, poolId), poolId, login(FACEBOOK, "f1"));
    const payload = {
      sub: id,
      aud: poolId,
      iss: "https://cognito-identity.amazonaws.com",
      amr: ["authenticated", "login.mycompany"],
      "https://aws.amazon.com/tags": { principal_tags: { tenant: ["acme"] } },
      exp: NOW / 1000 + 900,
      iat: NOW / 1000,
    };
    const token = signJwt({ kid: defaultSigningKey.kid, typ: "JWS", alg: "RS512" }, payload, "RS512", defaultSigningKey.privateJwk);
    const [s2, result] = run(s1, "GetCredentialsForIdentity", { IdentityId: id, Logins: { "cognito-identity.amazonaws.com": token } });
    expect(describeCredentials(s2, okOutput<{ Credentials: { AccessKeyId: string } }>(result).Credentials.AccessKeyId)!.principalTags).toEqual({ tenant: "acme" });
  });
});
