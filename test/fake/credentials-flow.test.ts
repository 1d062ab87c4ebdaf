// The public flow through the real SDK, in process and over HTTP: the SDK's own
// fromCognitoIdentityPool gets credentials for a guest and for user-pool users with test tokens;
// what the credentials stand for is read back (fake.describeCredentials, GET /_model/credentials/...);
// OpenID tokens verify with jose against the fake's keys (fake.jwks(), GET /.well-known/jwks.json).
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  type CognitoIdentityClientConfig,
  GetIdCommand,
  GetOpenIdTokenCommand,
  SetIdentityPoolRolesCommand,
  SetPrincipalTagAttributeMapCommand,
} from "@aws-sdk/client-cognito-identity";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFake } from "../../src/fake/index.js";
import { OPENID_ISSUER, testToken, userPoolProviderName, type CredentialsDescription } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { ACCOUNT, REGION } from "./sdk-suite.js";

const NOW = Date.parse("2030-01-01T00:00:00Z");
const USER_POOL = userPoolProviderName("us-east-1_Example");
const CLIENT_ID = "webclient1";
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** What differs between the two transports. */
interface FlowTarget {
  /** `clientConfig` of the credential provider: the fake's request handler, or the server's endpoint. */
  clientConfig: CognitoIdentityClientConfig;
  /** An admin client (signed, so pools belong to ACCOUNT). */
  admin: CognitoIdentityClient;
  /** What credentials stand for, `expiration` a Date; undefined for an unknown key. */
  describeCredentials(accessKeyId: string): Promise<CredentialsDescription | undefined>;
  /** The key set that verifies the fake's OpenID tokens. */
  keys(): Promise<JWTVerifyGetKey>;
}

/**
 * fromCognitoIdentityPool keeps guest identity ids in a module-wide cache keyed by pool id; a
 * deterministic fake gives the same pool id to the same seed, so every provider gets its own cache.
 */
function freshCache() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

function credentialsFlow(label: string, target: () => FlowTarget): void {
  it(`CRED-2, CRED-6, CRED-12, PTAG-5, WIRE-8, WIRE-10, WIRE-23: fromCognitoIdentityPool gets credentials for a guest and for user-pool users against ${label}; describeCredentials shows their role`, async () => {
    const { admin, clientConfig, describeCredentials } = target();
    const pool = await admin.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "app",
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: CLIENT_ID }],
      }),
    );
    const identityPoolId = pool.IdentityPoolId!;
    await admin.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: identityPoolId,
        Roles: { unauthenticated: role("guest"), authenticated: role("user") },
        RoleMappings: {
          [`${USER_POOL}:${CLIENT_ID}`]: {
            Type: "Rules",
            AmbiguousRoleResolution: "AuthenticatedRole",
            RulesConfiguration: { Rules: [{ Claim: "custom:dept", MatchType: "Equals", Value: "sales", RoleARN: role("sales") }] },
          },
        },
      }),
    );
    await admin.send(
      new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: identityPoolId, IdentityProviderName: USER_POOL, PrincipalTags: { dept: "custom:dept", user: "sub" } }),
    );

    // A guest: GetId without logins, then GetCredentialsForIdentity, both unsigned (WIRE-10).
    const guest = await fromCognitoIdentityPool({ identityPoolId, clientConfig, cache: freshCache() })();
    expect(guest.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(guest.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(guest.sessionToken).toEqual(expect.any(String));
    // Expiration went over the wire as epoch seconds and came back a Date, an hour after the pinned clock.
    expect(guest.expiration).toEqual(new Date(NOW + 3_600_000));
    expect(await describeCredentials(guest.accessKeyId)).toEqual({
      roleArn: role("guest"),
      identityId: guest.identityId,
      identityPoolId,
      principalTags: {},
      expiration: guest.expiration,
      assumedRoleArn: "arn:aws:sts::123456789012:assumed-role/guest/CognitoIdentityCredentials",
      issuedBy: "GetCredentialsForIdentity",
    });

    // A user-pool user whose token's custom:dept matches the rule: the rule's role, the tags from the claims.
    const asUser = (sub: string, dept: string) =>
      fromCognitoIdentityPool({
        identityPoolId,
        logins: { [USER_POOL]: testToken(USER_POOL, { sub, aud: CLIENT_ID, "custom:dept": dept }) },
        clientConfig,
        cache: freshCache(),
      })();
    const alice = await asUser("alice", "sales");
    expect(alice.identityId).not.toBe(guest.identityId);
    expect(await describeCredentials(alice.accessKeyId)).toEqual({
      roleArn: role("sales"),
      identityId: alice.identityId,
      identityPoolId,
      provider: USER_POOL,
      principalTags: { dept: "sales", user: "alice" },
      expiration: alice.expiration,
      assumedRoleArn: "arn:aws:sts::123456789012:assumed-role/sales/CognitoIdentityCredentials",
      issuedBy: "GetCredentialsForIdentity",
    });

    // A user whose claim matches no rule: AuthenticatedRole resolution gives the pool's authenticated role.
    const bob = await asUser("bob", "support");
    expect(await describeCredentials(bob.accessKeyId)).toMatchObject({ roleArn: role("user"), identityId: bob.identityId, provider: USER_POOL, principalTags: { dept: "support", user: "bob" } });

    // Signing in again finds the same identity, with new credentials.
    const again = await asUser("alice", "sales");
    expect(again.identityId).toBe(alice.identityId);
    expect(again.accessKeyId).not.toBe(alice.accessKeyId);

    expect(await describeCredentials("ASIAAAAAAAAAAAAAAAAA")).toBeUndefined();
  });

  it(`OIDC-6, WIRE-22: GetOpenIdToken tokens verify with jose against the fake's keys (${label})`, async () => {
    const { admin, keys } = target();
    const pool = await admin.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "tokens",
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: CLIENT_ID }],
      }),
    );
    const IdentityPoolId = pool.IdentityPoolId!;
    const Logins = { [USER_POOL]: testToken(USER_POOL, { sub: "carol", aud: CLIENT_ID }) };
    const { IdentityId } = await admin.send(new GetIdCommand({ IdentityPoolId, Logins }));
    const { Token } = await admin.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));

    const { payload, protectedHeader } = await jwtVerify(Token!, await keys(), { issuer: OPENID_ISSUER, audience: IdentityPoolId, currentDate: new Date(NOW) });
    expect(protectedHeader).toMatchObject({ alg: "RS512", typ: "JWS" });
    expect(payload).toMatchObject({ sub: IdentityId, amr: ["authenticated", USER_POOL, `${USER_POOL}:CognitoSignIn:carol`] });
    expect(payload.exp! - payload.iat!).toBe(600);

    const guest = await admin.send(new GetIdCommand({ IdentityPoolId }));
    const guestToken = (await admin.send(new GetOpenIdTokenCommand({ IdentityId: guest.IdentityId }))).Token!;
    expect((await jwtVerify(guestToken, await keys(), { issuer: OPENID_ISSUER, currentDate: new Date(NOW) })).payload.amr).toEqual(["unauthenticated"]);

    // A token whose signature was tampered with does not verify.
    const [head, body, signature] = Token!.split(".");
    const tampered = `${head}.${body}.${signature!.startsWith("A") ? "B" : "A"}${signature!.slice(1)}`;
    await expect(jwtVerify(tampered, await keys(), { currentDate: new Date(NOW) })).rejects.toThrow(/signature/);
  });
}

const credentials = { accessKeyId: ACCOUNT, secretAccessKey: "secret" };

describe("identities and credentials through the SDK", () => {
  const fake = createFake({ seed: 11, now: () => NOW });
  credentialsFlow("the in-process fake", () => ({
    clientConfig: { region: REGION, requestHandler: fake.requestHandler },
    admin: new CognitoIdentityClient({ region: REGION, credentials, requestHandler: fake.requestHandler }),
    describeCredentials: async (accessKeyId) => fake.describeCredentials(accessKeyId),
    keys: async () => createLocalJWKSet(fake.jwks()),
  }));

  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 11, now: () => NOW });
  });
  afterAll(async () => {
    await server.close();
  });
  credentialsFlow("the HTTP server", () => ({
    clientConfig: { region: REGION, endpoint: server.url },
    admin: new CognitoIdentityClient({ region: REGION, endpoint: server.url, credentials }),
    describeCredentials: async (accessKeyId) => {
      const response = await fetch(`${server.url}/_model/credentials/${encodeURIComponent(accessKeyId)}`);
      if (response.status === 404) return undefined;
      expect(response.status).toBe(200);
      const json = (await response.json()) as CredentialsDescription & { expiration: number };
      expect(json.expiration).toEqual(expect.any(Number));
      return { ...json, expiration: new Date(json.expiration * 1000) };
    },
    // As a relying party would: discovery first, then the keys it names.
    keys: async () => {
      const configuration = (await (await fetch(`${server.url}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
      return createRemoteJWKSet(new URL(configuration.jwks_uri));
    },
  }));
});
