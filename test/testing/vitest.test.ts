// cognito-identity-model/vitest: the fixtures give each test a fresh fake, a client of it and a guest
// pool; the worker's server is shared and reset; the matchers are registered.
import { GetCredentialsForIdentityCommand, GetIdCommand, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";
import { describe, expect } from "vitest";
import { cognitoTest, test } from "../../src/testing/vitest.js";
import { modelAdmin, sharedServer, testClientConfig } from "../../src/testing/index.js";
import { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";

describe("the vitest fixtures", () => {
  let previous: unknown;

  test("HIST-5: a test gets a fake with a guest pool and an empty history", async ({ fake, client, pool, cognito }) => {
    expect(fake.calls).toEqual([]);
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
    const credentials = await fromCognitoIdentityPool({ identityPoolId: pool.IdentityPoolId, clientConfig: cognito.clientConfig })();
    expect(fake.describeCredentials(credentials.accessKeyId)?.roleArn).toBe(pool.roles.unauthenticated);
    expect(fake).toHaveReceivedCommandWith(GetIdCommand, { IdentityPoolId: pool.IdentityPoolId });
    expect(fake).toHaveReceivedCommand(GetCredentialsForIdentityCommand);
    expect(IdentityId).toMatch(/^us-east-1:/);
    previous = fake;
  });

  test("HIST-5: the next test gets another fake", async ({ fake, client }) => {
    expect(fake).not.toBe(previous);
    const { IdentityPools } = await client.send(new ListIdentityPoolsCommand({ MaxResults: 10 }));
    expect(IdentityPools).toHaveLength(1);
  });

  test("HIST-6: the worker's server is the one sharedServer gives, reset for the test", async ({ cognitoServer }) => {
    expect(cognitoServer).toBe(await sharedServer());
    const client = new CognitoIdentityClient(testClientConfig(cognitoServer));
    await client.send(new ListIdentityPoolsCommand({ MaxResults: 1 }));
    expect(await modelAdmin(cognitoServer.url).calls()).toHaveReceivedCommandOnce(ListIdentityPoolsCommand);
  });

  test("HIST-6: the next test finds the server's history empty", async ({ cognitoServer }) => {
    expect(await modelAdmin(cognitoServer.url).calls()).toEqual([]);
  });

  const seeded = cognitoTest({ fake: { seed: 42 }, client: { maxAttempts: 1 }, pool: { name: "mine" } });
  seeded("HIST-5: cognitoTest makes the testbeds with its options", async ({ fake, client, pool }) => {
    expect(fake.service.seed).toBe(42);
    expect(await client.config.maxAttempts()).toBe(1);
    expect(fake.export().pools?.map((p) => p.IdentityPoolName)).toEqual(["mine"]);
    expect(pool.IdentityPoolId).toMatch(/^us-east-1:/);
  });
});
