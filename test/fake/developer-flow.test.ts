// The developer-authenticated flow through the real SDK, in-process and over HTTP: a token for user A,
// credentials with that token, lookup, merge B into A, B's old identity refused as disabled, unlink,
// B is new (spec/operations/*DeveloperIdentit*.md, rules DEV-n).
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityCommand,
  DeveloperUserAlreadyRegisteredException,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  ListIdentitiesCommand,
  LookupDeveloperIdentityCommand,
  MergeDeveloperIdentitiesCommand,
  NotAuthorizedException,
  ResourceConflictException,
  ResourceNotFoundException,
  SetIdentityPoolRolesCommand,
  UnlinkDeveloperIdentityCommand,
} from "@aws-sdk/client-cognito-identity";
import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFake } from "../../src/fake/index.js";
import type { Service } from "../../src/fake/service.js";
import { describeCredentials, OPENID_ISSUER, openIdJwks } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { ACCOUNT, expectAwsError, REGION, thrown } from "./sdk-suite.js";

const NOW = Date.parse("2024-05-20T22:14:23Z");
const DEV = "login.mycompany.myapp";
const AUTH_ROLE = `arn:aws:iam::${ACCOUNT}:role/developer-users`;
const OPENID = "cognito-identity.amazonaws.com";

interface FlowTarget {
  client: CognitoIdentityClient;
  service: Service;
}

function developerFlow(label: string, target: () => FlowTarget): void {
  it(`DEV-4, DEV-12, DEV-15, DEV-20, DEV-24: the developer flow through the SDK against ${label}`, async () => {
    const { client: sdk, service } = target();
    const pool = await sdk.send(new CreateIdentityPoolCommand({ IdentityPoolName: "developer app", AllowUnauthenticatedIdentities: false, DeveloperProviderName: DEV }));
    const IdentityPoolId = pool.IdentityPoolId!;
    expect(pool.DeveloperProviderName).toBe(DEV);
    await sdk.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { authenticated: AUTH_ROLE } }));

    // A token for user A, with principal tags and a one-hour lifetime.
    const forA = await sdk.send(
      new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEV]: "alice" }, PrincipalTags: { tenant: "acme" }, TokenDuration: 3600 }),
    );
    const a = forA.IdentityId!;
    const { payload } = await jwtVerify(forA.Token!, createLocalJWKSet(openIdJwks(service.state) as never), {
      issuer: OPENID_ISSUER,
      audience: IdentityPoolId,
      currentDate: new Date(NOW),
    });
    expect(payload).toMatchObject({
      sub: a,
      amr: ["authenticated", DEV, `${DEV}:${IdentityPoolId}:alice`],
      "https://aws.amazon.com/tags": { principal_tags: { tenant: ["acme"] } },
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect((await sdk.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEV]: "alice" } }))).IdentityId).toBe(a);

    // Credentials with that token: the authenticated role, the principal tags.
    const creds = await sdk.send(new GetCredentialsForIdentityCommand({ IdentityId: a, Logins: { [OPENID]: forA.Token! } }));
    expect(creds.IdentityId).toBe(a);
    expect(creds.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.Credentials!.Expiration).toEqual(new Date(NOW + 3_600_000));
    expect(describeCredentials(service.state, creds.Credentials!.AccessKeyId!)).toMatchObject({ roleArn: AUTH_ROLE, identityId: a, principalTags: { tenant: "acme" } });
    expect((await sdk.send(new GetOpenIdTokenCommand({ IdentityId: a, Logins: { [OPENID]: forA.Token! } }))).IdentityId).toBe(a);
    expectAwsError(
      await thrown(sdk.send(new GetCredentialsForIdentityCommand({ IdentityId: a }))),
      NotAuthorizedException,
      "NotAuthorizedException",
      "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    );

    // Lookup, both ways.
    expect(await sdk.send(new LookupDeveloperIdentityCommand({ IdentityPoolId, DeveloperUserIdentifier: "alice" }))).toMatchObject({
      IdentityId: a,
      DeveloperUserIdentifierList: ["alice"],
    });
    expectAwsError(
      await thrown(sdk.send(new LookupDeveloperIdentityCommand({ IdentityPoolId, DeveloperUserIdentifier: "bob" }))),
      ResourceNotFoundException,
      "ResourceNotFoundException",
      "Developer user identifier 'bob' not found.",
    );

    // User B, then B merged into A.
    const forB = await sdk.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEV]: "bob" } }));
    const b = forB.IdentityId!;
    expect(b).not.toBe(a);
    expectAwsError(
      await thrown(sdk.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, IdentityId: a, Logins: { [DEV]: "bob" } }))),
      DeveloperUserAlreadyRegisteredException,
      "DeveloperUserAlreadyRegisteredException",
      "The provided developer user identifier is already registered with Cognito under a different identity ID.",
    );
    expectAwsError(
      await thrown(sdk.send(new LookupDeveloperIdentityCommand({ IdentityPoolId, IdentityId: a, DeveloperUserIdentifier: "bob" }))),
      ResourceConflictException,
      "ResourceConflictException",
      `Developer user identifier 'bob' is not linked to identity '${a}'.`,
    );
    const merged = await sdk.send(
      new MergeDeveloperIdentitiesCommand({ IdentityPoolId, DeveloperProviderName: DEV, SourceUserIdentifier: "bob", DestinationUserIdentifier: "alice" }),
    );
    expect(merged.IdentityId).toBe(a);
    const page1 = await sdk.send(new LookupDeveloperIdentityCommand({ IdentityPoolId, IdentityId: a, MaxResults: 1 }));
    expect(page1.DeveloperUserIdentifierList).toEqual(["alice"]);
    const page2 = await sdk.send(new LookupDeveloperIdentityCommand({ IdentityPoolId, IdentityId: a, MaxResults: 1, NextToken: page1.NextToken }));
    expect(page2.DeveloperUserIdentifierList).toEqual(["bob"]);
    expect(page2.NextToken).toBeUndefined();
    expect((await sdk.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEV]: "bob" } }))).IdentityId).toBe(a);

    // B's old identity is disabled: refused, listed only without HideDisabled, described without logins.
    expectAwsError(
      await thrown(sdk.send(new GetCredentialsForIdentityCommand({ IdentityId: b, Logins: { [OPENID]: forB.Token! } }))),
      NotAuthorizedException,
      "NotAuthorizedException",
      `Access to Identity '${b}' is forbidden.`,
    );
    const described = await sdk.send(new DescribeIdentityCommand({ IdentityId: b }));
    expect(described.Logins).toBeUndefined();
    expect((await sdk.send(new DescribeIdentityCommand({ IdentityId: a }))).Logins).toEqual([DEV]);
    const visible = await sdk.send(new ListIdentitiesCommand({ IdentityPoolId, MaxResults: 60, HideDisabled: true }));
    expect(visible.Identities!.map((i) => i.IdentityId)).toEqual([a]);
    expect(JSON.stringify(visible)).not.toMatch(/alice|bob/);

    // Unlink bob: A keeps alice; bob is a new identity next time.
    expect(
      await sdk.send(new UnlinkDeveloperIdentityCommand({ IdentityPoolId, IdentityId: a, DeveloperProviderName: DEV, DeveloperUserIdentifier: "bob" })),
    ).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect((await sdk.send(new LookupDeveloperIdentityCommand({ IdentityPoolId, IdentityId: a }))).DeveloperUserIdentifierList).toEqual(["alice"]);
    const again = await sdk.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { [DEV]: "bob" } }));
    expect(again.IdentityId).not.toBe(a);
    expect(again.IdentityId).not.toBe(b);
    expect((await sdk.send(new LookupDeveloperIdentityCommand({ IdentityPoolId, DeveloperUserIdentifier: "bob" }))).IdentityId).toBe(again.IdentityId);

    // Unlinking alice, A's last login, disables A.
    await sdk.send(new UnlinkDeveloperIdentityCommand({ IdentityPoolId, IdentityId: a, DeveloperProviderName: DEV, DeveloperUserIdentifier: "alice" }));
    expectAwsError(
      await thrown(sdk.send(new GetCredentialsForIdentityCommand({ IdentityId: a, Logins: { [OPENID]: forA.Token! } }))),
      NotAuthorizedException,
      "NotAuthorizedException",
      `Access to Identity '${a}' is forbidden.`,
    );
    // The developer provider name is not a login of the public operations. (GetId is sent unsigned by the
    // SDK, so it names the account: WIRE-12 gives unsigned requests the default account.)
    expectAwsError(
      await thrown(sdk.send(new GetIdCommand({ IdentityPoolId, AccountId: ACCOUNT, Logins: { [DEV]: "alice" } }))),
      NotAuthorizedException,
      "NotAuthorizedException",
      `Identity pool - ${IdentityPoolId} does not have identity providers configured.`,
    );
    expectAwsError(
      await thrown(sdk.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId, Logins: { "login.other": "alice" } }))),
      NotAuthorizedException,
      "NotAuthorizedException",
      "This identity pool does not support the specified developer provider",
    );
  });
}

const credentials = { accessKeyId: ACCOUNT, secretAccessKey: "secret" };

describe("developer-authenticated identities through the SDK", () => {
  const fake = createFake({ seed: 7, now: () => NOW });
  developerFlow("the in-process fake", () => ({
    client: new CognitoIdentityClient({ region: REGION, credentials, requestHandler: fake.requestHandler }),
    service: fake.service,
  }));

  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 7, now: () => NOW });
  });
  afterAll(async () => {
    await server.close();
  });
  developerFlow("the HTTP server", () => ({
    client: new CognitoIdentityClient({ region: REGION, endpoint: server.url, credentials }),
    service: server.service,
  }));
});
