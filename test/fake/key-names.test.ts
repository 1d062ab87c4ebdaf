// VAL-18 through the real SDK and the in-process fake: principal tags named `__proto__` round-trip,
// and custom providers named constructor, toString or __proto__ behave as one named myprovider.
import {
  CognitoIdentityClient,
  CognitoIdentityServiceException,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  GetPrincipalTagAttributeMapCommand,
  LookupDeveloperIdentityCommand,
  SetIdentityPoolRolesCommand,
  SetPrincipalTagAttributeMapCommand,
} from "@aws-sdk/client-cognito-identity";
import { describe, expect, it } from "vitest";
import { createFake, type Fake } from "../../src/fake/index.js";
import { testLogin, testToken, userPoolProviderName } from "../../src/model/index.js";
import { unsignedJwt } from "../../src/model/jwt.js";
import { ACCOUNT, REGION } from "./sdk-suite.js";

const NOW = Date.parse("2024-05-20T22:14:23Z");
const AUTH_ROLE = `arn:aws:iam::${ACCOUNT}:role/authenticated`;
const USER_POOL_ID = "us-east-1_Example";
const CLIENT_ID = "client1";
const OPENID = "cognito-identity.amazonaws.com";

/** A record with exactly these own entries, `__proto__` included. */
const recordOf = <V>(entries: [string, V][]) => Object.fromEntries(entries) as Record<string, V>;

function setup(): { fake: Fake; sdk: CognitoIdentityClient } {
  const fake = createFake({ seed: 9, now: () => NOW });
  const sdk = new CognitoIdentityClient({ region: REGION, credentials: { accessKeyId: ACCOUNT, secretAccessKey: "s" }, requestHandler: fake.requestHandler });
  return { fake, sdk };
}

async function credentialsTags(fake: Fake, sdk: CognitoIdentityClient, identityId: string, logins: Record<string, string>) {
  const credentials = await sdk.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: logins }));
  return fake.describeCredentials(credentials.Credentials!.AccessKeyId!)!.principalTags;
}

describe("principal tags named __proto__, through the SDK", () => {
  it("VAL-18: a __proto__ principal tag of a user-pool map is answered and reaches describeCredentials", async () => {
    const { fake, sdk } = setup();
    const provider = userPoolProviderName(USER_POOL_ID);
    const pool = await sdk.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: provider, ClientId: CLIENT_ID }] }),
    );
    const poolId = pool.IdentityPoolId!;
    await sdk.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: AUTH_ROLE } }));
    const tags = recordOf([["__proto__", "custom:dept"], ["constructor", "sub"]]);
    const set = await sdk.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: provider, PrincipalTags: tags }));
    expect(JSON.stringify(set.PrincipalTags)).toBe('{"__proto__":"custom:dept","constructor":"sub"}');
    const got = await sdk.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: poolId, IdentityProviderName: provider }));
    expect(JSON.stringify(got.PrincipalTags)).toBe('{"__proto__":"custom:dept","constructor":"sub"}');
    const logins = testLogin.userPool(USER_POOL_ID, CLIENT_ID, "alice", { "custom:dept": "eng" });
    const { IdentityId } = await sdk.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins }));
    expect(JSON.stringify(await credentialsTags(fake, sdk, IdentityId!, logins))).toBe('{"__proto__":"eng","constructor":"alice"}');
  });

  it("VAL-18: developer PrincipalTags named __proto__ are session tags of the token and of its credentials", async () => {
    const { fake, sdk } = setup();
    const pool = await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, DeveloperProviderName: "login.example" }));
    const poolId = pool.IdentityPoolId!;
    await sdk.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: AUTH_ROLE } }));
    const issued = await sdk.send(
      new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: { "login.example": "dev-1" }, PrincipalTags: recordOf([["__proto__", "v1"], ["k", "v2"]]) }),
    );
    const claims = JSON.parse(Buffer.from(issued.Token!.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
    expect(JSON.stringify(claims["https://aws.amazon.com/tags"])).toBe('{"principal_tags":{"__proto__":["v1"],"k":["v2"]}}');
    expect(JSON.stringify(await credentialsTags(fake, sdk, issued.IdentityId!, { [OPENID]: issued.Token! }))).toBe('{"__proto__":"v1","k":"v2"}');
  });
});

/** What the SDK sees of a custom provider named `name`, the name replaced so that two names compare. */
async function customProviderTranscript(name: string): Promise<unknown[]> {
  const { fake, sdk } = setup();
  const out: unknown[] = [];
  const record = (value: unknown) => out.push(JSON.parse(JSON.stringify(value).split(name).join("<name>")));
  const answer = async <T extends { $metadata: unknown }>(call: Promise<T>) => {
    try {
      const { $metadata: _, ...rest } = await call;
      return rest;
    } catch (error) {
      if (!(error instanceof CognitoIdentityServiceException)) throw error;
      return { error: error.name, message: error.message };
    }
  };
  const pool = await sdk.send(
    new CreateIdentityPoolCommand({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, SupportedLoginProviders: recordOf([[name, "app"]]), DeveloperProviderName: name }),
  );
  const poolId = pool.IdentityPoolId!;
  record(pool.SupportedLoginProviders);
  record(await answer(sdk.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { authenticated: AUTH_ROLE } }))));
  const tokens = [
    testToken(name, { sub: "u1", aud: "app" }),
    unsignedJwt({ alg: "none" }, { iss: `https://${name}`, sub: "u1", aud: "app", exp: 4_102_444_800 }),
    testToken(name, { sub: "u1", aud: "wrong-app" }),
  ];
  for (const token of tokens) {
    const logins = recordOf([[name, token]]);
    const got = await answer(sdk.send(new GetIdCommand({ IdentityPoolId: poolId, Logins: logins })));
    record(got);
    if (!("IdentityId" in got)) continue;
    const credentials = await sdk.send(new GetCredentialsForIdentityCommand({ IdentityId: got.IdentityId, Logins: logins }));
    record(fake.describeCredentials(credentials.Credentials!.AccessKeyId!));
  }
  const developer = await answer(sdk.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: poolId, Logins: recordOf([[name, "dev-1"]]) })));
  record("IdentityId" in developer ? developer.IdentityId : developer);
  record(await answer(sdk.send(new LookupDeveloperIdentityCommand({ IdentityPoolId: poolId, DeveloperUserIdentifier: "dev-1" }))));
  return out;
}

describe("custom providers named like Object.prototype members, through the SDK", () => {
  it("VAL-18: providers named constructor, toString and __proto__ accept and refuse the tokens myprovider does", async () => {
    const expected = await customProviderTranscript("myprovider");
    expect(expected.filter((entry) => typeof entry === "object" && entry !== null && "error" in entry)).toHaveLength(1);
    for (const name of ["constructor", "toString", "__proto__"]) expect(await customProviderTranscript(name), name).toEqual(expected);
  });
});
