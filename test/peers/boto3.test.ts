import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { announce, missingPeer, peerEnv } from "./peers.js";

const script = join(dirname(fileURLToPath(import.meta.url)), "boto3_client.py");
const peer = announce(missingPeer("python3", ["-c", "import boto3, botocore"], "python3 with boto3"));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 4 });
});
afterAll(() => server.close());

function runPython(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("python3", args, { env: peerEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("boto3 against the server", () => {
  it.skipIf(peer.skip)("boto3 works unmodified: operations, paginator, modeled and unmodeled errors", async () => {
    peer.check();
    const run = await runPython([script, server.url]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const seen = JSON.parse(run.stdout);
    const unknown = "us-east-1:00000000-0000-4000-8000-000000000000";

    expect(seen.created).toEqual({
      IdentityPoolId: expect.stringMatching(/^us-east-1:[0-9a-f-]{36}$/),
      IdentityPoolName: "boto pool",
      AllowUnauthenticatedIdentities: false,
      IdentityPoolTags: { team: "a" },
    });
    expect(seen.created_status).toBe(200);
    expect(seen.created_request_id).toMatch(UUID);
    expect(seen.described).toEqual(seen.created);
    expect(seen.updated_name).toBe("boto pool renamed");
    expect(seen.pages).toEqual([["boto pool renamed", "extra 0"], ["extra 1", "extra 2"]]);
    expect(seen.tags).toEqual({ team: "a", env: "test" });
    expect(seen.tags_after_untag).toEqual({ env: "test" });

    expect(seen.not_found).toEqual({
      code: "ResourceNotFoundException",
      message: messages.poolNotFound(unknown),
      status: 400,
      request_id: expect.stringMatching(UUID),
      class: "ResourceNotFoundException",
    });
    expect(seen.modeled_class_caught).toBe(true);
    expect(seen.validation).toMatchObject({
      code: "ValidationException",
      message:
        "1 validation error detected: Value 'pool#name' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
      status: 400,
    });
    expect(seen.bad_arn).toMatchObject({ code: "InvalidParameterException", class: "InvalidParameterException", status: 400 });
    expect(seen.public_unsigned.code).not.toMatch(/Authentication|Signature|UnrecognizedClient/);
    expect(seen.sts_subject).toBe(true);
    expect(seen.sts_arn).toBe("arn:aws:sts::123456789012:assumed-role/boto/boto");
    expect(seen.sts_expiration_type).toBe("datetime");
    expect(seen.caller_arn).toBe(seen.sts_arn);
    expect(seen.sts_bad_token).toMatchObject({ code: "InvalidIdentityToken", class: "InvalidIdentityTokenException", status: 400 });
    expect(seen.after_delete).toMatchObject({ code: "ResourceNotFoundException" });
  });
});
