// WIRE-29 in the model: restoreState checks the whole snapshot against its schema and the model's
// invariants before anything is rebuilt, names the first bad path, and whatever it accepts steps
// without a fault.
import { generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { restoreState, snapshotState, step, type Snapshot, type State } from "../../src/model/index.js";
import { at, createPool, ctx, fresh, okOutput, run } from "./helpers.js";
import { AUTH_ROLE, FACEBOOK, getId, GOOGLE, login, providerPool, setRoles, USER_POOL } from "./identity-helpers.js";
import { mutated } from "./snapshot-mutations.js";

type Json = Record<string, any>;

/** A state with something in every part of a snapshot: pools in two Regions, identities, roles, mappings, tag maps, rates, credentials. */
function richState(): { state: State; poolId: string; identityId: string } {
  let [state, poolId] = providerPool(fresh({ rateLimiting: { enabled: true } }), { IdentityPoolTags: { team: "a" } });
  state = setRoles(state, poolId, {
    RoleMappings: {
      [`${USER_POOL}:client1`]: { Type: "Rules", AmbiguousRoleResolution: "AuthenticatedRole", RulesConfiguration: { Rules: [{ Claim: "dept", MatchType: "Equals", Value: "x", RoleARN: AUTH_ROLE }] } },
    },
  });
  [state] = run(state, "SetPrincipalTagAttributeMap", { IdentityPoolId: poolId, IdentityProviderName: FACEBOOK, PrincipalTags: { app: "aud" } });
  let identityId: string;
  [state, identityId] = getId(state, poolId, login(FACEBOOK, "f1"));
  [state] = getId(state, poolId, login(GOOGLE, "g1"));
  let issued;
  [state, issued] = run(state, "GetCredentialsForIdentity", { IdentityId: identityId, Logins: login(FACEBOOK, "f1") });
  okOutput(issued);
  [state] = createPool(state, {}, at({ region: "eu-west-1" }));
  return { state, poolId, identityId };
}

const rich = richState();
const saved = JSON.parse(JSON.stringify(snapshotState(rich.state))) as Json;
// namespaces are listed by key: eu-west-1 first, then us-east-1 with the provider pool.
const US = 1;

function refusal(edit: (s: Json) => void): string {
  const broken = structuredClone(saved);
  edit(broken);
  const restored = restoreState(broken);
  return restored.ok ? "restored" : restored.reason;
}

const rsaJwk = () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
const ecJwk = () => generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });

describe("restoring a snapshot", () => {
  it("WIRE-29: the snapshot the model makes restores, and snapshots the same", () => {
    const restored = restoreState(structuredClone(saved));
    if (!restored.ok) throw new Error(restored.reason);
    expect(JSON.parse(JSON.stringify(snapshotState(restored.state)))).toEqual(saved);
  });

  it("WIRE-29: a signing key without n and d is refused; before, GetOpenIdToken threw on the restored state", () => {
    const { n, d, ...partial } = rsaJwk();
    expect([n, d].every((v) => typeof v === "string")).toBe(true);
    const reason = refusal((s) => {
      s.config.tokens.signingKey = { kid: "k", alg: "RS256", privateJwk: partial };
    });
    expect(reason).toMatch(/^snapshot\.config\.tokens\.signingKey\.privateJwk: not a private key of RS256: /);
    // A whole key restores and signs.
    const good = structuredClone(saved);
    good.config.tokens.signingKey = { kid: "k", alg: "RS256", privateJwk: rsaJwk() };
    const restored = restoreState(good);
    if (!restored.ok) throw new Error(restored.reason);
    const token = okOutput<{ Token: string }>(run(restored.state, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: rich.poolId, Logins: { "login.mycompany": "dev1" } })[1]).Token;
    expect(JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString())).toMatchObject({ kid: "k", alg: "RS256" });
  });

  it("WIRE-29: every part of a snapshot is checked, and the reason names the first bad path", () => {
    const cases: [(s: Json) => void, string | RegExp][] = [
      // the envelope and the generator
      [(s) => (s.format = "other"), "snapshot: not a cognito-identity-model state snapshot (format/version)"],
      [(s) => (s.extra = 1), /^snapshot\.extra: unknown member \(expected format, version, config, ids, namespaces, rates, poolData, credentials/],
      [(s) => (s.ids.counter = 4294967296), "snapshot.ids.counter: expected a whole number from 0 to 4294967295"],
      [(s) => (s.ids.counter = 1.5), "snapshot.ids.counter: expected a whole number from 0 to 4294967295"],
      [(s) => (s.ids.seed = 7), "snapshot.ids.seed: 7 is not config.seed (0): ids come from the seed the state was made with"],
      [(s) => (s.ids.counter = 3), /^snapshot\.ids\.counter: 3 would make eu-west-1:[0-9a-f-]+ again \(snapshot\.namespaces\[0\]\.pools\[0\]\.id\); the counter must be past every id the generator made$/],
      [
        (s) => {
          s.namespaces.splice(0, 1);
          s.ids.counter = 3;
        },
        /^snapshot\.ids\.counter: 3 would make ASIA\w{16} again \(snapshot\.credentials\[0\]\.accessKeyId\)/,
      ],
      // config
      [(s) => (s.config.quotas.tagsPerPool = -1), "snapshot.config.quotas.tagsPerPool: expected a whole number of at least 0"],
      [(s) => (s.config.quotas.tagsPerPoool = 5), /^snapshot\.config\.quotas\.tagsPerPoool: unknown member/],
      [(s) => (s.config.quotas.tagsPerPool = 0), "snapshot.namespaces[1].pools[0].tags: 1 tags, more than config.quotas.tagsPerPool (0)"],
      [(s) => (s.config.rateLimiting.enabled = "yes"), "snapshot.config.rateLimiting.enabled: expected true or false"],
      [(s) => (s.config.rateLimiting.perSecond.GetID = 5), "snapshot.config.rateLimiting.perSecond.GetID: not a valid key: expected the name of an operation the model implements"],
      [(s) => (s.config.rateLimiting.perSecond.GetId = "25"), "snapshot.config.rateLimiting.perSecond.GetId: expected a whole number of at least 0"],
      [(s) => (s.config.tokens.openIdTokenSeconds = 0), "snapshot.config.tokens.openIdTokenSeconds: expected a whole number from 1 to 315360000"],
      [(s) => (s.config.tokens.credentialsSeconds = 1e300), "snapshot.config.tokens.credentialsSeconds: expected a whole number from 1 to 315360000"],
      [(s) => (s.config.tokens.loginJwks = { [GOOGLE]: { keys: [null] } }), `snapshot.config.tokens.loginJwks["${GOOGLE}"].keys[0]: expected an object`],
      [(s) => (s.config.tokens.loginJwks = { [GOOGLE]: { keys: [{ n: "x" }] } }), `snapshot.config.tokens.loginJwks["${GOOGLE}"].keys[0].kty: missing`],
      [(s) => (s.config.tokens.loginJwks = { [GOOGLE]: { keys: [{ kty: "RSA", x5c: [[["deeper"]]] }] } }), `snapshot.config.tokens.loginJwks["${GOOGLE}"].keys[0].x5c[0][0]: nested too deep`],
      [(s) => (s.config.tokens.loginIssuers = { [GOOGLE]: 5 }), `snapshot.config.tokens.loginIssuers["${GOOGLE}"]: expected a string`],
      [(s) => (s.config.tokens.signingKey = { kid: "k", alg: "RS256", privateJwk: ecJwk() }), "snapshot.config.tokens.signingKey.privateJwk: not a private key of RS256: it is a ec key on prime256v1"],
      [(s) => (s.config.tokens.signingKey = { kid: "k", alg: "HS256", privateJwk: rsaJwk() }), "snapshot.config.tokens.signingKey.alg: expected RS256, RS384, RS512, ES256 or ES384"],
      [(s) => (s.config.iam.roles = [{ Arn: "nope" }]), "snapshot.config.iam.roles: role 1: nope is not a role ARN"],
      [(s) => (s.config.iam.strict = 1), "snapshot.config.iam.strict: expected true or false"],
      // namespaces and pools
      [(s) => (s.namespaces[US].key = "us-east-1"), 'snapshot.namespaces[1].key: expected <account>/<region>, not "us-east-1"'],
      [(s) => (s.namespaces[US].pools[0].cognitoIdentityProviders = "not a list"), "snapshot.namespaces[1].pools[0].cognitoIdentityProviders: expected a list"],
      [(s) => (s.namespaces[US].pools[0].cognitoIdentityProviders = []), "snapshot.namespaces[1].pools[0].cognitoIdentityProviders: expected a list of at least 1 item"],
      [(s) => (s.namespaces[US].pools[0].cognitoIdentityProviders[1].ProviderName = "us-east-1_Other"), /^snapshot\.namespaces\[1\]\.pools\[0\]\.cognitoIdentityProviders\[1\]\.ProviderName: expected cognito-idp/],
      [(s) => delete s.namespaces[US].pools[0].cognitoIdentityProviders[0].ServerSideTokenCheck, "snapshot.namespaces[1].pools[0].cognitoIdentityProviders[0].ServerSideTokenCheck: missing"],
      [(s) => (s.namespaces[US].pools[0].id = "us-east-1_nope"), "snapshot.namespaces[1].pools[0].id: expected a string matching [\\w-]+:[0-9a-f-]+ (IdentityPoolId)"],
      [(s) => (s.namespaces[US].pools[0].id = s.namespaces[0].pools[0].id), /^snapshot\.namespaces\[1\]\.pools\[0\]\.id: eu-west-1:\S+ is not an id of us-east-1, the Region of its namespace$/],
      [(s) => (s.namespaces[US].pools[0].name = "a#b"), "snapshot.namespaces[1].pools[0].name: expected a string matching [\\w\\s+=,.@-]+ (IdentityPoolName)"],
      [(s) => (s.namespaces[US].pools[0].name = "x".repeat(129)), "snapshot.namespaces[1].pools[0].name: expected 1 to 128 characters (IdentityPoolName)"],
      [(s) => (s.namespaces[US].pools[0].allowClassicFlow = null), "snapshot.namespaces[1].pools[0].allowClassicFlow: expected true or false"],
      [(s) => (s.namespaces[US].pools[0].supportedLoginProviders = {}), "snapshot.namespaces[1].pools[0].supportedLoginProviders: expected a non-empty object (an empty one is stored as none)"],
      [(s) => (s.namespaces[US].pools[0].supportedLoginProviders[FACEBOOK] = ""), `snapshot.namespaces[1].pools[0].supportedLoginProviders["${FACEBOOK}"]: expected 1 to 128 characters (IdentityProviderId)`],
      [(s) => (s.namespaces[US].pools[0].samlProviderArns = ["short"]), "snapshot.namespaces[1].pools[0].samlProviderArns[0]: expected 20 to 2048 characters (ARNString)"],
      [(s) => (s.namespaces[US].pools[0].tags = { a: 1 }), "snapshot.namespaces[1].pools[0].tags.a: expected a string"],
      [(s) => (s.namespaces[US].pools[0].tags = { "": "v" }), 'snapshot.namespaces[1].pools[0].tags[""]: not a valid key: expected 1 to 128 characters (TagKeysType)'],
      [(s) => (s.namespaces[US].pools[0].seq = 2), "snapshot.namespaces[1].pools[0].seq: 2 is not below the namespace's nextSeq (2)"],
      [(s) => (s.namespaces[US].pools[0].color = "red"), /^snapshot\.namespaces\[1\]\.pools\[0\]\.color: unknown member/],
      [(s) => s.namespaces[US].pools.push(structuredClone(s.namespaces[US].pools[0])), /^snapshot\.namespaces\[1\]\.pools\[1\]\.id: pool id us-east-1:\S+ is also at snapshot\.namespaces\[1\]\.pools\[0\]\.id$/],
      // rate windows
      [(s) => (s.rates[0][1].count = 0), "snapshot.rates[0][1].count: expected a whole number of at least 1"],
      [(s) => (s.rates[0] = ["x", { second: 1, count: 1 }]), 'snapshot.rates[0][0]: expected <account>/<region>/<operation>, not "x"'],
      [(s) => s.rates.push(structuredClone(s.rates[0])), /^snapshot\.rates\[2\]\[0\]: rate window \S+ is also at snapshot\.rates\[0\]\[0\]$/],
      // pool records, identities and logins
      [(s) => (s.poolData[0].poolId = s.namespaces[0].pools[0].id), /^snapshot\.poolData\[0\]\.poolId: no pool eu-west-1:\S+ in namespace 123456789012\/us-east-1$/],
      [(s) => (s.poolData[0].roles = { admin: AUTH_ROLE }), "snapshot.poolData[0].roles.admin: not a valid key: expected a string matching (un)?authenticated (RoleType)"],
      [(s) => (Object.values(s.poolData[0].roleMappings)[0] as Json).Type = "Always", /^snapshot\.poolData\[0\]\.roleMappings\["[^"]+"\]\.Type: expected one of Token, Rules \(RoleMappingType\)$/],
      [(s) => delete (Object.values(s.poolData[0].roleMappings)[0] as Json).AmbiguousRoleResolution, /^snapshot\.poolData\[0\]\.roleMappings\["[^"]+"\]\.AmbiguousRoleResolution: missing \(ROLE-5\)$/],
      [(s) => delete (Object.values(s.poolData[0].roleMappings)[0] as Json).RulesConfiguration, /^snapshot\.poolData\[0\]\.roleMappings\["[^"]+"\]\.RulesConfiguration: missing: a mapping of Type Rules has rules \(ROLE-5\)$/],
      [(s) => (s.config.quotas.rulesPerRoleMapping = 0), /^snapshot\.poolData\[0\]\.roleMappings\["[^"]+"\]\.RulesConfiguration: 1 rules, more than config\.quotas\.rulesPerRoleMapping \(0\)$/],
      [(s) => (s.poolData[0].principalTagMaps[FACEBOOK].useDefaults = "no"), `snapshot.poolData[0].principalTagMaps["${FACEBOOK}"].useDefaults: expected true or false`],
      [(s) => (s.poolData[0].principalTagMaps[FACEBOOK].tags = { app: "" }), `snapshot.poolData[0].principalTagMaps["${FACEBOOK}"].tags.app: expected 1 to 256 characters (PrincipalTagValue)`],
      [(s) => (s.poolData[0].identities[0].logins = [{ provider: FACEBOOK }]), "snapshot.poolData[0].identities[0].logins[0].subject: missing"],
      [(s) => (s.poolData[0].identities[1].logins = s.poolData[0].identities[0].logins), `snapshot.poolData[0].identities[1].logins[0]: login ${FACEBOOK} "f1" is also at snapshot.poolData[0].identities[0].logins[0]`],
      [(s) => (s.poolData[0].identities[0].disabled = true), "snapshot.poolData[0].identities[0].logins: a disabled identity has no logins (IDN-9, IDN-13)"],
      [(s) => (s.poolData[0].identities[0].disabled = false), "snapshot.poolData[0].identities[0].disabled: expected true"],
      [(s) => (s.config.quotas.linkedLoginsPerIdentity = 0), "snapshot.poolData[0].identities[0].logins: 1 logins, more than config.quotas.linkedLoginsPerIdentity (0)"],
      [(s) => (s.poolData[0].identities[1].seq = 1), "snapshot.poolData[0].identities[1].seq: 1 does not follow 1: identities are listed in creation order"],
      [(s) => (s.poolData[0].nextSeq = 2), "snapshot.poolData[0].identities[1].seq: 2 is not below the pool's nextSeq (2)"],
      [(s) => (s.poolData[0].identities[0].pool = "elsewhere"), /^snapshot\.poolData\[0\]\.identities\[0\]\.pool: expected 123456789012\/us-east-1\/us-east-1:\S+, the pool it is listed under$/],
      [(s) => (s.poolData[0].identities[0].id = s.poolData[0].identities[0].id.replace("us-east-1", "eu-west-1")), /^snapshot\.poolData\[0\]\.identities\[0\]\.id: eu-west-1:\S+ is not an id of us-east-1, the Region of its pool$/],
      [(s) => (s.poolData[0].identities[1].id = s.poolData[0].identities[0].id), /^snapshot\.poolData\[0\]\.identities\[1\]\.id: identity id \S+ is also at snapshot\.poolData\[0\]\.identities\[0\]\.id$/],
      [(s) => (s.poolData[0].identities[0].created = "yesterday"), "snapshot.poolData[0].identities[0].created: expected a number"],
      [(s) => s.poolData.push(structuredClone(s.poolData[0])), /^snapshot\.poolData\[1\]\.poolId: pool record \S+ is also at snapshot\.poolData\[0\]\.poolId$/],
      // credentials
      [(s) => (s.credentials[0].expiration = null), "snapshot.credentials[0].expiration: expected a number"],
      [(s) => (s.credentials[0].principalTags = []), "snapshot.credentials[0].principalTags: expected an object"],
      [(s) => (s.credentials[0].identityPoolId = "pool"), "snapshot.credentials[0].identityPoolId: expected a string matching [\\w-]+:[0-9a-f-]+ (IdentityPoolId)"],
      [(s) => (s.credentials[0].sessionName = "x"), "snapshot.credentials[0].sessionName: expected 2 to 64 characters (roleSessionNameType)"],
      [(s) => s.credentials.push(structuredClone(s.credentials[0])), /^snapshot\.credentials\[1\]\.accessKeyId: access key id ASIA\w+ is also at snapshot\.credentials\[0\]\.accessKeyId$/],
    ];
    for (const [edit, reason] of cases) {
      const got = refusal(edit);
      if (typeof reason === "string") expect(got).toBe(reason);
      else expect(got).toMatch(reason);
    }
  });

  it("WIRE-29: a value that is no plain JSON object is refused where an object belongs", () => {
    expect(refusal((s) => (s.namespaces[US].pools[0].tags = new Map()))).toBe("snapshot.namespaces[1].pools[0].tags: expected an object");
    expect(restoreState([])).toEqual({ ok: false, reason: "snapshot: not a cognito-identity-model state snapshot (format/version)" });
  });

  it("WIRE-29: the restored state shares no object with the snapshot it came from", () => {
    const snapshot = structuredClone(saved);
    const restored = restoreState(snapshot);
    if (!restored.ok) throw new Error(restored.reason);
    snapshot.namespaces[US].pools[0].tags.team = "changed";
    snapshot.poolData[0].identities[0].logins[0].subject = "changed";
    expect(JSON.parse(JSON.stringify(snapshotState(restored.state)))).toEqual(saved);
  });
});

/** Commands that read and write every part of the state a snapshot gives. */
function battery(state: State, snapshot: Snapshot): void {
  const pools = snapshot.namespaces.flatMap((ns) => ns.pools.map((p) => ({ id: p.id, region: ns.key.slice(ns.key.lastIndexOf("/") + 1), account: ns.key.slice(0, ns.key.lastIndexOf("/")) })));
  const identities = (snapshot.poolData ?? []).flatMap((d) => d.identities.map((i) => ({ id: i.id, region: d.region })));
  const existing = new Set([...pools.map((p) => p.id), ...identities.map((i) => i.id)]);
  for (const pool of pools) {
    const c = at({ account: pool.account, region: pool.region });
    for (const [op, input] of [
      ["DescribeIdentityPool", { IdentityPoolId: pool.id }],
      ["ListIdentityPools", { MaxResults: 60 }],
      ["ListIdentities", { IdentityPoolId: pool.id, MaxResults: 60 }],
      ["GetIdentityPoolRoles", { IdentityPoolId: pool.id }],
      ["GetPrincipalTagAttributeMap", { IdentityPoolId: pool.id, IdentityProviderName: FACEBOOK }],
      ["ListTagsForResource", { ResourceArn: `arn:aws:cognito-identity:${pool.region}:${pool.account}:identitypool/${pool.id}` }],
      ["LookupDeveloperIdentity", { IdentityPoolId: pool.id, MaxResults: 10 }],
    ] as const) {
      step(state, { op, input, context: c });
    }
    const [, got] = step(state, { op: "GetId", input: { IdentityPoolId: pool.id, Logins: login(FACEBOOK, "new-user") }, context: c });
    if (got.ok) expect(existing.has((got.output as { IdentityId: string }).IdentityId)).toBe(false);
    const [, created] = step(state, { op: "CreateIdentityPool", input: { IdentityPoolName: "new", AllowUnauthenticatedIdentities: true }, context: c });
    if (created.ok) expect(existing.has((created.output as { IdentityPoolId: string }).IdentityPoolId)).toBe(false);
  }
  for (const identity of identities) {
    const c = at({ region: identity.region });
    for (const [op, input] of [
      ["DescribeIdentity", { IdentityId: identity.id }],
      ["GetOpenIdToken", { IdentityId: identity.id, Logins: login(FACEBOOK, "f1") }],
      ["GetOpenIdToken", { IdentityId: identity.id }],
      ["GetCredentialsForIdentity", { IdentityId: identity.id, Logins: login(FACEBOOK, "f1") }],
      ["GetCredentialsForIdentity", { IdentityId: identity.id }],
    ] as const) {
      step(state, { op, input, context: c });
    }
  }
  for (const c of snapshot.credentials ?? []) step(state, { service: "sts", op: "GetCallerIdentity", input: {}, context: { ...ctx, accessKeyId: c.accessKeyId } });
}

describe("restoring a mutated snapshot", () => {
  it("WIRE-29: a mutated snapshot is refused, or what it restores answers every command without a fault", () => {
    fc.assert(
      fc.property(mutated(saved), (snapshot) => {
        const restored = restoreState(snapshot);
        if (!restored.ok) {
          expect(restored.reason).toMatch(/^snapshot(\.|\[|:)/);
          return;
        }
        expect(() => battery(restored.state, snapshot as unknown as Snapshot)).not.toThrow();
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });
});
