// The vitest examples of docs/using-the-fake.md, run as they are written (only the import
// of the package is pointed at the source). The last test keeps the page and this file in step.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  ListIdentityPoolsCommand,
  ResourceNotFoundException,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFake, startServer, testLogin, type RunningServer } from "../../src/index.js";

describe("identity pools, in process", () => {
  const fake = createFake({ seed: 1 });
  const client = new CognitoIdentityClient({
    region: "us-east-1",
    credentials: { accessKeyId: "123456789012", secretAccessKey: "test" },
    requestHandler: fake.requestHandler,
  });

  beforeEach(() => fake.reset());

  it("creates a pool and describes it", async () => {
    const created = await client.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: "my app", AllowUnauthenticatedIdentities: true }),
    );
    expect(created.IdentityPoolId).toMatch(/^us-east-1:/);

    const described = await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId }));
    expect(described.IdentityPoolName).toBe("my app");
  });

  it("fails as AWS fails", async () => {
    const missing = client.send(
      new DescribeIdentityPoolCommand({ IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" }),
    );
    await expect(missing).rejects.toThrow(ResourceNotFoundException);
    await expect(missing).rejects.toMatchObject({
      message: "IdentityPool 'us-east-1:00000000-0000-4000-8000-000000000000' not found.",
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe("identity pools, over HTTP", () => {
  let server: RunningServer;
  let client: CognitoIdentityClient;

  beforeAll(async () => {
    server = await startServer({ port: 0, seed: 1 });
    client = new CognitoIdentityClient({
      region: "us-east-1",
      endpoint: server.url,
      credentials: { accessKeyId: "123456789012", secretAccessKey: "test" },
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.service.reset());

  it("lists what it created", async () => {
    await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "one", AllowUnauthenticatedIdentities: false }));
    const listed = await client.send(new ListIdentityPoolsCommand({ MaxResults: 10 }));
    expect(listed.IdentityPools?.map((pool) => pool.IdentityPoolName)).toEqual(["one"]);
  });
});

describe("identities and credentials, in process", () => {
  const fake = createFake({ seed: 1 });
  const client = new CognitoIdentityClient({
    region: "us-east-1",
    credentials: { accessKeyId: "123456789012", secretAccessKey: "test" },
    requestHandler: fake.requestHandler,
  });
  const userPool = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example";
  const alice = testLogin.userPool("us-east-1_Example", "webclient", "alice", { "cognito:groups": ["admins"] });
  let identityPoolId: string;

  beforeEach(async () => {
    fake.reset();
    const pool = await client.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: "my app",
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: userPool, ClientId: "webclient" }],
      }),
    );
    identityPoolId = pool.IdentityPoolId!;
    await client.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: identityPoolId,
        Roles: {
          unauthenticated: "arn:aws:iam::123456789012:role/guest",
          authenticated: "arn:aws:iam::123456789012:role/user",
        },
        RoleMappings: {
          [`${userPool}:webclient`]: {
            Type: "Rules",
            AmbiguousRoleResolution: "AuthenticatedRole",
            RulesConfiguration: {
              Rules: [{ Claim: "cognito:groups", MatchType: "Contains", Value: "admins", RoleARN: "arn:aws:iam::123456789012:role/admin" }],
            },
          },
        },
      }),
    );
  });

  it("finds a user's identity with a test token", async () => {
    const first = await client.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: alice }));
    const again = await client.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: alice }));
    expect(again.IdentityId).toBe(first.IdentityId);
  });

  it("gives a user credentials for the role the rules choose", async () => {
    const credentials = await fromCognitoIdentityPool({
      identityPoolId,
      logins: alice,
      clientConfig: { region: "us-east-1", requestHandler: fake.requestHandler },
    })();
    expect(fake.describeCredentials(credentials.accessKeyId)).toMatchObject({
      roleArn: "arn:aws:iam::123456789012:role/admin",
      identityId: credentials.identityId,
      provider: userPool,
    });
  });

  it("gives a guest the unauthenticated role", async () => {
    const credentials = await fromCognitoIdentityPool({
      identityPoolId,
      clientConfig: { region: "us-east-1", requestHandler: fake.requestHandler },
      // The provider remembers guest identity ids per pool id for the whole process; after a reset
      // the fake gives the same pool id but has no such identity, so don't let it remember.
      cache: { getItem: () => null, setItem: () => {}, removeItem: () => {} },
    })();
    expect(fake.describeCredentials(credentials.accessKeyId)?.roleArn).toBe("arn:aws:iam::123456789012:role/guest");
  });

  it("refuses the basic flow where AWS does: this pool has role mappings", async () => {
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: alice }));
    await expect(client.send(new GetOpenIdTokenCommand({ IdentityId, Logins: alice }))).rejects.toThrow(
      "Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.",
    );
  });

  it("issues OpenID tokens that verify with the fake's keys", async () => {
    const basic = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "basic flow", AllowUnauthenticatedIdentities: true }));
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: basic.IdentityPoolId }));
    const { Token } = await client.send(new GetOpenIdTokenCommand({ IdentityId }));
    const { payload } = await jwtVerify(Token!, createLocalJWKSet(fake.jwks()), {
      issuer: "https://cognito-identity.amazonaws.com",
      audience: basic.IdentityPoolId,
    });
    expect(payload.sub).toBe(IdentityId);
  });
});

describe("docs/using-the-fake.md", () => {
  it("its vitest examples are the ones above", () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const page = readFileSync(join(here, "../../docs/using-the-fake.md"), "utf8");
    const source = readFileSync(fileURLToPath(import.meta.url), "utf8");
    const examples = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((code) => code.includes('from "vitest"'));
    expect(examples).toHaveLength(3);
    for (const example of examples) {
      // The bodies (from the first `describe`) must appear here verbatim.
      const body = example.slice(example.indexOf("describe("));
      expect(source).toContain(body);
    }
  });
});
