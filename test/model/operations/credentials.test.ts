// Rules CRED-n: GetCredentialsForIdentity, the role behind credentials, and describeCredentials
// (spec/operations/GetCredentialsForIdentity.md).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeCredentials, snapshotState, restoreState, step, testToken, type Context, type Result, type State } from "../../../src/model/index.js";
import { nextCredentials } from "../../../src/model/keygen.js";
import { roleIdOf } from "../../../src/model/operations/sts.js";
import { at, expectError, fresh, NOW, okOutput, run } from "../helpers.js";
import {
  AUTH_ROLE,
  FACEBOOK,
  getId,
  GOOGLE,
  login,
  providerPool,
  SAML,
  setRoles,
  UNAUTH_ROLE,
  UNKNOWN_IDENTITY,
  USER_POOL,
  CLIENT,
} from "../identity-helpers.js";

const ROLE = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const MAPPING_KEY = `${USER_POOL}:${CLIENT}`;

interface Creds {
  IdentityId: string;
  Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: Date };
}

function credentials(state: State, identityId: string, logins?: Record<string, string>, extra: Record<string, unknown> = {}, context = at({})) {
  return run(state, "GetCredentialsForIdentity", { IdentityId: identityId, ...(logins ? { Logins: logins } : {}), ...extra }, context);
}

/** The role the credentials stand for (or the error). */
function roleOf(state: State, identityId: string, logins?: Record<string, string>, extra: Record<string, unknown> = {}) {
  const [next, result] = credentials(state, identityId, logins, extra);
  if (!result.ok) return result.error;
  return describeCredentials(next, (result.output as Creds).Credentials.AccessKeyId)!.roleArn;
}

/** A pool with roles, the given role mappings, and one user-pool user `alice` with these claims. */
function mapped(roleMappings: Record<string, unknown>, claims: Record<string, unknown> = {}): [State, string, Record<string, string>] {
  const [s0, poolId] = providerPool(fresh());
  const s1 = setRoles(s0, poolId, { RoleMappings: roleMappings });
  const logins = login(USER_POOL, "alice", claims);
  const [s2, id] = getId(s1, poolId, logins);
  return [s2, id, logins];
}

const rules = (...list: [string, string, string, string][]) => ({
  Type: "Rules",
  AmbiguousRoleResolution: "Deny",
  RulesConfiguration: { Rules: list.map(([Claim, MatchType, Value, role]) => ({ Claim, MatchType, Value, RoleARN: ROLE(role) })) },
});

describe("GetCredentialsForIdentity", () => {
  it("CRED-1: the identity must exist and be usable, as for GetOpenIdToken", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(setRoles(s0, poolId), poolId, login(FACEBOOK, "f1"));
    expectError(credentials(s1, UNKNOWN_IDENTITY)[1], "ResourceNotFoundException", `Identity '${UNKNOWN_IDENTITY}' not found.`);
    expectError(credentials(s1, id)[1], "NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity or identity pool.");
    const [s2, guest] = getId(s1, poolId);
    const [, merged] = credentials(s2, guest, login(FACEBOOK, "f1"));
    expect(okOutput<Creds>(merged).IdentityId).toBe(id);
  });

  it("CRED-2: an unauthenticated identity gets the unauthenticated role", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(setRoles(s0, poolId), poolId);
    const [s2, result] = credentials(s1, id);
    const creds = okOutput<Creds>(result);
    expect(creds.IdentityId).toBe(id);
    expect(describeCredentials(s2, creds.Credentials.AccessKeyId)).toEqual({
      roleArn: UNAUTH_ROLE,
      identityId: id,
      identityPoolId: poolId,
      principalTags: {},
      expiration: new Date(NOW + 3_600_000),
      assumedRoleArn: "arn:aws:sts::123456789012:assumed-role/unauthenticated/CognitoIdentityCredentials",
      issuedBy: "GetCredentialsForIdentity",
    });
  });

  it("CRED-3: an OpenID token of this service, under cognito-identity.amazonaws.com, proves the identity it names", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(setRoles(s0, poolId), poolId, login(FACEBOOK, "f1"));
    const openId = (okOutput(run(s1, "GetOpenIdToken", { IdentityId: id, Logins: login(FACEBOOK, "f1") })[1]) as { Token: string }).Token;
    const key = "cognito-identity.amazonaws.com";
    expect(roleOf(s1, id, { [key]: openId })).toBe(AUTH_ROLE);
    const [s2, other] = getId(s1, poolId, login(GOOGLE, "g1"));
    expect(roleOf(s2, other, { [key]: openId })).toEqual({ type: "NotAuthorizedException", message: "Logins don't match. Please include at least one valid login for this identity or identity pool." });
    const forged = openId.slice(0, -4) + (openId.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(roleOf(s1, id, { [key]: forged })).toEqual({ type: "NotAuthorizedException", message: "Invalid login token. Couldn't verify signed token." });
    const [, late] = credentials(s1, id, { [key]: openId }, {}, at({ now: NOW + 600_000 }));
    expectError(late, "NotAuthorizedException", `Invalid login token. Token expired: ${NOW / 1000 + 600} >= ${NOW / 1000 + 600}`);
    // DEV-12: GetOpenIdToken takes it too (spec/operations/GetOpenIdTokenForDeveloperIdentity.md).
    expect(okOutput<{ IdentityId: string }>(run(s1, "GetOpenIdToken", { IdentityId: id, Logins: { [key]: openId } })[1]).IdentityId).toBe(id);
    expectError(run(s2, "GetOpenIdToken", { IdentityId: other, Logins: { [key]: openId } })[1], "NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity or identity pool.");
  });

  it("CRED-4: an authenticated identity without a role mapping gets the authenticated role", () => {
    const [state, id, logins] = mapped({});
    expect(roleOf(state, id, logins)).toBe(AUTH_ROLE);
  });

  it("CRED-4: the first presented login whose provider has a role mapping decides", () => {
    const [s0, poolId] = providerPool(fresh());
    const s1 = setRoles(s0, poolId, { RoleMappings: { [GOOGLE]: rules(["sub", "Equals", "g1", "google"]) } });
    const logins = { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1") };
    const [s2, id] = getId(s1, poolId, logins);
    const [s3, result] = credentials(s2, id, logins);
    expect(describeCredentials(s3, okOutput<Creds>(result).Credentials.AccessKeyId)).toMatchObject({ roleArn: ROLE("google"), provider: GOOGLE });
  });

  it("CRED-5: Token mapping: cognito:preferred_role, or CustomRoleArn when cognito:roles offers it", () => {
    const token = { Type: "Token", AmbiguousRoleResolution: "Deny" };
    const [s1, id1, l1] = mapped({ [MAPPING_KEY]: token }, { "cognito:preferred_role": ROLE("admin"), "cognito:roles": [ROLE("admin"), ROLE("reader")] });
    expect(roleOf(s1, id1, l1)).toBe(ROLE("admin"));
    expect(roleOf(s1, id1, l1, { CustomRoleArn: ROLE("reader") })).toBe(ROLE("reader"));
    expect(roleOf(s1, id1, l1, { CustomRoleArn: ROLE("other") })).toEqual({
      type: "NotAuthorizedException",
      message: `The ambiguous role mapping rules for: ${USER_POOL} denied this request.`,
    });
    const [s2, id2, l2] = mapped({ [MAPPING_KEY]: token }, { "cognito:roles": `${ROLE("a")},${ROLE("b")}` });
    expect(roleOf(s2, id2, l2, { CustomRoleArn: ROLE("b") })).toBe(ROLE("b"));
    expect(roleOf(s2, id2, l2)).toEqual({ type: "NotAuthorizedException", message: `The ambiguous role mapping rules for: ${USER_POOL} denied this request.` });
  });

  it("CRED-5: Token mapping for SAML reads the Role attribute; a single role is used", () => {
    const [s0, poolId] = providerPool(fresh());
    const s1 = setRoles(s0, poolId, { RoleMappings: { [SAML]: { Type: "Token", AmbiguousRoleResolution: "Deny" } } });
    const logins = { [SAML]: testToken(SAML, { sub: "n", "https://aws.amazon.com/SAML/Attributes/Role": `${ROLE("saml")},${SAML}` }) };
    const [s2, id] = getId(s1, poolId, logins);
    expect(roleOf(s2, id, logins)).toBe(ROLE("saml"));
  });

  it("CRED-13: without a role mapping, a SAML assertion's roles decide, and the pool needs no default role", () => {
    const [s0, poolId] = providerPool(fresh());
    const attribute = "https://aws.amazon.com/SAML/Attributes/Role";
    const one = { [SAML]: testToken(SAML, { sub: "n", [attribute]: `${ROLE("saml")},${SAML}` }) };
    const [s1, id] = getId(s0, poolId, one);
    expect(roleOf(s1, id, one)).toBe(ROLE("saml"));
    const two = { [SAML]: testToken(SAML, { sub: "n", [attribute]: [`${ROLE("a")},${SAML}`, `${ROLE("b")},${SAML}`] }) };
    expect(roleOf(s1, id, two, { CustomRoleArn: ROLE("b") })).toBe(ROLE("b"));
    expect(roleOf(s1, id, two, { CustomRoleArn: ROLE("c") })).toEqual({ type: "NotAuthorizedException", message: `The ambiguous role mapping rules for: ${SAML} denied this request.` });
    expect(roleOf(s1, id, two)).toEqual({ type: "InvalidIdentityPoolConfigurationException", message: "Invalid identity pool configuration. Check assigned IAM roles for this pool." });
    const s2 = setRoles(s1, poolId);
    expect(roleOf(s2, id, two)).toBe(AUTH_ROLE);
    expect(roleOf(s2, id, one)).toBe(ROLE("saml"));
  });

  it("CRED-6: Rules are tried in order, the first match wins; Equals, Contains, StartsWith, NotEqual", () => {
    const mapping = rules(
      ["custom:dept", "Equals", "Sales", "sales"],
      ["email", "Contains", "@corp.", "corp"],
      ["custom:team", "StartsWith", "eng-", "engineering"],
      ["custom:tier", "NotEqual", "free", "paying"],
    );
    const roleFor = (claims: Record<string, unknown>) => {
      const [s, id, logins] = mapped({ [MAPPING_KEY]: mapping }, claims);
      return roleOf(s, id, logins);
    };
    expect(roleFor({ "custom:dept": "Sales", email: "a@corp.example" })).toBe(ROLE("sales"));
    expect(roleFor({ "custom:dept": "sales", email: "a@corp.example" })).toBe(ROLE("corp"));
    expect(roleFor({ "custom:team": "eng-infra" })).toBe(ROLE("engineering"));
    expect(roleFor({ "custom:tier": "gold" })).toBe(ROLE("paying"));
    // NotEqual on a claim the token does not have is not a match.
    expect(roleFor({ "custom:tier": "free" })).toEqual({ type: "NotAuthorizedException", message: `The ambiguous role mapping rules for: ${USER_POOL} denied this request.` });
    expect(roleFor({})).toEqual({ type: "NotAuthorizedException", message: `The ambiguous role mapping rules for: ${USER_POOL} denied this request.` });
  });

  it("CRED-6: a list claim matches when one of its values does (NotEqual: when none is equal); CustomRoleArn picks among matching rules", () => {
    const mapping = rules(["cognito:groups", "Equals", "admins", "admin"], ["cognito:groups", "Contains", "user", "user"], ["cognito:groups", "NotEqual", "banned", "ok"]);
    const [s, id, logins] = mapped({ [MAPPING_KEY]: mapping }, { "cognito:groups": ["users", "admins"] });
    expect(roleOf(s, id, logins)).toBe(ROLE("admin"));
    expect(roleOf(s, id, logins, { CustomRoleArn: ROLE("user") })).toBe(ROLE("user"));
    expect(roleOf(s, id, logins, { CustomRoleArn: ROLE("nowhere") })).toBe(ROLE("admin"));
    const [s2, id2, logins2] = mapped({ [MAPPING_KEY]: rules(["cognito:groups", "NotEqual", "banned", "ok"]) }, { "cognito:groups": ["users", "banned"] });
    expect(roleOf(s2, id2, logins2)).toEqual({ type: "NotAuthorizedException", message: `The ambiguous role mapping rules for: ${USER_POOL} denied this request.` });
  });

  it("CRED-7: when nothing decides, AuthenticatedRole gives the default authenticated role, Deny refuses", () => {
    const [s, id, logins] = mapped({ [MAPPING_KEY]: { ...rules(["x", "Equals", "y", "z"]), AmbiguousRoleResolution: "AuthenticatedRole" } });
    expect(roleOf(s, id, logins)).toBe(AUTH_ROLE);
    const [s2, id2, logins2] = mapped({ [MAPPING_KEY]: { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" } });
    expect(roleOf(s2, id2, logins2)).toBe(AUTH_ROLE);
  });

  it("CRED-8: no role for the identity's kind is an invalid pool configuration", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, guest] = getId(s0, poolId);
    const [s2, user] = getId(s1, poolId, login(FACEBOOK, "f1"));
    const invalid = ["InvalidIdentityPoolConfigurationException", "Invalid identity pool configuration. Check assigned IAM roles for this pool."] as const;
    expectError(credentials(s2, guest)[1], ...invalid);
    expectError(credentials(s2, user, login(FACEBOOK, "f1"))[1], ...invalid);
    const [s3] = run(s2, "SetIdentityPoolRoles", { IdentityPoolId: poolId, Roles: { unauthenticated: UNAUTH_ROLE } });
    okOutput(credentials(s3, guest)[1]);
    const [s4, result] = credentials(s3, user, login(FACEBOOK, "f1"));
    expectError(result, ...invalid);
    expect(s4).toBe(s3);
  });

  it("CRED-9: ASIA access key ids, 40-character secrets, a session token; new ones each call, the same ones for the same seed", () => {
    const build = (seed: number) => {
      const [s0, poolId] = providerPool(fresh({ seed }));
      const [s1, id] = getId(setRoles(s0, poolId), poolId);
      const [s2, first] = credentials(s1, id);
      const [, second] = credentials(s2, id);
      return [okOutput<Creds>(first).Credentials, okOutput<Creds>(second).Credentials];
    };
    const [a, b] = build(3);
    expect(a!.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(a!.SecretKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(a!.SessionToken.length).toBeGreaterThan(100);
    expect(b!.AccessKeyId).not.toBe(a!.AccessKeyId);
    expect(b!.SecretKey).not.toBe(a!.SecretKey);
    expect(build(3)).toEqual([a, b]);
    expect(build(4)[0]!.AccessKeyId).not.toBe(a!.AccessKeyId);
  });

  it("CRED-10: credentials expire one hour after the command's time; the lifetime is configuration", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(setRoles(s0, poolId), poolId);
    expect(okOutput<Creds>(credentials(s1, id, undefined, {}, at({ now: NOW + 5 }))[1]).Credentials.Expiration).toEqual(new Date(NOW + 5 + 3_600_000));
    const [t0, poolId2] = providerPool(fresh({ tokens: { credentialsSeconds: 900 } }));
    const [t1, id2] = getId(setRoles(t0, poolId2), poolId2);
    expect(okOutput<Creds>(credentials(t1, id2)[1]).Credentials.Expiration).toEqual(new Date(NOW + 900_000));
  });

  it("CRED-11: CustomRoleArn is ignored where no Token or Rules mapping applies", () => {
    const [s, id, logins] = mapped({});
    expect(roleOf(s, id, logins, { CustomRoleArn: ROLE("anything") })).toBe(AUTH_ROLE);
  });

  it("CRED-12: describeCredentials tells what an access key stands for; unknown keys are undefined; results are copies", () => {
    const [s0, poolId] = providerPool(fresh());
    const s1 = setRoles(s0, poolId);
    const [s2, id] = getId(s1, poolId, login(FACEBOOK, "f1"));
    const [s3, result] = credentials(s2, id, login(FACEBOOK, "f1"));
    const key = okOutput<Creds>(result).Credentials.AccessKeyId;
    const described = describeCredentials(s3, key)!;
    expect(described).toEqual({
      roleArn: AUTH_ROLE,
      identityId: id,
      identityPoolId: poolId,
      provider: FACEBOOK,
      principalTags: {},
      expiration: new Date(NOW + 3_600_000),
      assumedRoleArn: "arn:aws:sts::123456789012:assumed-role/authenticated/CognitoIdentityCredentials",
      issuedBy: "GetCredentialsForIdentity",
    });
    described.principalTags.x = "y";
    expect(describeCredentials(s3, key)!.principalTags).toEqual({});
    expect(describeCredentials(s3, "ASIAAAAAAAAAAAAAAAAA")).toBeUndefined();
    expect(describeCredentials(s2, key)).toBeUndefined();
  });
});

describe("forgetting expired credentials", () => {
  const MINUTE = 60_000;
  const callerIdentity = (state: State, accessKeyId: string, now: number): Result =>
    step(state, { service: "sts", op: "GetCallerIdentity", input: {}, context: at({ accessKeyId, now }) })[1];
  const expired = { ok: false, error: { type: "ExpiredToken", message: "The security token included in the request is expired" } };
  const keyAt = (seed: number, counter: number) => nextCredentials({ seed, counter })[0].accessKeyId;
  const root = { ok: true, output: { UserId: "123456789012", Account: "123456789012", Arn: "arn:aws:iam::123456789012:root" } };

  /** A guest identity of a pool with roles, and `calls` credentials for it, one every `everyMs`. */
  function issueMany(calls: number, everyMs: number): { state: State; keys: string[]; last: number } {
    const [s0, poolId] = providerPool(fresh());
    let [state, id] = getId(setRoles(s0, poolId), poolId);
    const keys: string[] = [];
    for (let i = 0; i < calls; i++) {
      const [next, result] = credentials(state, id, undefined, {}, at({ now: NOW + i * everyMs }));
      state = next;
      keys.push(okOutput<Creds>(result).Credentials.AccessKeyId);
    }
    return { state, keys, last: NOW + (calls - 1) * everyMs };
  }

  it("CRED-14: an hour after their expiration credentials are forgotten: the registry keeps only the others", () => {
    const { state, keys, last } = issueMany(60, 10 * MINUTE);
    // Each call forgets what expired more than an hour before it: issued 12 calls (two hours) earlier.
    expect(state.credentials.size).toBe(12);
    expect(describeCredentials(state, keys[0]!)).toBeUndefined();
    expect(describeCredentials(state, keys[47]!)).toBeUndefined();
    expect(describeCredentials(state, keys[48]!)).toMatchObject({ roleArn: UNAUTH_ROLE });
    // GetCallerIdentity answers as it did while the record was kept.
    expect(callerIdentity(state, keys[0]!, last)).toEqual(expired);
    expect(callerIdentity(state, keys[47]!, last)).toEqual(expired);
    expect(callerIdentity(state, keys[59]!, last)).toEqual({
      ok: true,
      output: { UserId: `${roleIdOf(UNAUTH_ROLE)}:CognitoIdentityCredentials`, Account: "123456789012", Arn: "arn:aws:sts::123456789012:assumed-role/unauthenticated/CognitoIdentityCredentials" },
    });
  });

  it("CRED-14: keys this state never issued stay the account's root, also those of positions its ids took", () => {
    const { state, last } = issueMany(30, 10 * MINUTE);
    expect(callerIdentity(state, "ASIAAAAAAAAAAAAAAAAA", last)).toEqual(root);
    // Positions 0 and 1 made the pool and the identity; 2 the first credentials.
    for (const counter of [0, 1]) expect(callerIdentity(state, keyAt(0, counter), last)).toEqual(root);
    expect(callerIdentity(state, keyAt(0, 2), last)).toEqual(expired);
    // The same key from a state of another seed is not this state's.
    expect(callerIdentity(state, keyAt(1, 2), last)).toEqual(root);
  });

  it("CRED-14: the same commands give the same snapshot; a restored snapshot still knows what it forgot", () => {
    const first = issueMany(40, 10 * MINUTE);
    const again = issueMany(40, 10 * MINUTE);
    expect(JSON.stringify(snapshotState(again.state))).toBe(JSON.stringify(snapshotState(first.state)));
    const restored = restoreState(JSON.parse(JSON.stringify(snapshotState(first.state))));
    if (!restored.ok) throw new Error(restored.reason);
    expect(restored.state.credentials.size).toBe(first.state.credentials.size);
    expect(callerIdentity(restored.state, first.keys[0]!, first.last)).toEqual(expired);
    expect(callerIdentity(restored.state, first.keys[39]!, first.last)).toEqual(callerIdentity(first.state, first.keys[39]!, first.last));
  });

  it("CRED-14: whatever the calls, lifetimes and clock steps, GetCallerIdentity answers every key as if nothing were forgotten", () => {
    type Action = { kind: "cognito" } | { kind: "sts"; seconds: number } | { kind: "identity" } | { kind: "wait"; ms: number };
    const action: fc.Arbitrary<Action> = fc.oneof(
      fc.constant<Action>({ kind: "cognito" }),
      fc.integer({ min: 900, max: 3600 }).map<Action>((seconds) => ({ kind: "sts", seconds })),
      fc.constant<Action>({ kind: "identity" }),
      fc.integer({ min: 0, max: 3 * 3_600_000 }).map<Action>((ms) => ({ kind: "wait", ms })),
    );
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 80 }), (actions) => {
        const [s0, poolId] = providerPool(fresh(), { AllowClassicFlow: true });
        let [state, id] = getId(setRoles(s0, poolId), poolId);
        let now = NOW;
        const issued: { key: string; expiration: number; answer: Result }[] = [];
        for (const a of actions) {
          const context = at({ now });
          if (a.kind === "wait") now += a.ms;
          else if (a.kind === "identity") [state, id] = getId(state, poolId, undefined, context);
          else if (a.kind === "cognito") {
            const [next, result] = credentials(state, id, undefined, {}, context);
            state = next;
            const key = okOutput<Creds>(result).Credentials.AccessKeyId;
            issued.push({ key, expiration: now + 3_600_000, answer: callerIdentity(state, key, now) });
          } else {
            const [s1, tokenResult] = run(state, "GetOpenIdToken", { IdentityId: id }, context);
            const token = okOutput<{ Token: string }>(tokenResult).Token;
            const input = { RoleArn: UNAUTH_ROLE, RoleSessionName: "web", WebIdentityToken: token, DurationSeconds: a.seconds };
            const [s2, result] = step(s1, { service: "sts", op: "AssumeRoleWithWebIdentity", input, context });
            state = s2;
            const key = okOutput<{ Credentials: { AccessKeyId: string } }>(result).Credentials.AccessKeyId;
            issued.push({ key, expiration: now + a.seconds * 1000, answer: callerIdentity(state, key, now) });
          }
        }
        for (const { key, expiration, answer } of issued) {
          expect(callerIdentity(state, key, now)).toEqual(now >= expiration ? expired : answer);
        }
        const remembered = issued.filter((c) => c.expiration + 3_600_000 > now).length;
        expect(state.credentials.size).toBeLessThanOrEqual(issued.length);
        expect(state.credentials.size).toBeGreaterThanOrEqual(remembered);
      }),
      { numRuns: 60 },
    );
  });
});
