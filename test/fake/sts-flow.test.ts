// STS through the real SDK (spec/sts.md): the basic (classic) flow, GetId, GetOpenIdToken,
// AssumeRoleWithWebIdentity, GetCallerIdentity, and the developer basic flow, in process and over HTTP.
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
} from "@aws-sdk/client-cognito-identity";
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFake } from "../../src/fake/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";

const ROLE = "arn:aws:iam::123456789012:role/Cognito_appUnauth_Role";
const credentials = { accessKeyId: "123456789012", secretAccessKey: "test" };

interface Clients {
  cognito: CognitoIdentityClient;
  sts: (creds?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => STSClient;
  describe: (accessKeyId: string) => unknown;
}

function flows(name: string, setup: () => Clients) {
  describe(name, () => {
    it("STS-6, STS-10: the basic flow: GetId, GetOpenIdToken, AssumeRoleWithWebIdentity, GetCallerIdentity", async () => {
      const { cognito, sts, describe: view } = setup();
      const pool = await cognito.send(new CreateIdentityPoolCommand({ IdentityPoolName: "basic", AllowUnauthenticatedIdentities: true, AllowClassicFlow: true }));
      const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
      const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId }));
      const assumed = await sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: "web", WebIdentityToken: Token }));
      expect(assumed.SubjectFromWebIdentityToken).toBe(IdentityId);
      expect(assumed.Audience).toBe(pool.IdentityPoolId);
      expect(assumed.AssumedRoleUser?.Arn).toBe("arn:aws:sts::123456789012:assumed-role/Cognito_appUnauth_Role/web");
      expect(assumed.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:web$/);
      expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(assumed.Credentials?.Expiration).toBeInstanceOf(Date);
      expect(view(assumed.Credentials!.AccessKeyId!)).toMatchObject({ roleArn: ROLE, identityId: IdentityId, identityPoolId: pool.IdentityPoolId });
      const me = await sts({
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
        sessionToken: assumed.Credentials!.SessionToken!,
      }).send(new GetCallerIdentityCommand({}));
      expect(me).toMatchObject({ Account: "123456789012", Arn: assumed.AssumedRoleUser?.Arn, UserId: assumed.AssumedRoleUser?.AssumedRoleId });
    });

    it("STS-6: the developer basic flow: GetOpenIdTokenForDeveloperIdentity, AssumeRoleWithWebIdentity", async () => {
      const { cognito, sts } = setup();
      const pool = await cognito.send(
        new CreateIdentityPoolCommand({ IdentityPoolName: "dev", AllowUnauthenticatedIdentities: false, DeveloperProviderName: "login.example" }),
      );
      const dev = await cognito.send(new GetOpenIdTokenForDeveloperIdentityCommand({ IdentityPoolId: pool.IdentityPoolId, Logins: { "login.example": "alice" } }));
      const assumed = await sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: "alice", WebIdentityToken: dev.Token, DurationSeconds: 900 }));
      expect(assumed.SubjectFromWebIdentityToken).toBe(dev.IdentityId);
    });

    it("STS-6: a token not issued by this service, or expired, is refused with STS's errors", async () => {
      const { sts } = setup();
      const forged = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from('{"iss":"https://login.example.com","sub":"u","aud":"a","exp":4102444800}').toString("base64url")}.c2ln`;
      await expect(sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: "session", WebIdentityToken: forged }))).rejects.toMatchObject({
        name: "InvalidIdentityTokenException",
        $metadata: { httpStatusCode: 400 },
      });
      await expect(sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: "session", WebIdentityToken: forged, DurationSeconds: 100 }))).rejects.toMatchObject({
        name: "ValidationError",
        message: "1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      });
    });
  });
}

flows("in process", () => {
  const fake = createFake({ seed: 5, account: "123456789012" });
  return {
    cognito: new CognitoIdentityClient({ region: "us-east-1", credentials, requestHandler: fake.requestHandler }),
    sts: (creds = credentials) => new STSClient({ region: "us-east-1", credentials: creds, requestHandler: fake.requestHandler }),
    describe: (id) => fake.describeCredentials(id),
  };
});

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 6, account: "123456789012" });
});
afterAll(() => server.close());

flows("over HTTP", () => ({
  cognito: new CognitoIdentityClient({ region: "us-east-1", credentials, endpoint: server.url }),
  sts: (creds = credentials) => new STSClient({ region: "us-east-1", credentials: creds, endpoint: server.url }),
  describe: (id) => server.service.describeCredentials(id),
}));
