// Rules IDN-n: GetId, DescribeIdentity, ListIdentities, DeleteIdentities, UnlinkIdentity, and the
// identity lifecycle shared with GetOpenIdToken and GetCredentialsForIdentity (spec/identities.md,
// spec/operations/*.md).
import { describe, expect, it } from "vitest";
import { restoreState, snapshotState, type State } from "../../../src/model/index.js";
import { at, createPool, ctx, expectError, fresh, NOW, okOutput, run } from "../helpers.js";
import {
  describeIdentity,
  FACEBOOK,
  getId,
  GOOGLE,
  listAll,
  login,
  OIDC,
  providerPool,
  setRoles,
  TWITTER,
  UNKNOWN_IDENTITY,
  USER_POOL,
} from "../identity-helpers.js";

const openIdToken = (state: State, identityId: string, logins?: Record<string, string>, context = ctx) =>
  run(state, "GetOpenIdToken", { IdentityId: identityId, ...(logins ? { Logins: logins } : {}) }, context);

const loginsOf = (state: State, identityId: string) => okOutput<{ Logins?: string[] }>(describeIdentity(state, identityId)).Logins;

describe("GetId", () => {
  it("IDN-1: without logins every call creates a new unauthenticated identity", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, a] = getId(s0, poolId);
    const [s2, b] = getId(s1, poolId);
    const [s3, c] = getId(s2, poolId, {});
    expect(new Set([a, b, c]).size).toBe(3);
    expect(listAll(s3, poolId).map((i) => i.IdentityId)).toEqual([a, b, c]);
    expect(loginsOf(s3, a)).toBeUndefined();
  });

  it("IDN-21: an identity id is the pool's Region, a colon and a lowercase version-4 uuid, and the same seed gives the same ids", () => {
    const [s0, poolId] = providerPool(fresh({ seed: 5 }));
    const [, id] = getId(s0, poolId);
    expect(id).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [t0, poolId2] = providerPool(fresh({ seed: 5 }));
    expect(getId(t0, poolId2)[1]).toBe(id);
    const [u0, poolId3] = providerPool(fresh({ seed: 6 }));
    expect(getId(u0, poolId3)[1]).not.toBe(id);
  });

  it("IDN-2: a pool that does not allow guests refuses GetId without logins", () => {
    const [s0, poolId] = providerPool(fresh(), { AllowUnauthenticatedIdentities: false });
    const [s1, result] = run(s0, "GetId", { IdentityPoolId: poolId });
    expectError(result, "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
    expect(s1).toBe(s0);
    expectError(run(s0, "GetId", { IdentityPoolId: poolId, Logins: {} })[1], "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
  });

  it("IDN-3: with a login it returns the identity linked to that login, or creates an authenticated one", () => {
    const [s0, poolId] = providerPool(fresh(), { AllowUnauthenticatedIdentities: false });
    const [s1, alice] = getId(s0, poolId, login(USER_POOL, "alice"));
    const [s2, again] = getId(s1, poolId, login(USER_POOL, "alice"));
    const [s3, bob] = getId(s2, poolId, login(USER_POOL, "bob"));
    expect(again).toBe(alice);
    expect(bob).not.toBe(alice);
    expect(loginsOf(s3, alice)).toEqual([USER_POOL]);
    expect(listAll(s3, poolId)).toHaveLength(2);
  });

  it("IDN-3: several logins in one call make one identity linked to all of them", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1"), ...login(OIDC, "o1") });
    expect(loginsOf(s1, id)).toEqual([FACEBOOK, GOOGLE, OIDC]);
    expect(getId(s1, poolId, login(GOOGLE, "g1"))[1]).toBe(id);
    expect(getId(s1, poolId, login(OIDC, "o1"))[1]).toBe(id);
  });

  it("IDN-3: the same user of a provider is a different identity in another pool", () => {
    const [s0, p1] = providerPool(fresh());
    const [s1, p2] = providerPool(s0);
    const [s2, a] = getId(s1, p1, login(FACEBOOK, "f1"));
    const [, b] = getId(s2, p2, login(FACEBOOK, "f1"));
    expect(a).not.toBe(b);
  });

  it("IDN-4: GetId at an endpoint of another Region does not find the pool", () => {
    const eu = at({ region: "eu-west-1" });
    const [s0, poolId] = providerPool(fresh(), {}, eu);
    expect(poolId.startsWith("eu-west-1:")).toBe(true);
    const [s1, result] = run(s0, "GetId", { IdentityPoolId: poolId }, ctx);
    expectError(result, "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
    expect(s1).toBe(s0);
    const [, id] = getId(s0, poolId, undefined, eu);
    expect(id.startsWith("eu-west-1:")).toBe(true);
  });

  it("IDN-4: when the request revealed no Region, GetId finds the pool in the Region its id names", () => {
    const eu = at({ region: "eu-west-1" });
    const [s0, poolId] = providerPool(fresh(), {}, eu);
    const [s1, id] = getId(s0, poolId, undefined, at({ regionUnknown: true }));
    expect(id.startsWith("eu-west-1:")).toBe(true);
    expect(okOutput(describeIdentity(s1, id, eu))).toMatchObject({ IdentityId: id });
  });

  it("IDN-4: AccountId names the account whose pool is meant; without it the pool is found by its id alone", () => {
    const other = at({ account: "210987654321" });
    const [s0, poolId] = providerPool(fresh(), {}, other);
    expectError(run(s0, "GetId", { IdentityPoolId: poolId, AccountId: "123456789099" })[1], "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
    const [, byIdAlone] = run(s0, "GetId", { IdentityPoolId: poolId });
    expect(okOutput<{ IdentityId: string }>(byIdAlone).IdentityId.startsWith("us-east-1:")).toBe(true);
    const [s1, result] = run(s0, "GetId", { IdentityPoolId: poolId, AccountId: "210987654321" });
    const id = okOutput<{ IdentityId: string }>(result).IdentityId;
    expect(okOutput(describeIdentity(s1, id, other))).toMatchObject({ IdentityId: id });
    expectError(describeIdentity(s1, id), "ResourceNotFoundException", `Identity '${id}' not found.`);
  });

  it("RATE-2: with rate limiting on, GetId takes 25 calls a second", () => {
    let [state, poolId] = providerPool(fresh({ rateLimiting: { enabled: true } }));
    for (let i = 0; i < 25; i++) [state] = getId(state, poolId);
    expectError(run(state, "GetId", { IdentityPoolId: poolId })[1], "TooManyRequestsException", "Rate exceeded");
    okOutput(run(state, "GetId", { IdentityPoolId: poolId }, at({ now: NOW + 1000 }))[1]);
  });

  it("IDN-4: an unknown pool is not found", () => {
    const poolId = "us-east-1:00000000-0000-4000-8000-000000000000";
    expectError(run(fresh(), "GetId", { IdentityPoolId: poolId })[1], "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
  });
});

describe("linking and merging", () => {
  it("IDN-6: a login not linked anywhere is linked to the identity that answers", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2, same] = getId(s1, poolId, { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1") });
    expect(same).toBe(id);
    expect(loginsOf(s2, id)).toEqual([FACEBOOK, GOOGLE]);
  });

  it("IDN-6: an unauthenticated identity given a login becomes authenticated and keeps its id", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, guest] = getId(s0, poolId);
    const [s2, result] = openIdToken(s1, guest, login(FACEBOOK, "f1"));
    expect(okOutput<{ IdentityId: string }>(result).IdentityId).toBe(guest);
    expect(loginsOf(s2, guest)).toEqual([FACEBOOK]);
    expect(getId(s2, poolId, login(FACEBOOK, "f1"))[1]).toBe(guest);
  });

  it("IDN-7: an identity holds at most one login per provider", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1") });
    const [s2, result] = run(s1, "GetId", { IdentityPoolId: poolId, Logins: { ...login(GOOGLE, "g1"), ...login(FACEBOOK, "f2") } });
    expectError(result, "ResourceConflictException", `The identity is already linked to a different login of ${FACEBOOK}.`);
    expect(s2).toBe(s1);
    const [, viaToken] = openIdToken(s1, id, { ...login(GOOGLE, "g1"), ...login(FACEBOOK, "f2") });
    expectError(viaToken, "ResourceConflictException", `The identity is already linked to a different login of ${FACEBOOK}.`);
  });

  it("IDN-8: an identity holds at most 20 logins (LimitExceededException from GetId, ResourceConflictException otherwise)", () => {
    const pools = Array.from({ length: 25 }, (_, i) => ({ ProviderName: `cognito-idp.us-east-1.amazonaws.com/us-east-1_P${i}`, ClientId: "c" }));
    const tokens = pools.map((p) => login(p.ProviderName, "u", { aud: "c" }));
    const logins = (from: number, to: number) => Object.assign({}, ...tokens.slice(from, to)) as Record<string, string>;
    const [s0, poolId] = providerPool(fresh(), { CognitoIdentityProviders: pools });
    const [s1, id] = getId(s0, poolId, logins(0, 10));
    const [s2, nineteen] = openIdToken(s1, id, logins(9, 19));
    okOutput(nineteen);
    expect(loginsOf(s2, id)).toHaveLength(19);
    const [s4, twenty] = openIdToken(s2, id, { ...logins(0, 1), ...logins(19, 20) });
    okOutput(twenty);
    expect(loginsOf(s4, id)).toHaveLength(20);
    expectError(openIdToken(s4, id, { ...logins(0, 1), ...logins(20, 21) })[1], "ResourceConflictException", "The number of linked logins is limited to 20.");
    expectError(run(s4, "GetId", { IdentityPoolId: poolId, Logins: { ...logins(0, 1), ...logins(20, 21) } })[1], "LimitExceededException", "The number of linked logins is limited to 20.");
  });

  it("IDN-8: the limit is configuration", () => {
    const [s0, poolId] = providerPool(fresh({ quotas: { linkedLoginsPerIdentity: 2 } }));
    const [, result] = run(s0, "GetId", { IdentityPoolId: poolId, Logins: { ...login(FACEBOOK, "f"), ...login(GOOGLE, "g"), ...login(OIDC, "o") } });
    expectError(result, "LimitExceededException", "The number of linked logins is limited to 2.");
  });

  it("IDN-9: a login linked to another identity merges the two: the login's owner survives, the other is disabled", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, owner] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2, guest] = getId(s1, poolId);
    const [s3, result] = openIdToken(s2, guest, login(FACEBOOK, "f1"));
    expect(okOutput<{ IdentityId: string }>(result).IdentityId).toBe(owner);
    expectError(openIdToken(s3, guest)[1], "NotAuthorizedException", `Access to Identity '${guest}' is forbidden.`);
    expect(listAll(s3, poolId, 60, true).map((i) => i.IdentityId)).toEqual([owner]);
  });

  it("IDN-9: GetId with logins of two identities merges them into the owner of the first such login, with all logins", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, x] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2, y] = getId(s1, poolId, { ...login(GOOGLE, "g1"), ...login(OIDC, "o1") });
    const [s3, merged] = getId(s2, poolId, { ...login(GOOGLE, "g1"), ...login(FACEBOOK, "f1") });
    expect(merged).toBe(y);
    expect(loginsOf(s3, y)).toEqual([GOOGLE, OIDC, FACEBOOK]);
    expect(loginsOf(s3, x)).toBeUndefined();
    expect(getId(s3, poolId, login(FACEBOOK, "f1"))[1]).toBe(y);
    expectError(openIdToken(s3, x, login(FACEBOOK, "f1"))[1], "NotAuthorizedException", `Access to Identity '${x}' is forbidden.`);
  });

  it("IDN-9: an authenticated identity presenting another identity's login is merged into that identity", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, x] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2, y] = getId(s1, poolId, login(GOOGLE, "g1"));
    const [s3, result] = openIdToken(s2, x, { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1") });
    expect(okOutput<{ IdentityId: string }>(result).IdentityId).toBe(y);
    expect(loginsOf(s3, y)).toEqual([GOOGLE, FACEBOOK]);
  });

  it("IDN-9: a merge that would give the survivor two logins of one provider is refused", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2] = getId(s1, poolId, { ...login(FACEBOOK, "f2"), ...login(GOOGLE, "g1") });
    const [s3, result] = run(s2, "GetId", { IdentityPoolId: poolId, Logins: { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1") } });
    expectError(result, "ResourceConflictException", `The identity is already linked to a different login of ${FACEBOOK}.`);
    expect(s3).toBe(s2);
  });

  it("IDN-5: an authenticated identity must be used with at least one of its own logins", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const dontMatch = "Logins don't match. Please include at least one valid login for this identity or identity pool.";
    expectError(openIdToken(s1, id)[1], "NotAuthorizedException", dontMatch);
    expectError(openIdToken(s1, id, login(GOOGLE, "g1"))[1], "NotAuthorizedException", dontMatch);
    expectError(openIdToken(s1, id, login(FACEBOOK, "f2"))[1], "NotAuthorizedException", dontMatch);
    expectError(run(s1, "GetCredentialsForIdentity", { IdentityId: id })[1], "NotAuthorizedException", dontMatch);
    okOutput(openIdToken(s1, id, login(FACEBOOK, "f1"))[1]);
  });

  it("IDN-5: every presented login must be valid, even alongside a linked one", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [, result] = openIdToken(s1, id, { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1", { exp: 1 }) });
    expectError(result, "NotAuthorizedException", `Invalid login token. Token expired: ${NOW / 1000} >= 1`);
  });

  it("IDN-10: an authenticated identity never becomes unauthenticated again", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, guest] = getId(s0, poolId);
    const [s2] = openIdToken(s1, guest, login(FACEBOOK, "f1"));
    expectError(openIdToken(s2, guest)[1], "NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity or identity pool.");
    const [s3] = run(s2, "UnlinkIdentity", { IdentityId: guest, Logins: login(FACEBOOK, "f1"), LoginsToRemove: [FACEBOOK] });
    expectError(openIdToken(s3, guest)[1], "NotAuthorizedException", `Access to Identity '${guest}' is forbidden.`);
  });

  it("IDN-11: a disabled identity is forbidden to every public operation", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2] = run(s1, "UnlinkIdentity", { IdentityId: id, Logins: login(FACEBOOK, "f1"), LoginsToRemove: [FACEBOOK] });
    const forbidden = `Access to Identity '${id}' is forbidden.`;
    expectError(openIdToken(s2, id, login(FACEBOOK, "f1"))[1], "NotAuthorizedException", forbidden);
    expectError(run(s2, "GetCredentialsForIdentity", { IdentityId: id })[1], "NotAuthorizedException", forbidden);
    expectError(run(s2, "UnlinkIdentity", { IdentityId: id, Logins: login(FACEBOOK, "f1"), LoginsToRemove: [FACEBOOK] })[1], "NotAuthorizedException", forbidden);
    expect(okOutput(describeIdentity(s2, id))).toMatchObject({ IdentityId: id });
  });
});

describe("UnlinkIdentity", () => {
  it("IDN-12: removes the named providers' logins; an unlinked login is a new user next time", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1") });
    const [s2, result] = run(s1, "UnlinkIdentity", { IdentityId: id, Logins: login(GOOGLE, "g1"), LoginsToRemove: [FACEBOOK] });
    expect(okOutput(result)).toEqual({});
    expect(loginsOf(s2, id)).toEqual([GOOGLE]);
    const [, fresh1] = getId(s2, poolId, login(FACEBOOK, "f1"));
    expect(fresh1).not.toBe(id);
  });

  it("IDN-12: providers that are not linked are ignored and nothing changes", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2, result] = run(s1, "UnlinkIdentity", { IdentityId: id, Logins: login(FACEBOOK, "f1"), LoginsToRemove: [TWITTER] });
    expect(okOutput(result)).toEqual({});
    expect(s2).toBe(s1);
  });

  it("IDN-12: the Logins must prove the identity", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2, guest] = getId(s1, poolId);
    const dontMatch = "Logins don't match. Please include at least one valid login for this identity or identity pool.";
    expectError(run(s2, "UnlinkIdentity", { IdentityId: id, Logins: login(GOOGLE, "g1"), LoginsToRemove: [FACEBOOK] })[1], "NotAuthorizedException", dontMatch);
    expectError(run(s2, "UnlinkIdentity", { IdentityId: guest, Logins: login(GOOGLE, "g1"), LoginsToRemove: [GOOGLE] })[1], "NotAuthorizedException", dontMatch);
    expectError(run(s2, "UnlinkIdentity", { IdentityId: UNKNOWN_IDENTITY, Logins: login(GOOGLE, "g1"), LoginsToRemove: [GOOGLE] })[1], "ResourceNotFoundException", `Identity '${UNKNOWN_IDENTITY}' not found.`);
  });

  it("IDN-13: unlinking the last login disables the identity", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2] = run(s1, "UnlinkIdentity", { IdentityId: id, Logins: login(FACEBOOK, "f1"), LoginsToRemove: [FACEBOOK] });
    expect(loginsOf(s2, id)).toBeUndefined();
    expect(listAll(s2, poolId).map((i) => i.IdentityId)).toEqual([id]);
    expect(listAll(s2, poolId, 60, true)).toEqual([]);
  });
});

describe("DescribeIdentity", () => {
  it("IDN-14: provider names only, the dates as Dates; an unauthenticated identity has no Logins member", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, guest] = getId(s0, poolId);
    const [s2, user] = getId(s1, poolId, login(USER_POOL, "alice"));
    expect(okOutput(describeIdentity(s2, guest))).toEqual({ IdentityId: guest, CreationDate: new Date(NOW), LastModifiedDate: new Date(NOW) });
    expect(okOutput(describeIdentity(s2, user))).toEqual({ IdentityId: user, Logins: [USER_POOL], CreationDate: new Date(NOW), LastModifiedDate: new Date(NOW) });
  });

  it("IDN-15: LastModifiedDate moves on link, unlink and merge, not on reads or tokens", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const later = (n: number) => at({ now: NOW + n * 1000 });
    const modified = (s: State, i = id) => okOutput<{ LastModifiedDate: Date; CreationDate: Date }>(describeIdentity(s, i));
    const [s2] = openIdToken(s1, id, login(FACEBOOK, "f1"), later(1));
    const [s3] = run(setRoles(s2, poolId), "GetCredentialsForIdentity", { IdentityId: id, Logins: login(FACEBOOK, "f1") }, later(2));
    expect(modified(s3).LastModifiedDate).toEqual(new Date(NOW));
    const [s4] = openIdToken(s3, id, { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1") }, later(3));
    expect(modified(s4).LastModifiedDate).toEqual(new Date(NOW + 3000));
    const [s5] = run(s4, "UnlinkIdentity", { IdentityId: id, Logins: login(FACEBOOK, "f1"), LoginsToRemove: [GOOGLE] }, later(4));
    expect(modified(s5).LastModifiedDate).toEqual(new Date(NOW + 4000));
    const [s6, other] = getId(s5, poolId, login(OIDC, "o1"), later(5));
    const [s7] = getId(s6, poolId, { ...login(FACEBOOK, "f1"), ...login(OIDC, "o1") }, later(6));
    expect(modified(s7).LastModifiedDate).toEqual(new Date(NOW + 6000));
    expect(modified(s7, other).LastModifiedDate).toEqual(new Date(NOW + 6000));
    expect(modified(s7).CreationDate).toEqual(new Date(NOW));
  });

  it("IDN-16: an unknown, deleted, foreign-account or other-Region identity is not found", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId);
    const notFound = (i: string) => [`ResourceNotFoundException`, `Identity '${i}' not found.`] as const;
    expectError(describeIdentity(s1, UNKNOWN_IDENTITY), ...notFound(UNKNOWN_IDENTITY));
    expectError(describeIdentity(s1, id, at({ account: "210987654321" })), ...notFound(id));
    expectError(describeIdentity(s1, id, at({ region: "eu-west-1" })), ...notFound(id));
    const moved = `eu-west-1:${id.slice(id.indexOf(":") + 1)}`;
    expectError(describeIdentity(s1, moved), ...notFound(moved));
    expectError(openIdToken(s1, moved)[1], ...notFound(moved));
    const [s2] = run(s1, "DeleteIdentities", { IdentityIdsToDelete: [id] });
    expectError(describeIdentity(s2, id), ...notFound(id));
    expectError(openIdToken(s2, id)[1], ...notFound(id));
    expectError(run(s2, "GetCredentialsForIdentity", { IdentityId: id })[1], ...notFound(id));
  });

  it("IDN-16: the public operations find an identity of the endpoint's Region whatever the caller's account", () => {
    const eu = at({ region: "eu-west-1", account: "210987654321" });
    const [s0, poolId] = providerPool(fresh(), {}, eu);
    const [s1, id] = getId(s0, poolId, undefined, eu);
    expect(okOutput<{ IdentityId: string }>(openIdToken(s1, id, undefined, at({ region: "eu-west-1" }))[1]).IdentityId).toBe(id);
  });

  it("IDN-16: at an endpoint of another Region the public operations do not find the identity, unless the Region is unknown", () => {
    const eu = at({ region: "eu-west-1" });
    const [s0, poolId] = providerPool(fresh(), {}, eu);
    const [s1, id] = getId(s0, poolId, undefined, eu);
    const notFound = (i: string) => [`ResourceNotFoundException`, `Identity '${i}' not found.`] as const;
    expectError(openIdToken(s1, id, undefined, ctx)[1], ...notFound(id));
    expectError(run(s1, "GetCredentialsForIdentity", { IdentityId: id }, ctx)[1], ...notFound(id));
    expectError(run(s1, "UnlinkIdentity", { IdentityId: id, Logins: login(FACEBOOK, "f1"), LoginsToRemove: [FACEBOOK] }, ctx)[1], ...notFound(id));
    expect(okOutput<{ IdentityId: string }>(openIdToken(s1, id, undefined, at({ regionUnknown: true }))[1]).IdentityId).toBe(id);
  });
});

describe("ListIdentities", () => {
  it("IDN-17: creation order, pages of MaxResults, NextToken only when more follow", () => {
    let [state, poolId] = providerPool(fresh());
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      let id: string;
      [state, id] = getId(state, poolId, i % 2 ? login(FACEBOOK, `f${i}`) : undefined);
      ids.push(id);
    }
    const [, first] = run(state, "ListIdentities", { IdentityPoolId: poolId, MaxResults: 3 });
    const page = okOutput<{ IdentityPoolId: string; Identities: { IdentityId: string }[]; NextToken?: string }>(first);
    expect(page.IdentityPoolId).toBe(poolId);
    expect(page.Identities.map((i) => i.IdentityId)).toEqual(ids.slice(0, 3));
    expect(page.NextToken).toBeDefined();
    expect(listAll(state, poolId, 3).map((i) => i.IdentityId)).toEqual(ids);
    const [, exact] = run(state, "ListIdentities", { IdentityPoolId: poolId, MaxResults: 7 });
    expect(okOutput<{ NextToken?: string }>(exact).NextToken).toBeUndefined();
    expect(listAll(state, poolId)[1]).toEqual({ IdentityId: ids[1], Logins: [FACEBOOK], CreationDate: new Date(NOW), LastModifiedDate: new Date(NOW) });
  });

  it("IDN-17: an empty pool lists nothing; a token not issued for this pool is an invalid parameter", () => {
    const [s0, p1] = providerPool(fresh());
    const [s1, p2] = providerPool(s0);
    expect(okOutput(run(s1, "ListIdentities", { IdentityPoolId: p1, MaxResults: 5 })[1])).toEqual({ IdentityPoolId: p1, Identities: [] });
    let state = s1;
    for (let i = 0; i < 3; i++) [state] = getId(state, p1);
    const token = okOutput<{ NextToken: string }>(run(state, "ListIdentities", { IdentityPoolId: p1, MaxResults: 1 })[1]).NextToken;
    expectError(run(state, "ListIdentities", { IdentityPoolId: p2, MaxResults: 1, NextToken: token })[1], "InvalidParameterException", "The pagination token is invalid.");
    expectError(run(state, "ListIdentities", { IdentityPoolId: p1, MaxResults: 1, NextToken: "nope" })[1], "InvalidParameterException", "The pagination token is invalid.");
  });

  it("IDN-17: HideDisabled leaves out disabled identities; they are listed otherwise", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, a] = getId(s0, poolId);
    const [s2, b] = getId(s1, poolId, login(FACEBOOK, "f1"));
    const [s3] = openIdToken(s2, a, login(FACEBOOK, "f1"));
    expect(listAll(s3, poolId).map((i) => i.IdentityId)).toEqual([a, b]);
    expect(listAll(s3, poolId, 1, true).map((i) => i.IdentityId)).toEqual([b]);
  });

  it("IDN-17: an unknown pool, or another account's, is not found", () => {
    const [s0, poolId] = providerPool(fresh());
    expectError(run(s0, "ListIdentities", { IdentityPoolId: poolId, MaxResults: 1 }, at({ account: "210987654321" }))[1], "ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
  });
});

describe("DeleteIdentities", () => {
  it("IDN-18: deletes the caller's identities; unknown and foreign ids are not reported", () => {
    const other = at({ account: "210987654321" });
    const [s0, poolId] = providerPool(fresh());
    const [s1, foreignPool] = providerPool(s0, {}, other);
    const [s2, a] = getId(s1, poolId, login(FACEBOOK, "f1"));
    const [s3, b] = getId(s2, poolId);
    const [s4, foreign] = getId(s3, foreignPool, undefined, other);
    const [s5, result] = run(s4, "DeleteIdentities", { IdentityIdsToDelete: [a, UNKNOWN_IDENTITY, foreign, a] });
    expect(okOutput(result)).toEqual({ UnprocessedIdentityIds: [] });
    expect(listAll(s5, poolId).map((i) => i.IdentityId)).toEqual([b]);
    expect(okOutput(describeIdentity(s5, foreign, other))).toMatchObject({ IdentityId: foreign });
    const [, again] = getId(s5, poolId, login(FACEBOOK, "f1"));
    expect(again).not.toBe(a);
  });
});

describe("pools and state", () => {
  it("IDN-19: deleting a pool deletes its identities and roles", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(setRoles(s0, poolId), poolId, login(FACEBOOK, "f1"));
    const [s2] = run(s1, "DeleteIdentityPool", { IdentityPoolId: poolId });
    expectError(describeIdentity(s2, id), "ResourceNotFoundException", `Identity '${id}' not found.`);
    expectError(openIdToken(s2, id, login(FACEBOOK, "f1"))[1], "ResourceNotFoundException", `Identity '${id}' not found.`);
    expect(s2.identities.size).toBe(0);
    expect(s2.poolData.size).toBe(0);
  });

  it("IDN-22: snapshots carry identities, their logins, roles and issued credentials, as plain JSON", () => {
    const [s0, poolId] = providerPool(fresh({ seed: 9 }));
    let state = setRoles(s0, poolId);
    let a: string;
    [state, a] = getId(state, poolId, { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1") });
    [state] = getId(state, poolId);
    const [withCreds, creds] = run(state, "GetCredentialsForIdentity", { IdentityId: a, Logins: login(FACEBOOK, "f1") });
    okOutput(creds);
    const snapshot = JSON.parse(JSON.stringify(snapshotState(withCreds)));
    const restored = restoreState(snapshot);
    if (!restored.ok) throw new Error(restored.reason);
    expect(snapshotState(restored.state)).toEqual(snapshot);
    expect(listAll(restored.state, poolId)).toEqual(listAll(withCreds, poolId));
    expect(getId(restored.state, poolId, login(GOOGLE, "g1"))[1]).toBe(a);
    // The next step gives the same answer from the original and from the restored state.
    expect(getId(restored.state, poolId)[1]).toBe(getId(withCreds, poolId)[1]);
  });

  it("IDN-22: a snapshot with malformed identities is refused with a reason", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1] = getId(s0, poolId);
    const snapshot = snapshotState(s1);
    snapshot.poolData![0]!.identities = [{ id: 1 } as never];
    expect(restoreState(snapshot)).toEqual({ ok: false, reason: "snapshot.poolData[0].identities[0].id: expected a string" });
  });

  it("IDN-3: a pool that does not allow guests still takes authenticated users", () => {
    const [s0, pool] = createPool(fresh(), { SupportedLoginProviders: { [FACEBOOK]: "fbapp1" } });
    const [, id] = getId(s0, pool.IdentityPoolId!, login(FACEBOOK, "f1"));
    expect(id.startsWith("us-east-1:")).toBe(true);
  });

  it("IDN-20: identities live in persistent indexes: a step leaves every earlier state as it was", () => {
    let [state, poolId] = providerPool(fresh());
    const states: State[] = [];
    for (let i = 0; i < 2000; i++) {
      states.push(state);
      [state] = getId(state, poolId, i % 3 === 0 ? login(FACEBOOK, `f${i}`) : undefined);
    }
    expect(state.identities.size).toBe(2000);
    expect(states[1000]!.identities.size).toBe(1000);
    expect(listAll(states[10]!, poolId)).toHaveLength(10);
    expect(getId(states[10]!, poolId, login(FACEBOOK, "f9"))[1]).toBe(getId(state, poolId, login(FACEBOOK, "f9"))[1]);
  });
});
