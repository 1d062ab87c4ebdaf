import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { announce, missingPeer, peerEnv } from "./peers.js";

const peer = announce(missingPeer("aws", ["--version"], "the AWS CLI (aws)"));

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 8 });
});
afterAll(() => server.close());

type CliAnswer = { code: number | null; stdout: string; stderr: string; json: () => Record<string, unknown> };

/** `aws cognito-identity <args> --endpoint-url URL --output json` */
const aws = (...args: string[]) => awsService("cognito-identity", peerEnv("eu-west-1"), ...args);

/** `aws <service> <args> --endpoint-url URL --output json` with the given environment. */
function awsService(service: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliAnswer> {
  return new Promise((resolve) => {
    const child = spawn("aws", [service, ...args, "--endpoint-url", server.url, "--output", "json"], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> }));
  });
}

describe("the AWS CLI against the server", () => {
  it.skipIf(peer.skip)("aws cognito-identity works unmodified with --endpoint-url", async () => {
    peer.check();
    const created = await aws("create-identity-pool", "--identity-pool-name", "cli pool", "--allow-unauthenticated-identities", "--identity-pool-tags", "team=a");
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const pool = created.json();
    expect(pool).toEqual({
      IdentityPoolId: expect.stringMatching(/^eu-west-1:[0-9a-f-]{36}$/),
      IdentityPoolName: "cli pool",
      AllowUnauthenticatedIdentities: true,
      IdentityPoolTags: { team: "a" },
    });
    const id = pool.IdentityPoolId as string;

    expect((await aws("describe-identity-pool", "--identity-pool-id", id)).json()).toEqual(pool);
    const listed = await aws("list-identity-pools", "--max-results", "10");
    expect(listed.json()).toEqual({ IdentityPools: [{ IdentityPoolId: id, IdentityPoolName: "cli pool" }] });

    const arn = `arn:aws:cognito-identity:eu-west-1:123456789012:identitypool/${id}`;
    const tagged = await aws("tag-resource", "--resource-arn", arn, "--tags", "env=test");
    expect(tagged).toMatchObject({ code: 0, stdout: "" });
    expect((await aws("list-tags-for-resource", "--resource-arn", arn)).json()).toEqual({ Tags: { team: "a", env: "test" } });

    const unknown = "eu-west-1:00000000-0000-4000-8000-000000000000";
    const missing = await aws("describe-identity-pool", "--identity-pool-id", unknown);
    expect(missing.code).toBe(255);
    expect(missing.stderr.trim()).toBe(
      `An error occurred (ResourceNotFoundException) when calling the DescribeIdentityPool operation: ${messages.poolNotFound(unknown)}`,
    );

    const invalid = await aws("create-identity-pool", "--identity-pool-name", "pool#name", "--no-allow-unauthenticated-identities");
    expect(invalid.code).toBe(255);
    expect(invalid.stderr.trim()).toBe(
      "An error occurred (ValidationException) when calling the CreateIdentityPool operation: 1 validation error detected: Value 'pool#name' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    );

    const deleted = await aws("delete-identity-pool", "--identity-pool-id", id);
    expect(deleted).toMatchObject({ code: 0, stdout: "" });
    expect((await aws("list-identity-pools", "--max-results", "10")).json()).toEqual({ IdentityPools: [] });
  });

  it.skipIf(peer.skip)("STS-6, STS-10: aws sts assume-role-with-web-identity and get-caller-identity work unmodified", async () => {
    peer.check();
    const pool = (await aws("create-identity-pool", "--identity-pool-name", "basic", "--allow-unauthenticated-identities")).json();
    const { IdentityId } = (await aws("get-id", "--identity-pool-id", String(pool.IdentityPoolId))).json();
    const { Token } = (await aws("get-open-id-token", "--identity-id", String(IdentityId))).json();
    const role = "arn:aws:iam::123456789012:role/basic";
    const sts = (env: NodeJS.ProcessEnv, ...args: string[]) => awsService("sts", env, ...args);
    const assumed = await sts(peerEnv("eu-west-1"), "assume-role-with-web-identity", "--role-arn", role, "--role-session-name", "cli", "--web-identity-token", String(Token));
    expect(assumed.stderr).toBe("");
    const answer = assumed.json() as { Credentials: Record<string, string>; AssumedRoleUser: Record<string, string>; SubjectFromWebIdentityToken: string };
    expect(answer.SubjectFromWebIdentityToken).toBe(IdentityId);
    expect(answer.AssumedRoleUser.Arn).toBe("arn:aws:sts::123456789012:assumed-role/basic/cli");
    const env = {
      ...peerEnv("eu-west-1"),
      AWS_ACCESS_KEY_ID: answer.Credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: answer.Credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: answer.Credentials.SessionToken,
    };
    expect((await sts(env, "get-caller-identity")).json()).toEqual({
      UserId: answer.AssumedRoleUser.AssumedRoleId,
      Account: "123456789012",
      Arn: answer.AssumedRoleUser.Arn,
    });
    const short = await sts(peerEnv("eu-west-1"), "assume-role-with-web-identity", "--role-arn", role, "--role-session-name", "cli", "--web-identity-token", String(Token), "--duration-seconds", "7200");
    expect(short.code).toBe(255);
    expect(short.stderr.trim()).toBe(
      "An error occurred (ValidationError) when calling the AssumeRoleWithWebIdentity operation: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  });
});
