// Rules DEV-n: GetOpenIdTokenForDeveloperIdentity, LookupDeveloperIdentity, MergeDeveloperIdentities,
// UnlinkDeveloperIdentity, and what developer identities change in the lifecycle
// (spec/operations/*DeveloperIdentit*.md, spec/identities.md). Tokens are verified with jose against
// the model's JWKS.
import { createLocalJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { describeCredentials, OPENID_ISSUER, openIdJwks, restoreState, snapshotState, type State } from "../../../src/model/index.js";
import { at, createPool, ctx, expectError, fresh, NOW, okOutput, run } from "../helpers.js";
import {
  AUTH_ROLE,
  describeIdentity,
  FACEBOOK,
  getId,
  GOOGLE,
  listAll,
  login,
  providerPool,
  setRoles,
  UNKNOWN_IDENTITY,
  USER_POOL,
} from "../identity-helpers.js";

const DEV = "login.mycompany";
const NOW_SECONDS = NOW / 1000;
const OPENID = "cognito-identity.amazonaws.com";
const NOT_SUPPORTED = "This identity pool does not support the specified developer provider";
const LOGINS_DONT_MATCH = "Logins don't match. Please include at least one valid login for this identity or identity pool.";
const UNKNOWN_POOL = "us-east-1:00000000-0000-4000-8000-000000000000";

type Input = Record<string, unknown>;

const devToken = (state: State, poolId: string, identifier: string, extra: Input = {}, context = ctx) =>
  run(state, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: poolId, Logins: { [DEV]: identifier }, ...extra }, context);

/** GetOpenIdTokenForDeveloperIdentity that must succeed: the new state, the identity and the token. */
function developer(state: State, poolId: string, identifier: string, extra: Input = {}): [State, string, string] {
  const [next, result] = devToken(state, poolId, identifier, extra);
  const out = okOutput<{ IdentityId: string; Token: string }>(result);
  return [next, out.IdentityId, out.Token];
}

const lookup = (state: State, poolId: string, input: Input, context = ctx) =>
  run(state, "LookupDeveloperIdentity", { IdentityPoolId: poolId, ...input }, context);

type LookupOut = { IdentityId: string; DeveloperUserIdentifierList: string[]; NextToken?: string };

const merge = (state: State, poolId: string, source: string, destination: string, provider = DEV) =>
  run(state, "MergeDeveloperIdentities", { IdentityPoolId: poolId, DeveloperProviderName: provider, SourceUserIdentifier: source, DestinationUserIdentifier: destination });

const unlink = (state: State, poolId: string, identityId: string, identifier: string, provider = DEV, context = ctx) =>
  run(state, "UnlinkDeveloperIdentity", { IdentityPoolId: poolId, IdentityId: identityId, DeveloperProviderName: provider, DeveloperUserIdentifier: identifier }, context);

const loginsOf = (state: State, identityId: string) => okOutput<{ Logins?: string[] }>(describeIdentity(state, identityId)).Logins;

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;

async function verified(state: State, jwt: string, poolId: string) {
  return (await jwtVerify(jwt, createLocalJWKSet(openIdJwks(state) as never), { issuer: OPENID_ISSUER, audience: poolId, currentDate: new Date(NOW) })).payload;
}

/** Identifiers of an identity through every Lookup page of `pageSize`. */
function lookupAll(state: State, poolId: string, input: Input, pageSize?: number): string[] {
  const all: string[] = [];
  let token: string | undefined;
  do {
    const page = okOutput<LookupOut>(lookup(state, poolId, { ...input, ...(pageSize ? { MaxResults: pageSize } : {}), ...(token ? { NextToken: token } : {}) })[1]);
    all.push(...page.DeveloperUserIdentifierList);
    token = page.NextToken;
  } while (token);
  return all;
}

describe("GetOpenIdTokenForDeveloperIdentity", () => {
  it("DEV-1: signed: the pool must be one of the caller's account and Region", () => {
    const [s0, poolId] = providerPool(fresh());
    expectError(devToken(s0, UNKNOWN_POOL, "alice")[1], "ResourceNotFoundException", `IdentityPool '${UNKNOWN_POOL}' not found.`);
    expectError(devToken(s0, poolId, "alice", {}, at({ account: "210987654321" }))[1], "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
    expectError(devToken(s0, poolId, "alice", {}, at({ region: "eu-west-1" }))[1], "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
  });

  it("DEV-2: Logins must name the pool's developer provider; another name, or a pool without one, is not supported", () => {
    const [s0, poolId] = providerPool(fresh());
    const call = (logins: Record<string, string>, state = s0, pool = poolId) =>
      run(state, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: pool, Logins: logins });
    const [s1, result] = call({ "login.other": "alice" });
    expectError(result, "NotAuthorizedException", NOT_SUPPORTED);
    expect(s1).toBe(s0);
    expectError(call({}, s0)[1], "NotAuthorizedException", NOT_SUPPORTED);
    expectError(call(login(FACEBOOK, "f1"))[1], "NotAuthorizedException", NOT_SUPPORTED);
    const [s2, plain] = createPool(s0, { AllowUnauthenticatedIdentities: true });
    expectError(call({ [DEV]: "alice" }, s2, plain.IdentityPoolId!)[1], "NotAuthorizedException", NOT_SUPPORTED);
  });

  it("DEV-2: the developer user identifier is 1 to 1024 characters", () => {
    const [s0, poolId] = providerPool(fresh());
    developer(s0, poolId, "x".repeat(1024));
    expectError(devToken(s0, poolId, "x".repeat(1025))[1], "InvalidParameterException", "The developer user identifier must have length less than or equal to 1024.");
    expect(devToken(s0, poolId, "")[1]).toMatchObject({ ok: false, error: { type: "ValidationException" } });
  });

  it("DEV-3: the other entries are logins of the pool's providers, checked as every login is, and linked", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = developer(s0, poolId, "alice", { Logins: { [DEV]: "alice", ...login(FACEBOOK, "f1") } });
    expect(loginsOf(s1, id)).toEqual([DEV, FACEBOOK]);
    expect(getId(s1, poolId, login(FACEBOOK, "f1"))[1]).toBe(id);
    const unsupported = "Token is not from a supported provider of this identity pool.";
    const [s2, refused] = devToken(s0, poolId, "bob", { Logins: { [DEV]: "bob", "unknown.example.com": "token" } });
    expectError(refused, "NotAuthorizedException", unsupported);
    expect(s2).toBe(s0);
    expectError(devToken(s0, poolId, "bob", { Logins: { [DEV]: "bob", ...login(FACEBOOK, "f1", { exp: 1 }) } })[1], "NotAuthorizedException", `Invalid login token. Token expired: ${NOW_SECONDS} >= 1`);
    expectError(devToken(s0, poolId, "bob", { Logins: { [DEV]: "bob", [OPENID]: "x" } })[1], "NotAuthorizedException", "Invalid login token. Can't pass in a Cognito token.");
    const [s3, devOnly] = createPool(s0, { DeveloperProviderName: DEV });
    expectError(
      devToken(s3, devOnly.IdentityPoolId!, "bob", { Logins: { [DEV]: "bob", ...login(FACEBOOK, "f1") } })[1],
      "NotAuthorizedException",
      `Identity pool - ${devOnly.IdentityPoolId} does not have identity providers configured.`,
    );
  });

  it("DEV-4: without IdentityId: the identity that owns the identifier, else a new authenticated one", () => {
    const [s0, poolId] = providerPool(fresh(), { AllowUnauthenticatedIdentities: false });
    const [s1, alice] = developer(s0, poolId, "alice");
    const [s2, again] = developer(s1, poolId, "alice");
    const [s3, bob] = developer(s2, poolId, "bob");
    expect(again).toBe(alice);
    expect(s2.identities.size).toBe(s1.identities.size);
    expect(bob).not.toBe(alice);
    expect(listAll(s3, poolId).map((i) => i.IdentityId)).toEqual([alice, bob]);
    expect(loginsOf(s3, alice)).toEqual([DEV]);
  });

  it("DEV-4: without IdentityId, a public login of another identity merges that identity into the identifier's owner", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, fb] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2, alice] = developer(s1, poolId, "alice");
    const [s3, answered] = developer(s2, poolId, "alice", { Logins: { ...login(FACEBOOK, "f1"), [DEV]: "alice" } });
    expect(answered).toBe(alice);
    expect(loginsOf(s3, alice)).toEqual([DEV, FACEBOOK]);
    expect(loginsOf(s3, fb)).toBeUndefined();
    expect(listAll(s3, poolId, 60, true).map((i) => i.IdentityId)).toEqual([alice]);
    // A new identifier presented with an owned public login is linked to that login's owner.
    const [s4, carol] = developer(s3, poolId, "carol", { Logins: { [DEV]: "carol", ...login(FACEBOOK, "f1") } });
    expect(carol).toBe(alice);
    expect(lookupAll(s4, poolId, { IdentityId: alice })).toEqual(["alice", "carol"]);
  });

  it("DEV-5: with IdentityId: an unauthenticated identity becomes authenticated and keeps its id", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, guest] = getId(s0, poolId);
    const [s2, answered, token] = developer(s1, poolId, "alice", { IdentityId: guest });
    expect(answered).toBe(guest);
    expect(claimsOf(token).sub).toBe(guest);
    expect(loginsOf(s2, guest)).toEqual([DEV]);
    expect(developer(s2, poolId, "alice")[1]).toBe(guest);
    expectError(run(s2, "GetOpenIdToken", { IdentityId: guest })[1], "NotAuthorizedException", LOGINS_DONT_MATCH);
  });

  it("DEV-5: IdentityId must be a live identity of the pool, of the caller's account and Region", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, other] = providerPool(s0);
    const [s2, elsewhere] = getId(s1, other);
    expectError(devToken(s2, poolId, "alice", { IdentityId: UNKNOWN_IDENTITY })[1], "ResourceNotFoundException", `Identity '${UNKNOWN_IDENTITY}' not found.`);
    expectError(devToken(s2, poolId, "alice", { IdentityId: elsewhere })[1], "ResourceNotFoundException", `Identity '${elsewhere}' not found.`);
    const [s3, bob] = developer(s2, poolId, "bob");
    const [s4, alice] = developer(s3, poolId, "alice");
    const [s5] = merge(s4, poolId, "bob", "alice");
    expectError(devToken(s5, poolId, "dave", { IdentityId: bob })[1], "NotAuthorizedException", `Access to Identity '${bob}' is forbidden.`);
    expect(alice).not.toBe(bob);
  });

  it("DEV-6: an identifier registered to another identity is DeveloperUserAlreadyRegisteredException", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1] = developer(s0, poolId, "alice");
    const [s2, guest] = getId(s1, poolId);
    const [s3, result] = devToken(s2, poolId, "alice", { IdentityId: guest });
    expectError(result, "DeveloperUserAlreadyRegisteredException", "The provided developer user identifier is already registered with Cognito under a different identity ID.");
    expect(s3).toBe(s2);
  });

  it("DEV-7: an identity authenticated through another provider needs that provider's login; developer identifiers vouch for themselves", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, fb] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2, refused] = devToken(s1, poolId, "alice", { IdentityId: fb });
    expectError(refused, "NotAuthorizedException", LOGINS_DONT_MATCH);
    expect(s2).toBe(s1);
    expectError(devToken(s1, poolId, "alice", { IdentityId: fb, Logins: { [DEV]: "alice", ...login(GOOGLE, "g1") } })[1], "NotAuthorizedException", LOGINS_DONT_MATCH);
    const [s3, linked] = developer(s1, poolId, "alice", { IdentityId: fb, Logins: { [DEV]: "alice", ...login(FACEBOOK, "f1") } });
    expect(linked).toBe(fb);
    expect(loginsOf(s3, fb)).toEqual([FACEBOOK, DEV]);
    // Once linked, the identifier alone proves the identity.
    expect(developer(s3, poolId, "alice", { IdentityId: fb })[1]).toBe(fb);
    // An identity with developer identifiers only takes another one on the developer's word.
    const [s4, bob] = developer(s3, poolId, "bob");
    const [s5, same] = developer(s4, poolId, "bob2", { IdentityId: bob });
    expect(same).toBe(bob);
    expect(lookupAll(s5, poolId, { IdentityId: bob })).toEqual(["bob", "bob2"]);
  });

  it("DEV-8: the token lives TokenDuration seconds, 900 by default; jose verifies it against the JWKS", async () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id, token] = developer(s0, poolId, "alice");
    const payload = await verified(s1, token, poolId);
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(payload).toMatchObject({ sub: id, aud: poolId, iat: NOW_SECONDS });
    for (const duration of [1, 3600, 86_400]) {
      const [, , t] = developer(s1, poolId, "alice", { TokenDuration: duration });
      const p = duration === 1 ? claimsOf(t) : await verified(s1, t, poolId);
      expect((p.exp as number) - (p.iat as number)).toBe(duration);
    }
    expect(devToken(s1, poolId, "alice", { TokenDuration: 86_401 })[1]).toMatchObject({ ok: false, error: { type: "ValidationException" } });
    expect(devToken(s1, poolId, "alice", { TokenDuration: 0 })[1]).toMatchObject({ ok: false, error: { type: "ValidationException" } });
    const [t0, poolId2] = providerPool(fresh({ tokens: { developerTokenSeconds: 60 } }));
    const c = claimsOf(developer(t0, poolId2, "alice")[2]);
    expect((c.exp as number) - (c.iat as number)).toBe(60);
  });

  it("DEV-9: PrincipalTags travel in the token as session tags; without them there is no such claim", async () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, , token] = developer(s0, poolId, "alice", { PrincipalTags: { tenant: "acme", dept: "sales" } });
    const payload = await verified(s1, token, poolId);
    expect(payload["https://aws.amazon.com/tags"]).toEqual({ principal_tags: { tenant: ["acme"], dept: ["sales"] } });
    // The order of a 2023 token from an OIDC login with session tags (OIDC-2).
    expect(Object.keys(payload)).toEqual([
      "sub",
      "aud",
      "amr",
      "https://aws.amazon.com/tags",
      "iss",
      "https://cognito-identity.amazonaws.com/identity-pool-arn",
      "exp",
      "iat",
    ]);
    expect(claimsOf(developer(s1, poolId, "alice")[2])).not.toHaveProperty(["https://aws.amazon.com/tags"]);
    expect(claimsOf(developer(s1, poolId, "alice", { PrincipalTags: {} })[2])).not.toHaveProperty(["https://aws.amazon.com/tags"]);
  });

  it("DEV-10: amr is authenticated, the provider name, and the provider-qualified user; other logins follow in the map's order", async () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, , token] = developer(s0, poolId, "alice");
    expect((await verified(s1, token, poolId)).amr).toEqual(["authenticated", DEV, `${DEV}:${poolId}:alice`]);
    const [, , both] = developer(s1, poolId, "alice", { Logins: { ...login(USER_POOL, "u1"), [DEV]: "alice" } });
    expect(claimsOf(both).amr).toEqual(["authenticated", USER_POOL, `${USER_POOL}:CognitoSignIn:u1`, DEV, `${DEV}:${poolId}:alice`]);
  });

  it("DEV-11: the lifecycle's limits hold: one login per public provider, at most 20 logins (ResourceConflictException)", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1] = developer(s0, poolId, "alice", { Logins: { [DEV]: "alice", ...login(FACEBOOK, "f1") } });
    const [s2, result] = devToken(s1, poolId, "alice", { Logins: { [DEV]: "alice", ...login(FACEBOOK, "f2") } });
    expectError(result, "ResourceConflictException", `The identity is already linked to a different login of ${FACEBOOK}.`);
    expect(s2).toBe(s1);
    const [t0, small] = providerPool(fresh({ quotas: { linkedLoginsPerIdentity: 2 } }));
    const [t1, id] = developer(t0, small, "a", { Logins: { [DEV]: "a", ...login(FACEBOOK, "f1") } });
    expectError(devToken(t1, small, "b", { IdentityId: id, Logins: { [DEV]: "b", ...login(FACEBOOK, "f1") } })[1], "ResourceConflictException", "The number of linked logins is limited to 2.");
  });

  it("DEV-12: the token is a login for GetCredentialsForIdentity (authenticated role, principal tags) and GetOpenIdToken", async () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id, token] = developer(setRoles(s0, poolId), poolId, "alice", { PrincipalTags: { tenant: "acme" } });
    const [s2, creds] = run(s1, "GetCredentialsForIdentity", { IdentityId: id, Logins: { [OPENID]: token } });
    const key = okOutput<{ IdentityId: string; Credentials: { AccessKeyId: string } }>(creds);
    expect(key.IdentityId).toBe(id);
    expect(describeCredentials(s2, key.Credentials.AccessKeyId)).toMatchObject({ roleArn: AUTH_ROLE, identityId: id, principalTags: { tenant: "acme" } });
    const refreshed = okOutput<{ IdentityId: string; Token: string }>(run(s2, "GetOpenIdToken", { IdentityId: id, Logins: { [OPENID]: token } })[1]);
    const payload = await verified(s2, refreshed.Token, poolId);
    expect(payload.amr).toEqual(["authenticated", DEV, `${DEV}:${poolId}:alice`]);
    expect(payload["https://aws.amazon.com/tags"]).toEqual({ principal_tags: { tenant: ["acme"] } });
    expect(payload.exp! - payload.iat!).toBe(600);
    const [s3, bob] = developer(s2, poolId, "bob");
    expectError(run(s3, "GetCredentialsForIdentity", { IdentityId: bob, Logins: { [OPENID]: token } })[1], "NotAuthorizedException", LOGINS_DONT_MATCH);
    expectError(run(s3, "GetCredentialsForIdentity", { IdentityId: id })[1], "NotAuthorizedException", LOGINS_DONT_MATCH);
    const late = at({ now: NOW + 900_000 });
    expectError(run(s3, "GetCredentialsForIdentity", { IdentityId: id, Logins: { [OPENID]: token } }, late)[1], "NotAuthorizedException", `Invalid login token. Token expired: ${NOW_SECONDS + 900} >= ${NOW_SECONDS + 900}`);
  });

  it("RATE-2: with rate limiting on, GetOpenIdTokenForDeveloperIdentity takes 200 calls a second", () => {
    let [state, poolId] = providerPool(fresh({ rateLimiting: { enabled: true } }));
    for (let i = 0; i < 200; i++) [state] = developer(state, poolId, `u${i % 3}`);
    expectError(devToken(state, poolId, "u0")[1], "TooManyRequestsException", "Rate exceeded");
    okOutput(devToken(state, poolId, "u0", {}, at({ now: NOW + 1000 }))[1]);
  });
});

describe("LookupDeveloperIdentity", () => {
  it("DEV-13: neither IdentityId nor DeveloperUserIdentifier is an invalid parameter, checked first", () => {
    const [s0, poolId] = providerPool(fresh());
    const message = "Either IdentityId or DeveloperUserIdentifier must be provided.";
    expectError(lookup(s0, poolId, {})[1], "InvalidParameterException", message);
    expectError(lookup(s0, UNKNOWN_POOL, { MaxResults: 10 })[1], "InvalidParameterException", message);
  });

  it("DEV-14: by IdentityId: the identity of the pool and its identifiers; unknown, foreign or other-pool identities are not found", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, other] = providerPool(s0);
    const [s2, alice] = developer(s1, poolId, "alice");
    const [s3, guest] = getId(s2, poolId);
    const [s4, elsewhere] = developer(s3, other, "alice");
    expect(okOutput(lookup(s4, poolId, { IdentityId: alice })[1])).toEqual({ IdentityId: alice, DeveloperUserIdentifierList: ["alice"] });
    expect(okOutput(lookup(s4, poolId, { IdentityId: guest })[1])).toEqual({ IdentityId: guest, DeveloperUserIdentifierList: [] });
    expectError(lookup(s4, poolId, { IdentityId: elsewhere })[1], "ResourceNotFoundException", `Identity '${elsewhere}' not found.`);
    expectError(lookup(s4, poolId, { IdentityId: UNKNOWN_IDENTITY })[1], "ResourceNotFoundException", `Identity '${UNKNOWN_IDENTITY}' not found.`);
    expectError(lookup(s4, poolId, { IdentityId: alice }, at({ account: "210987654321" }))[1], "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
    expectError(lookup(s4, UNKNOWN_POOL, { IdentityId: alice })[1], "ResourceNotFoundException", `IdentityPool '${UNKNOWN_POOL}' not found.`);
  });

  it("DEV-15: by DeveloperUserIdentifier: the identity that owns it, with all its identifiers; an unknown identifier is not found", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, alice] = developer(s0, poolId, "alice");
    const [s2] = developer(s1, poolId, "bob");
    const [s3] = merge(s2, poolId, "bob", "alice");
    expect(okOutput(lookup(s3, poolId, { DeveloperUserIdentifier: "bob" })[1])).toEqual({ IdentityId: alice, DeveloperUserIdentifierList: ["alice", "bob"] });
    expectError(lookup(s3, poolId, { DeveloperUserIdentifier: "carol" })[1], "ResourceNotFoundException", "Developer user identifier 'carol' not found.");
    const [s4, plain] = createPool(s3, { AllowUnauthenticatedIdentities: true });
    expectError(lookup(s4, plain.IdentityPoolId!, { DeveloperUserIdentifier: "alice" })[1], "ResourceNotFoundException", "Developer user identifier 'alice' not found.");
  });

  it("DEV-16: both given: they must match, else ResourceConflictException", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, alice] = developer(s0, poolId, "alice");
    const [s2, bob] = developer(s1, poolId, "bob");
    expect(okOutput(lookup(s2, poolId, { IdentityId: alice, DeveloperUserIdentifier: "alice" })[1])).toEqual({ IdentityId: alice, DeveloperUserIdentifierList: ["alice"] });
    expectError(lookup(s2, poolId, { IdentityId: alice, DeveloperUserIdentifier: "bob" })[1], "ResourceConflictException", `Developer user identifier 'bob' is not linked to identity '${alice}'.`);
    expectError(lookup(s2, poolId, { IdentityId: bob, DeveloperUserIdentifier: "nobody" })[1], "ResourceConflictException", `Developer user identifier 'nobody' is not linked to identity '${bob}'.`);
    expectError(lookup(s2, poolId, { IdentityId: UNKNOWN_IDENTITY, DeveloperUserIdentifier: "bob" })[1], "ResourceNotFoundException", `Identity '${UNKNOWN_IDENTITY}' not found.`);
  });

  /** An identity holding `n` identifiers u00, u01, ... merged in reverse order. */
  function manyIdentifiers(n: number): [State, string, string] {
    let [state, poolId] = providerPool(fresh({ quotas: { linkedLoginsPerIdentity: 100 } }));
    let target = "";
    for (let i = n - 1; i >= 0; i--) {
      const name = `u${String(i).padStart(2, "0")}`;
      let id: string;
      [state, id] = developer(state, poolId, name);
      if (target === "") target = id;
      else [state] = merge(state, poolId, name, `u${String(n - 1).padStart(2, "0")}`);
    }
    return [state, poolId, target];
  }

  it("DEV-17: identifiers in code-unit order, MaxResults per page, NextToken only when more follow; 60 by default", () => {
    const [s0, poolId, id] = manyIdentifiers(65);
    const first = okOutput<LookupOut>(lookup(s0, poolId, { IdentityId: id })[1]);
    expect(first.DeveloperUserIdentifierList).toHaveLength(60);
    expect(first.DeveloperUserIdentifierList[0]).toBe("u00");
    const second = okOutput<LookupOut>(lookup(s0, poolId, { IdentityId: id, NextToken: first.NextToken })[1]);
    expect(second).toEqual({ IdentityId: id, DeveloperUserIdentifierList: ["u60", "u61", "u62", "u63", "u64"] });
    const all = lookupAll(s0, poolId, { IdentityId: id }, 7);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(65);
    expect(lookupAll(s0, poolId, { DeveloperUserIdentifier: "u30" }, 60)).toEqual(all);
    const exact = okOutput<LookupOut>(lookup(s0, poolId, { IdentityId: id, MaxResults: 5, NextToken: first.NextToken })[1]);
    expect(exact.DeveloperUserIdentifierList).toHaveLength(5);
    expect(exact.NextToken).toBeUndefined();
  });

  it("DEV-17: paging is stable: identifiers unlinked or merged in between pages do not shift the others", () => {
    const [s0, poolId, id] = manyIdentifiers(10);
    const page1 = okOutput<LookupOut>(lookup(s0, poolId, { IdentityId: id, MaxResults: 4 })[1]);
    expect(page1.DeveloperUserIdentifierList).toEqual(["u00", "u01", "u02", "u03"]);
    let [s1] = unlink(s0, poolId, id, "u02");
    [s1] = unlink(s1, poolId, id, "u03");
    [s1] = unlink(s1, poolId, id, "u05");
    const [s2] = developer(s1, poolId, "u045");
    const [s3] = merge(s2, poolId, "u045", "u09");
    const page2 = okOutput<LookupOut>(lookup(s3, poolId, { IdentityId: id, MaxResults: 4, NextToken: page1.NextToken })[1]);
    expect(page2.DeveloperUserIdentifierList).toEqual(["u04", "u045", "u06", "u07"]);
  });

  it("DEV-17: a token not issued for this identity's listing is an invalid parameter", () => {
    const [s0, poolId, id] = manyIdentifiers(3);
    const [s1, other] = developer(s0, poolId, "other");
    const token = okOutput<LookupOut>(lookup(s1, poolId, { IdentityId: id, MaxResults: 1 })[1]).NextToken!;
    const invalid = "The pagination token is invalid.";
    expectError(lookup(s1, poolId, { IdentityId: other, NextToken: token })[1], "InvalidParameterException", invalid);
    expectError(lookup(s1, poolId, { IdentityId: id, NextToken: "cim1k.AAAA.00000000" })[1], "InvalidParameterException", invalid);
    expectError(lookup(s1, poolId, { IdentityId: id, NextToken: "garbage" })[1], "InvalidParameterException", invalid);
    okOutput(lookup(s1, poolId, { IdentityId: id, NextToken: token })[1]);
  });

  it("RATE-2: LookupDeveloperIdentity has no documented rate and is never throttled", () => {
    let [state, poolId] = providerPool(fresh({ rateLimiting: { enabled: true } }));
    [state] = developer(state, poolId, "alice");
    for (let i = 0; i < 500; i++) [state] = [lookup(state, poolId, { DeveloperUserIdentifier: "alice" })[0]];
    okOutput(lookup(state, poolId, { DeveloperUserIdentifier: "alice" })[1]);
  });
});

describe("MergeDeveloperIdentities", () => {
  it("DEV-18: signed; the provider named must be the pool's developer provider", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1] = developer(s0, poolId, "alice");
    const [s2] = developer(s1, poolId, "bob");
    expectError(merge(s2, poolId, "bob", "alice", "login.other")[1], "NotAuthorizedException", NOT_SUPPORTED);
    expectError(merge(s2, UNKNOWN_POOL, "bob", "alice")[1], "ResourceNotFoundException", `IdentityPool '${UNKNOWN_POOL}' not found.`);
    expectError(
      run(s2, "MergeDeveloperIdentities", { IdentityPoolId: poolId, DeveloperProviderName: DEV, SourceUserIdentifier: "bob", DestinationUserIdentifier: "alice" }, at({ region: "eu-west-1" }))[1],
      "ResourceNotFoundException",
      `IdentityPool '${poolId}' not found.`,
    );
  });

  it("DEV-19: both identifiers must be registered", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1] = developer(s0, poolId, "alice");
    expectError(merge(s1, poolId, "nobody", "alice")[1], "ResourceNotFoundException", "Developer user identifier 'nobody' not found.");
    expectError(merge(s1, poolId, "alice", "nobody")[1], "ResourceNotFoundException", "Developer user identifier 'nobody' not found.");
  });

  it("DEV-20: the source's identity merges into the destination's, whose id is returned; the source's identity is disabled", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, a] = developer(setRoles(s0, poolId), poolId, "alice");
    const [s2, b, bToken] = developer(s1, poolId, "bob", { Logins: { [DEV]: "bob", ...login(FACEBOOK, "f1") } });
    const later = at({ now: NOW + 5000 });
    const [s3, result] = run(s2, "MergeDeveloperIdentities", { IdentityPoolId: poolId, DeveloperProviderName: DEV, SourceUserIdentifier: "bob", DestinationUserIdentifier: "alice" }, later);
    expect(okOutput(result)).toEqual({ IdentityId: a });
    expect(loginsOf(s3, a)).toEqual([DEV, FACEBOOK]);
    const described = okOutput<{ Logins?: string[]; LastModifiedDate: Date }>(describeIdentity(s3, b));
    expect(described.Logins).toBeUndefined();
    expect(described.LastModifiedDate).toEqual(new Date(NOW + 5000));
    expect(okOutput<{ LastModifiedDate: Date }>(describeIdentity(s3, a)).LastModifiedDate).toEqual(new Date(NOW + 5000));
    expect(developer(s3, poolId, "bob")[1]).toBe(a);
    expect(getId(s3, poolId, login(FACEBOOK, "f1"))[1]).toBe(a);
    expectError(run(s3, "GetCredentialsForIdentity", { IdentityId: b, Logins: { [OPENID]: bToken } })[1], "NotAuthorizedException", `Access to Identity '${b}' is forbidden.`);
    expect(listAll(s3, poolId, 60, true).map((i) => i.IdentityId)).toEqual([a]);
  });

  it("DEV-20: identifiers of one identity already: nothing changes, its id is returned", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, a] = developer(s0, poolId, "alice");
    const [s2] = developer(s1, poolId, "alice2", { IdentityId: a });
    const [s3, result] = merge(s2, poolId, "alice2", "alice");
    expect(okOutput(result)).toEqual({ IdentityId: a });
    expect(snapshotState(s3)).toEqual(snapshotState(s2));
    expect(okOutput(merge(s2, poolId, "alice", "alice")[1])).toEqual({ IdentityId: a });
  });

  it("DEV-21: users tied to one public provider as two different users cannot be merged; nor beyond 20 logins together", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1] = developer(s0, poolId, "alice", { Logins: { [DEV]: "alice", ...login(FACEBOOK, "f1") } });
    const [s2] = developer(s1, poolId, "bob", { Logins: { [DEV]: "bob", ...login(FACEBOOK, "f2") } });
    const [s3, result] = merge(s2, poolId, "bob", "alice");
    expectError(result, "ResourceConflictException", `The identity is already linked to a different login of ${FACEBOOK}.`);
    expect(s3).toBe(s2);
    const [t0, small] = providerPool(fresh({ quotas: { linkedLoginsPerIdentity: 3 } }));
    const [t1] = developer(t0, small, "alice", { Logins: { [DEV]: "alice", ...login(FACEBOOK, "f1") } });
    const [t2] = developer(t1, small, "bob", { Logins: { [DEV]: "bob", ...login(GOOGLE, "g1") } });
    expectError(merge(t2, small, "bob", "alice")[1], "InvalidParameterException", "The number of linked logins is limited to 3.");
    const [t3] = developer(t1, small, "carol");
    expect(okOutput(merge(t3, small, "carol", "alice")[1])).toEqual({ IdentityId: developer(t3, small, "alice")[1] });
  });
});

describe("UnlinkDeveloperIdentity", () => {
  it("DEV-22: signed; the provider must be the pool's; the identity must be one of the pool's", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, other] = providerPool(s0);
    const [s2, a] = developer(s1, poolId, "alice");
    const [s3, elsewhere] = developer(s2, other, "alice");
    expectError(unlink(s3, poolId, a, "alice", "login.other")[1], "NotAuthorizedException", NOT_SUPPORTED);
    expectError(unlink(s3, poolId, elsewhere, "alice")[1], "ResourceNotFoundException", `Identity '${elsewhere}' not found.`);
    expectError(unlink(s3, poolId, UNKNOWN_IDENTITY, "alice")[1], "ResourceNotFoundException", `Identity '${UNKNOWN_IDENTITY}' not found.`);
    expectError(unlink(s3, poolId, a, "alice", DEV, at({ account: "210987654321" }))[1], "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
  });

  it("DEV-23: the identifier must be linked to that identity", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, a] = developer(s0, poolId, "alice");
    const [s2, b] = developer(s1, poolId, "bob");
    expectError(unlink(s2, poolId, a, "nobody")[1], "ResourceNotFoundException", "Developer user identifier 'nobody' not found.");
    const [s3, result] = unlink(s2, poolId, a, "bob");
    expectError(result, "ResourceConflictException", `Developer user identifier 'bob' is not linked to identity '${a}'.`);
    expect(s3).toBe(s2);
    expect(b).not.toBe(a);
  });

  it("DEV-24: an unlinked identifier is a new identity next time; the identity keeps its other logins", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, a] = developer(s0, poolId, "alice", { Logins: { [DEV]: "alice", ...login(FACEBOOK, "f1") } });
    const [s2, result] = unlink(s1, poolId, a, "alice", DEV, at({ now: NOW + 1000 }));
    expect(okOutput(result)).toEqual({});
    expect(loginsOf(s2, a)).toEqual([FACEBOOK]);
    expect(okOutput<{ LastModifiedDate: Date }>(describeIdentity(s2, a)).LastModifiedDate).toEqual(new Date(NOW + 1000));
    expectError(lookup(s2, poolId, { DeveloperUserIdentifier: "alice" })[1], "ResourceNotFoundException", "Developer user identifier 'alice' not found.");
    const [, fresh1] = developer(s2, poolId, "alice");
    expect(fresh1).not.toBe(a);
    expect(getId(s2, poolId, login(FACEBOOK, "f1"))[1]).toBe(a);
  });

  it("DEV-24: an identity left with no login at all is disabled", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, a, token] = developer(setRoles(s0, poolId), poolId, "alice");
    const [s2] = unlink(s1, poolId, a, "alice");
    expect(loginsOf(s2, a)).toBeUndefined();
    expect(s2.identities.get(a)!.disabled).toBe(true);
    expectError(run(s2, "GetCredentialsForIdentity", { IdentityId: a, Logins: { [OPENID]: token } })[1], "NotAuthorizedException", `Access to Identity '${a}' is forbidden.`);
    expect(listAll(s2, poolId, 60, true)).toEqual([]);
  });
});

describe("developer identities in the lifecycle", () => {
  it("DEV-25: DescribeIdentity and ListIdentities show the developer provider name once, never the user identifiers", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, a] = developer(s0, poolId, "alice-secret", { Logins: { [DEV]: "alice-secret", ...login(GOOGLE, "g1") } });
    const [s2] = developer(s1, poolId, "bob-secret");
    const [s3] = merge(s2, poolId, "bob-secret", "alice-secret");
    expect(loginsOf(s3, a)).toEqual([DEV, GOOGLE]);
    const listed = listAll(s3, poolId).find((i) => i.IdentityId === a)!;
    expect(listed.Logins).toEqual([DEV, GOOGLE]);
    expect(JSON.stringify([describeIdentity(s3, a), listAll(s3, poolId)])).not.toMatch(/secret/);
  });

  it("DEV-26: identifiers are logins of the developer provider: one owner each, exempt from one-per-provider, counted toward 20, kept in snapshots", () => {
    const [s0, poolId] = providerPool(fresh({ quotas: { linkedLoginsPerIdentity: 3 } }));
    const [s1, a] = developer(s0, poolId, "a1");
    const [s2] = developer(s1, poolId, "a2", { IdentityId: a });
    const [s3] = developer(s2, poolId, "a3", { IdentityId: a });
    expect(lookupAll(s3, poolId, { IdentityId: a })).toEqual(["a1", "a2", "a3"]);
    expectError(devToken(s3, poolId, "a4", { IdentityId: a })[1], "ResourceConflictException", "The number of linked logins is limited to 3.");
    expectError(run(s3, "GetId", { IdentityPoolId: poolId, Logins: { [DEV]: "a1" } })[1], "NotAuthorizedException", "Token is not from a supported provider of this identity pool.");
    const restored = restoreState(JSON.parse(JSON.stringify(snapshotState(s3))));
    if (!restored.ok) throw new Error(restored.reason);
    expect(okOutput(lookup(restored.state, poolId, { DeveloperUserIdentifier: "a2" })[1])).toEqual(okOutput(lookup(s3, poolId, { DeveloperUserIdentifier: "a2" })[1]));
    expect(developer(restored.state, poolId, "a3")[1]).toBe(a);
  });
});
