// VAL-18: names a client chooses are data. Keys named like members of Object.prototype
// (`__proto__`, `constructor`, `toString`) are stored, answered and matched like any other name.
import { describe, expect, it } from "vitest";
import { describeCredentials, step, testToken, type State } from "../../src/model/index.js";
import { unsignedJwt } from "../../src/model/jwt.js";
import { hasOwn, ownValue, setOwn } from "../../src/model/records.js";
import { arnOf, createPool, ctx, fresh, okOutput, run } from "./helpers.js";
import { AUTH_ROLE, getId, login, providerPool, setRoles, USER_POOL } from "./identity-helpers.js";

const PROTOTYPE_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
const OPENID = "cognito-identity.amazonaws.com";
const TAGS_CLAIM = "https://aws.amazon.com/tags";

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;

/** A record with exactly these own entries, `__proto__` included. */
const recordOf = (entries: [string, unknown][]) => Object.fromEntries(entries) as Record<string, unknown>;

function credentialsTags(state: State, identityId: string, logins: Record<string, string>): [State, Record<string, string>] {
  const [next, result] = run(state, "GetCredentialsForIdentity", { IdentityId: identityId, Logins: logins });
  const key = okOutput<{ Credentials: { AccessKeyId: string } }>(result).Credentials.AccessKeyId;
  return [next, describeCredentials(next, key)!.principalTags];
}

describe("the record helpers", () => {
  it("VAL-18: own keys only, and `__proto__` is set as a key, not as the prototype", () => {
    const record: Record<string, string> = {};
    for (const name of PROTOTYPE_NAMES) {
      expect(hasOwn(record, name)).toBe(false);
      expect(ownValue(record, name)).toBeUndefined();
    }
    setOwn(record, "__proto__", "x");
    setOwn(record, "constructor", "y");
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(JSON.stringify(record)).toBe('{"__proto__":"x","constructor":"y"}');
    expect(ownValue(record, "__proto__")).toBe("x");
  });
});

describe("principal tags named like Object.prototype members", () => {
  it("VAL-18: a `__proto__` principal tag, and tags reading claims named `constructor` or `toString`, reach the credentials", () => {
    const [s0, poolId] = providerPool(fresh());
    const tags = recordOf([["__proto__", "custom:dept"], ["constructor", "sub"], ["from-toString", "toString"], ["absent", "hasOwnProperty"]]);
    const [s1, set] = run(s0, "SetPrincipalTagAttributeMap", { IdentityPoolId: poolId, IdentityProviderName: USER_POOL, PrincipalTags: tags });
    expect(JSON.stringify(okOutput<{ PrincipalTags: unknown }>(set).PrincipalTags)).toBe(JSON.stringify(tags));
    const logins = login(USER_POOL, "alice", { "custom:dept": "eng", toString: "claim-text" });
    const [s2, id] = getId(setRoles(s1, poolId), poolId, logins);
    const [, principalTags] = credentialsTags(s2, id, logins);
    expect(JSON.stringify(principalTags)).toBe('{"__proto__":"eng","constructor":"alice","from-toString":"claim-text"}');
  });

  it("VAL-18: developer PrincipalTags keep a `__proto__` tag: in the token, in credentials for it, and in STS's", () => {
    const [s0, poolId] = providerPool(fresh());
    const principalTags = recordOf([["__proto__", "v1"], ["constructor", "v2"], ["plain", "v3"]]);
    const [s1, result] = run(s0, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: poolId, Logins: { "login.mycompany": "dev-1" }, PrincipalTags: principalTags });
    const { IdentityId: id, Token: token } = okOutput<{ IdentityId: string; Token: string }>(result);
    expect(JSON.stringify(claimsOf(token)[TAGS_CLAIM])).toBe('{"principal_tags":{"__proto__":["v1"],"constructor":["v2"],"plain":["v3"]}}');
    const [s2, tags] = credentialsTags(setRoles(s1, poolId), id, { [OPENID]: token });
    expect(JSON.stringify(tags)).toBe('{"__proto__":"v1","constructor":"v2","plain":"v3"}');
    const [s3, assumed] = step(s2, { service: "sts", op: "AssumeRoleWithWebIdentity", input: { RoleArn: AUTH_ROLE, RoleSessionName: "session", WebIdentityToken: token }, context: ctx });
    const key = okOutput<{ Credentials: { AccessKeyId: string } }>(assumed).Credentials.AccessKeyId;
    expect(JSON.stringify(describeCredentials(s3, key)!.principalTags)).toBe('{"__proto__":"v1","constructor":"v2","plain":"v3"}');
  });

  it("VAL-18: pool tags named `__proto__` and `constructor` are tagged, listed and untagged like any tag", () => {
    const [s0, pool] = createPool(fresh(), { IdentityPoolTags: recordOf([["__proto__", "a"]]) });
    const arn = arnOf(pool.IdentityPoolId!);
    const list = (state: State) => JSON.stringify(okOutput<{ Tags: unknown }>(run(state, "ListTagsForResource", { ResourceArn: arn })[1]).Tags);
    expect(list(s0)).toBe('{"__proto__":"a"}');
    const [s1] = run(s0, "TagResource", { ResourceArn: arn, Tags: recordOf([["constructor", "b"], ["__proto__", "c"]]) });
    expect(list(s1)).toBe('{"__proto__":"c","constructor":"b"}');
    const [s2] = run(s1, "UntagResource", { ResourceArn: arn, TagKeys: ["__proto__"] });
    expect(list(s2)).toBe('{"constructor":"b"}');
  });
});

/**
 * Everything a custom provider takes part in, for a provider named `name`: its tokens (the test
 * token and a JWT, as testToken makes them), role mappings keyed by it and rules on claims named
 * like prototype members, a principal-tag map, and developer identities of the same name. Answers
 * are returned with the name replaced, so that two names can be compared.
 */
function customProviderTranscript(name: string): unknown[] {
  const out: unknown[] = [];
  const record = (value: unknown) => out.push(JSON.parse(JSON.stringify(value).split(name).join("<name>")));
  const [s0, pool] = createPool(fresh(), { AllowUnauthenticatedIdentities: true, SupportedLoginProviders: recordOf([[name, "app"]]), DeveloperProviderName: name });
  const poolId = pool.IdentityPoolId!;
  const rule = (Claim: string, MatchType: string, Value: string) => ({ Claim, MatchType, Value, RoleARN: AUTH_ROLE });
  let [state, result] = run(s0, "SetIdentityPoolRoles", {
    IdentityPoolId: poolId,
    Roles: { authenticated: AUTH_ROLE },
    RoleMappings: recordOf([[name, { Type: "Rules", AmbiguousRoleResolution: "Deny", RulesConfiguration: { Rules: [rule("isPrototypeOf", "Equals", "x"), rule("propertyIsEnumerable", "NotEqual", "y"), rule("sub", "Equals", "u1")] } }]]),
  });
  record(result);
  [state, result] = run(state, "SetPrincipalTagAttributeMap", { IdentityPoolId: poolId, IdentityProviderName: name, UseDefaults: true, PrincipalTags: { dept: "dept" } });
  record(result);
  const tokens = [
    testToken(name, { sub: "u1", aud: "app", dept: "d" }),
    testToken(name, { sub: "u1", aud: "app", dept: "d" }, { issuer: `https://${name}` }),
    unsignedJwt({ alg: "none" }, { iss: `https://${name}`, sub: "u1", aud: "app", exp: 4_102_444_800 }),
    `cim-test-token.${Buffer.from(JSON.stringify({ sub: "u1", aud: "app", exp: 4_102_444_800 })).toString("base64url")}`,
    testToken(name, { sub: "u1", aud: "other-app" }),
  ];
  record(tokens.map((t) => t.startsWith("cim-test-token.")));
  for (const token of tokens) {
    [state, result] = run(state, "GetId", { IdentityPoolId: poolId, Logins: recordOf([[name, token]]) });
    record(result);
    if (!result.ok) continue;
    const identityId = (result.output as { IdentityId: string }).IdentityId;
    [state, result] = run(state, "GetCredentialsForIdentity", { IdentityId: identityId, Logins: recordOf([[name, token]]) });
    record(result.ok ? describeCredentials(state, (result.output as { Credentials: { AccessKeyId: string } }).Credentials.AccessKeyId) : result);
  }
  [state, result] = run(state, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: poolId, Logins: recordOf([[name, "dev-1"]]) });
  record(result.ok ? { ok: true, IdentityId: (result.output as { IdentityId: string }).IdentityId } : result);
  for (const [op, input] of [
    ["LookupDeveloperIdentity", { IdentityPoolId: poolId, DeveloperUserIdentifier: "dev-1" }],
    ["MergeDeveloperIdentities", { IdentityPoolId: poolId, DeveloperProviderName: name, SourceUserIdentifier: "dev-1", DestinationUserIdentifier: "dev-1" }],
    ["GetPrincipalTagAttributeMap", { IdentityPoolId: poolId, IdentityProviderName: name }],
    ["GetIdentityPoolRoles", { IdentityPoolId: poolId }],
  ] as const) {
    [state, result] = run(state, op, input);
    record(result);
  }
  return out;
}

describe("providers named like Object.prototype members", () => {
  it("VAL-18: SupportedLoginProviders keys and developer provider names constructor, toString, __proto__ behave as myprovider does", () => {
    const expected = customProviderTranscript("myprovider");
    expect(expected[2]).toEqual([false, false, false, true, false]);
    for (const name of PROTOTYPE_NAMES) expect(customProviderTranscript(name), name).toEqual(expected);
  });

  it("VAL-18: a Logins key named like a prototype member that the pool does not have is an unsupported provider", () => {
    const [s0, poolId] = providerPool(fresh());
    for (const name of PROTOTYPE_NAMES) {
      const [, result] = run(s0, "GetId", { IdentityPoolId: poolId, Logins: recordOf([[name, testToken(name, { sub: "u", aud: "app" })]]) });
      expect(result).toEqual({ ok: false, error: { type: "NotAuthorizedException", message: "Token is not from a supported provider of this identity pool." } });
    }
  });
});
