// IAM-7..IAM-11 through the real SDKs: registered roles whose trust policies decide, in process and
// over HTTP; the registry replaced through the fake and the admin route; roles dumped from moto's IAM
// with the AWS CLI. With CIM_REQUIRE_PEERS=1 (CI) a missing moto or AWS CLI is a failure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { motoVersion, startMoto, type MotoServer } from "../../src/conformance/moto-server.js";
import { createFake, type Fake } from "../../src/fake/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { dgPolicy, role } from "../model/iam/trust-fixtures.js";
import { announce, missingPeer, peerEnv } from "../peers/peers.js";

const credentials = { accessKeyId: "123456789012", secretAccessKey: "test" };
const UNAUTH_ROLE = "arn:aws:iam::123456789012:role/guests";
const OTHER_POOL = "us-east-1:00000000-0000-4000-8000-000000000000";
const INVALID_CONFIG = "Invalid identity pool configuration. Check assigned IAM roles for this pool.";

async function guestPool(cognito: CognitoIdentityClient): Promise<{ poolId: string; identityId: string }> {
  const pool = await cognito.send(new CreateIdentityPoolCommand({ IdentityPoolName: "guests", AllowUnauthenticatedIdentities: true, AllowClassicFlow: true }));
  await cognito.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: pool.IdentityPoolId, Roles: { unauthenticated: UNAUTH_ROLE } }));
  const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
  return { poolId: pool.IdentityPoolId!, identityId: IdentityId! };
}

function trustFlows(name: string, setup: () => { fake: Fake; cognito: CognitoIdentityClient; sts: STSClient; replaceRoles: (roles: unknown) => Promise<void> }) {
  describe(name, () => {
    it("IAM-9: a registered role that trusts another pool: GetCredentialsForIdentity fails as AWS does; the right one succeeds", async () => {
      const { fake, cognito, replaceRoles } = setup();
      const { poolId, identityId } = await guestPool(cognito);
      await replaceRoles({ Roles: [role("guests", dgPolicy(OTHER_POOL, "unauthenticated"))] });
      await expect(cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId }))).rejects.toMatchObject({
        name: "InvalidIdentityPoolConfigurationException",
        message: INVALID_CONFIG,
        $metadata: { httpStatusCode: 400 },
      });
      await replaceRoles({ Roles: [role("guests", dgPolicy(poolId, "unauthenticated"))] });
      const { Credentials } = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId }));
      expect(fake.describeCredentials(Credentials!.AccessKeyId!)).toMatchObject({ roleArn: UNAUTH_ROLE, identityId });
    });

    it("IAM-9: the basic flow: AssumeRoleWithWebIdentity for a role that trusts another pool is AccessDenied (403)", async () => {
      const { cognito, sts, replaceRoles } = setup();
      const { poolId, identityId } = await guestPool(cognito);
      const { Token } = await cognito.send(new GetOpenIdTokenCommand({ IdentityId: identityId }));
      await replaceRoles([role("guests", dgPolicy(OTHER_POOL, "unauthenticated"))]);
      const assume = () => sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: UNAUTH_ROLE, RoleSessionName: "web", WebIdentityToken: Token }));
      await expect(assume()).rejects.toMatchObject({
        name: "AccessDenied",
        message: "Not authorized to perform sts:AssumeRoleWithWebIdentity",
        $metadata: { httpStatusCode: 403 },
      });
      await replaceRoles([role("guests", dgPolicy(poolId, "unauthenticated"))]);
      expect((await assume()).AssumedRoleUser?.Arn).toBe("arn:aws:sts::123456789012:assumed-role/guests/web");
    });
  });
}

trustFlows("in process", () => {
  const fake = createFake({ seed: 21, account: "123456789012" });
  return {
    fake,
    cognito: new CognitoIdentityClient({ region: "us-east-1", credentials, requestHandler: fake.requestHandler }),
    sts: new STSClient({ region: "us-east-1", credentials, requestHandler: fake.requestHandler }),
    replaceRoles: async (roles) => fake.setIamRoles(roles),
  };
});

let server: RunningServer;
let serverFake: Fake;
beforeAll(async () => {
  serverFake = createFake({ seed: 22, account: "123456789012" });
  server = await startServer({ port: 0, service: serverFake.service });
});
afterAll(async () => {
  await server.close();
});

trustFlows("over HTTP, the registry replaced through PUT /_model/iam/roles", () => ({
  fake: serverFake,
  cognito: new CognitoIdentityClient({ region: "us-east-1", credentials, endpoint: server.url }),
  sts: new STSClient({ region: "us-east-1", credentials, endpoint: server.url }),
  replaceRoles: async (roles) => {
    const response = await fetch(`${server.url}/_model/iam/roles`, { method: "PUT", body: JSON.stringify(roles) });
    expect(response.status).toBe(200);
  },
}));

describe("the registry", () => {
  it("IAM-9: on the wire the refusal is AWS's: 400, its error type, 143 bytes", async () => {
    const { poolId, identityId } = await guestPool(new CognitoIdentityClient({ region: "us-east-1", credentials, endpoint: server.url }));
    serverFake.setIamRoles([role("guests", dgPolicy(`${poolId}x`, "unauthenticated"))]);
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityService.GetCredentialsForIdentity" },
      body: JSON.stringify({ IdentityId: identityId }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe("InvalidIdentityPoolConfigurationException:");
    expect(response.headers.get("content-length")).toBe("143");
    expect(await response.json()).toEqual({ __type: "InvalidIdentityPoolConfigurationException", message: INVALID_CONFIG });
  });

  it("IAM-7: createFake({ iamRoles }) takes list-roles output, keeps it across reset and snapshots; bad roles are refused, changing nothing", async () => {
    const fake = createFake({ iamRoles: { Roles: [role("guests", dgPolicy(OTHER_POOL, "unauthenticated"))] }, strictRoles: true });
    expect(fake.iamRoles().Roles.map((r) => r.Arn)).toEqual([UNAUTH_ROLE]);
    fake.reset();
    expect(fake.iamRoles().Roles).toHaveLength(1);
    const snapshot = JSON.parse(JSON.stringify(fake.snapshot()));
    const other = createFake();
    other.restore(snapshot);
    expect(other.iamRoles()).toEqual(fake.iamRoles());
    expect(() => fake.setIamRoles({ Roles: [{ Arn: "nope" }] })).toThrow("cannot register roles: role 1: nope is not a role ARN");
    expect(fake.iamRoles().Roles).toHaveLength(1);
    expect(() => createFake({ iamRoles: "roles.json" })).toThrow(/^iamRoles: expected the output of `aws iam list-roles`/);
    const broken = JSON.parse(JSON.stringify(snapshot));
    broken.state.config.iam.roles[0].AssumeRolePolicyDocument = { Statement: [{ Effect: "Maybe" }] };
    expect(() => other.restore(broken)).toThrow(/^cannot restore: snapshot\.state\.config\.iam\.roles: role 1 .*Effect must be/);
  });

  it("IAM-7: the admin route answers the roles as list-roles does, and refuses what is not roles with 400, changing nothing", async () => {
    serverFake.setIamRoles([role("guests", dgPolicy(OTHER_POOL, "unauthenticated"))]);
    const got = await fetch(`${server.url}/_model/iam/roles`);
    expect(await got.json()).toEqual({ Roles: [{ RoleName: "guests", Arn: UNAUTH_ROLE, MaxSessionDuration: 3600, AssumeRolePolicyDocument: dgPolicy(OTHER_POOL, "unauthenticated") }] });
    for (const body of ["{", JSON.stringify({ Roles: [{ Arn: UNAUTH_ROLE }] })]) {
      const put = await fetch(`${server.url}/_model/iam/roles`, { method: "PUT", body });
      expect(put.status).toBe(400);
      expect(((await put.json()) as { error: string }).error).toMatch(/^(the body is not JSON|role 1 \(arn:aws:iam::123456789012:role\/guests\) has no AssumeRolePolicyDocument)$/);
    }
    expect(serverFake.iamRoles().Roles).toHaveLength(1);
  });
});

const awsCli = announce(missingPeer("aws", ["--version"], "the AWS CLI"));
const motoInstalled = await motoVersion();
const motoPeer = announce(motoInstalled ? undefined : "moto's server mode is not installed (pip install 'moto[server]')");
let moto: MotoServer | undefined;

describe("roles dumped from moto's IAM with the AWS CLI", () => {
  beforeAll(async () => {
    if (motoInstalled && !awsCli.skip) moto = await startMoto();
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
  });

  it.skipIf(awsCli.skip || motoPeer.skip)("IAM-7: aws iam list-roles output registers as it is, and its trust policies decide", async () => {
    awsCli.check();
    motoPeer.check();
    const fake = createFake({ seed: 23, account: "123456789012" });
    const cognito = new CognitoIdentityClient({ region: "us-east-1", credentials, requestHandler: fake.requestHandler });
    const { poolId, identityId } = await guestPool(cognito);
    const dir = mkdtempSync(join(tmpdir(), "cim-iam-"));
    const aws = (...args: string[]) => {
      const run = spawnSync("aws", [...args, "--endpoint-url", moto!.url, "--output", "json"], { encoding: "utf8", env: peerEnv(), timeout: 60_000 });
      if (run.status !== 0) throw new Error(`aws ${args.join(" ")}: ${run.stderr}`);
      return run.stdout;
    };
    writeFileSync(join(dir, "trust.json"), JSON.stringify(dgPolicy(poolId, "unauthenticated")));
    writeFileSync(join(dir, "other.json"), JSON.stringify(dgPolicy(OTHER_POOL, "unauthenticated")));
    aws("iam", "create-role", "--role-name", "guests", "--assume-role-policy-document", `file://${join(dir, "other.json")}`);
    const listed = JSON.parse(aws("iam", "list-roles")) as { Roles: { Arn: string }[] };
    fake.setIamRoles(listed);
    expect(fake.iamRoles().Roles.map((r) => r.Arn)).toEqual([UNAUTH_ROLE]);
    await expect(cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId }))).rejects.toMatchObject({ name: "InvalidIdentityPoolConfigurationException" });
    aws("iam", "update-assume-role-policy", "--role-name", "guests", "--policy-document", `file://${join(dir, "trust.json")}`);
    fake.setIamRoles(JSON.parse(aws("iam", "list-roles")));
    const { Credentials } = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId }));
    expect(fake.describeCredentials(Credentials!.AccessKeyId!)).toMatchObject({ roleArn: UNAUTH_ROLE });
  });
});
