// The builders of common setups, in process and over HTTP: what each makes is what the fake then
// answers (roles by rules, developer users, test tokens).
import { CognitoIdentityClient, DescribeIdentityPoolCommand, GetCredentialsForIdentityCommand, GetIdCommand, GetIdentityPoolRolesCommand } from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFake } from "../../src/fake/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { developerSetup, guestPool, roleRules, testClientConfig, testRole, userPoolSetup } from "../../src/testing/index.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(() => server.close(100));

const targets = {
  "in process": () => {
    const fake = createFake({ seed: 9 });
    return { client: new CognitoIdentityClient(testClientConfig(fake)), describeCredentials: (id: string) => fake.describeCredentials(id) };
  },
  "over HTTP": () => {
    server.service.reset();
    return { client: new CognitoIdentityClient(testClientConfig(server)), describeCredentials: (id: string) => server.service.describeCredentials(id) };
  },
};

describe.each(Object.entries(targets))("builders, %s", (_name, target) => {
  it("a guest pool has its two roles; a user-pool setup's rules give users their roles by claim", async () => {
    const { client, describeCredentials } = target();
    const guests = await guestPool(client, { name: "guests" });
    expect(await client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: guests.IdentityPoolId }))).toMatchObject({
      Roles: { unauthenticated: testRole("guest"), authenticated: testRole("authenticated") },
    });

    const admins = testRole("admins");
    const users = await userPoolSetup(client, { rules: [{ claim: "custom:team", value: "admins", roleArn: admins }] });
    expect((await client.send(new DescribeIdentityPoolCommand({ IdentityPoolId: users.IdentityPoolId }))).CognitoIdentityProviders).toEqual([
      { ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool", ClientId: "testclient", ServerSideTokenCheck: false },
    ]);
    const roleOf = async (logins: Record<string, string>) => {
      const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: users.IdentityPoolId, Logins: logins }));
      const { Credentials } = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
      return describeCredentials(Credentials!.AccessKeyId!)?.roleArn;
    };
    expect(await roleOf(users.logins("alice", { "custom:team": "admins" }))).toBe(admins);
    expect(await roleOf({ [users.providerName]: users.token("bob") })).toBe(users.roles.authenticated);
  });

  it("a developer setup signs its users in: one identity per user, a token each time", async () => {
    const { client } = target();
    const dev = await developerSetup(client);
    const first = await dev.user("alice");
    const again = await dev.user("alice");
    const other = await dev.user("bob");
    expect(again.IdentityId).toBe(first.IdentityId);
    expect(other.IdentityId).not.toBe(first.IdentityId);
    expect(first.Token.split(".")).toHaveLength(3);
  });
});

describe("roleRules", () => {
  it("makes a Rules mapping, Equals by default, the authenticated role when no rule matches", () => {
    expect(roleRules([{ claim: "groups", value: "a", roleArn: "arn:aws:iam::123456789012:role/a", match: "Contains" }, { claim: "sub", value: "x", roleArn: "arn:aws:iam::123456789012:role/x" }], "Deny")).toEqual({
      Type: "Rules",
      AmbiguousRoleResolution: "Deny",
      RulesConfiguration: {
        Rules: [
          { Claim: "groups", MatchType: "Contains", Value: "a", RoleARN: "arn:aws:iam::123456789012:role/a" },
          { Claim: "sub", MatchType: "Equals", Value: "x", RoleARN: "arn:aws:iam::123456789012:role/x" },
        ],
      },
    });
  });
});
