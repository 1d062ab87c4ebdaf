import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { commands, main } from "../../src/cli.js";
import { dgPolicy, role } from "../model/iam/trust-fixtures.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs the CLI in process and collects what it prints. */
async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err };
}

/** Starts `cognito-identity-model serve` as its own process (through tsx, like the bin after a build). */
function spawnServe(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli.ts"), "serve", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n")) resolve(line!);
    });
    child.on("exit", () => reject(new Error(`serve exited: ${stderr}`)));
  });
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe("cognito-identity-model serve", () => {
  it("WIRE-21: prints one line with its URL once listening, serves, and stops on SIGTERM with status 0", async () => {
    const serve = spawnServe(["--port", "0", "--seed", "3", "--region", "eu-west-1", "--account", "123123123123", "--log"]);
    const url = await serve.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/_model/health`);
    expect(health.status).toBe(200);
    const created = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityService.GetId" },
      body: "{}",
    });
    expect(created.status).toBe(400);
    const state = (await (await fetch(`${url}/_model/state`)).json()) as { state: { ids: { seed: number } } };
    expect(state.state.ids.seed).toBe(3);
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
    const { stdout, stderr } = serve.output();
    expect(stdout).toBe(`${url}\n`);
    // --log: one line per request, on standard error.
    expect(stderr).toMatch(/POST \/ AWSCognitoIdentityService\.GetId -> 400 \w+Exception \(\d+\.\d ms\)/);
    expect(stderr).toMatch(/GET \/_model\/health - -> 200/);
  });

  it("WIRE-21: stops on SIGINT too", async () => {
    const serve = spawnServe(["--port", "0"]);
    await serve.url;
    serve.child.kill("SIGINT");
    expect(await serve.exited).toBe(0);
  });

  it("WIRE-21: a port in use is one line on standard error and status 1", async () => {
    const first = spawnServe(["--port", "0"]);
    const port = new URL(await first.url).port;
    const second = spawnServe(["--port", port]);
    second.url.catch(() => {});
    expect(await second.exited).toBe(1);
    expect(second.output().stderr.trim()).toMatch(/^cognito-identity-model serve: cannot listen: .*EADDRINUSE/);
    first.child.kill("SIGTERM");
    await first.exited;
  });

  it.each([
    [["serve", "--port", "abc"], "cognito-identity-model serve: --port must be an integer from 0 to 65535, got 'abc'"],
    [["serve", "--port", "70000"], "cognito-identity-model serve: --port must be an integer from 0 to 65535, got '70000'"],
    [["serve", "--seed", "1.5"], "cognito-identity-model serve: --seed must be an integer from -2147483648 to 4294967295, got '1.5'"],
    [["serve", "--account", "12"], "cognito-identity-model serve: --account must be 12 digits, got '12'"],
    [["serve", "--region", "US East"], "cognito-identity-model serve: --region must look like us-east-1, got 'US East'"],
    [["serve", "--user-pool", "cognito-idp.us-east-1.amazonaws.com/us-east-1_x"], "cognito-identity-model serve: --user-pool must be PROVIDER=JWKS_URL[,ISSUER], got 'cognito-idp.us-east-1.amazonaws.com/us-east-1_x'"],
    [["serve", "--strict-roles"], "cognito-identity-model serve: --strict-roles needs --iam-roles FILE: with no registered role every role would be refused"],
    [["serve", "--colour"], expect.stringMatching(/^cognito-identity-model serve: Unknown option '--colour'/)],
    [["serve", "extra"], expect.stringMatching(/^cognito-identity-model serve: Unexpected argument 'extra'/)],
    [["serve", "--port"], expect.stringMatching(/^cognito-identity-model serve: Option '--port <value>' argument missing/)],
  ])("WIRE-21: bad arguments %j: one line saying why, the usage, status 2", async (argv, line) => {
    const { status, out, err } = await run(argv);
    expect(status).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([line, `usage: cognito-identity-model ${commands.serve!.usage}`]);
    expect(err.join("\n")).not.toMatch(/\n\s+at /);
  });

  it("LOGIN-17: a --user-pool JWKS that cannot be fetched stops serve with one line and status 1", async () => {
    const { status, out, err } = await run(["serve", "--port", "0", "--user-pool", "cognito-idp.us-east-1.amazonaws.com/us-east-1_x=http://127.0.0.1:9/jwks.json"]);
    expect(status).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^cognito-identity-model serve: --user-pool: /);
  });

  it("IAM-7: --iam-roles FILE registers the roles of `aws iam list-roles` output; a file that is not one stops serve, status 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cim-cli-"));
    const file = join(dir, "roles.json");
    const roles = { Roles: [role("guests", dgPolicy("us-east-1:00000000-0000-4000-8000-000000000000", "unauthenticated"))] };
    writeFileSync(file, JSON.stringify(roles));
    const serve = spawnServe(["--port", "0", "--iam-roles", file, "--strict-roles"]);
    const url = await serve.url;
    const got = (await (await fetch(`${url}/_model/iam/roles`)).json()) as { Roles: { Arn: string }[] };
    expect(got.Roles.map((r) => r.Arn)).toEqual(["arn:aws:iam::123456789012:role/guests"]);
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);

    writeFileSync(file, JSON.stringify({ Roles: [{ Arn: "arn:aws:iam::123456789012:role/x" }] }));
    const refused = await run(["serve", "--port", "0", "--iam-roles", file]);
    expect(refused).toEqual({ status: 1, out: [], err: [`cognito-identity-model serve: --iam-roles ${file}: role 1 (arn:aws:iam::123456789012:role/x) has no AssumeRolePolicyDocument`] });
    const missing = await run(["serve", "--port", "0", "--iam-roles", join(dir, "none.json")]);
    expect(missing.status).toBe(1);
    expect(missing.err[0]).toMatch(/^cognito-identity-model serve: --iam-roles .*none\.json: ENOENT/);
  });

  it("WIRE-21: an unknown or missing command: one line, the usage, status 2; --help: usage, status 0", async () => {
    const unknown = await run(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.err[0]).toBe("cognito-identity-model: unknown command 'frobnicate'");
    expect(unknown.err[1]).toContain("cognito-identity-model serve [--port 4568]");
    const none = await run([]);
    expect(none.status).toBe(2);
    expect(none.err[0]).toBe("cognito-identity-model: missing command");
    const help = await run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.out.join("\n")).toContain("serve");
    const serveHelp = await run(["serve", "--help"]);
    expect(serveHelp).toEqual({ status: 0, out: [`usage: cognito-identity-model ${commands.serve!.usage}`], err: [] });
  });

  it("WIRE-21: the bin runs the CLI from a spawned process and exits 2 on a bad argument", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli.ts"), "nope"], { cwd: root });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe("cognito-identity-model: unknown command 'nope'");
  });
});
