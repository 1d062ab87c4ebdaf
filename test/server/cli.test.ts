import { CognitoIdentityClient, ListIdentityPoolsCommand } from "@aws-sdk/client-cognito-identity";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands, main, serveOptions } from "../../src/cli.js";
import { startServer } from "../../src/server/index.js";
import { dgPolicy, role } from "../model/iam/trust-fixtures.js";
import { root, spawnServe } from "./serve-process.js";


/** Runs the CLI in process and collects what it prints. */
async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err };
}

const REGION_REFUSAL = "--region must be a Region name of an AWS partition (us-east-1, eu-south-2, us-gov-west-1, cn-north-1, ...),";

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
    expect(stderr).toMatch(/\ncognito-identity-model serve: SIGTERM: stopping \(requests in flight get at most 2 s\)\ncognito-identity-model serve: stopped\n$/);
  });

  it("WIRE-21: stops on SIGINT too, saying so; any Region of a partition is accepted", async () => {
    const serve = spawnServe(["--port", "0", "--region", "us-gov-west-1"]);
    await serve.url;
    serve.child.kill("SIGINT");
    expect(await serve.exited).toBe(0);
    expect(serve.output().stderr).toBe("cognito-identity-model serve: SIGINT: stopping (requests in flight get at most 2 s)\ncognito-identity-model serve: stopped\n");
  });

  it.each(["us-east-1", "eu-south-2", "il-central-1", "mx-central-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1"])(
    "WIRE-21: --region %s, a Region of a botocore partition, is accepted",
    async (region) => {
      // --secret-keys without --verify-signatures is checked after the Region: its refusal shows the Region passed.
      const { err } = await run(["serve", "--region", region, "--secret-keys", "keys.json"]);
      expect(err[0]).toBe("cognito-identity-model serve: --secret-keys needs --verify-signatures: without it no signature is checked");
    },
  );

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
    [["serve", "--region", "US East"], `cognito-identity-model serve: ${REGION_REFUSAL} got 'US East'`],
    [["serve", "--region", "mars-1"], `cognito-identity-model serve: ${REGION_REFUSAL} got 'mars-1'`],
    [["serve", "--region", "cn-north"], `cognito-identity-model serve: ${REGION_REFUSAL} got 'cn-north'`],
    [["serve", "--region", "ap-southeast-1 "], `cognito-identity-model serve: ${REGION_REFUSAL} got 'ap-southeast-1 '`],
    [["serve", "--user-pool", "cognito-idp.us-east-1.amazonaws.com/us-east-1_x"], "cognito-identity-model serve: --user-pool must be PROVIDER=JWKS_URL[,ISSUER], got 'cognito-idp.us-east-1.amazonaws.com/us-east-1_x'"],
    [["serve", "--strict-roles"], "cognito-identity-model serve: --strict-roles needs --iam-roles FILE: with no registered role every role would be refused"],
    [["serve", "--now", "yesterday"], "cognito-identity-model serve: --now must be an instant such as 2024-01-01T00:00:00Z or an offset from the wall clock such as +0, -90m, +2h, +1d; got 'yesterday'"],
    [["serve", "--now", "2024-01-01T00:00:00"], expect.stringMatching(/^cognito-identity-model serve: --now must be an instant .* got '2024-01-01T00:00:00'$/)],
    [["serve", "--now", "+2w"], expect.stringMatching(/^cognito-identity-model serve: --now must be .* got '\+2w'$/)],
    [["serve", "--secret-keys", "keys.json"], "cognito-identity-model serve: --secret-keys needs --verify-signatures: without it no signature is checked"],
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

  const MINUTE = 60_000;
  const NOW = Date.UTC(2024, 0, 1);
  /** Clients that sign as if their clock read `signAt`, and try once. */
  const clients = (url: string, accessKeyId: string, secretAccessKey: string, signAt = Date.now()) => {
    const config = { region: "us-east-1", endpoint: url, credentials: { accessKeyId, secretAccessKey }, systemClockOffset: signAt - Date.now(), maxAttempts: 1 };
    return { cognito: new CognitoIdentityClient(config), sts: new STSClient(config) };
  };
  const list = new ListIdentityPoolsCommand({ MaxResults: 1 });

  it("WIRE-34: --verify-signatures takes the keys of --secret-keys FILE and of CIM_SECRET_KEYS, the file's first", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cim-keys-"));
    const file = join(dir, "keys.json");
    writeFileSync(file, JSON.stringify({ AKIAFILE: "file-secret", AKIABOTH: "from-file" }));
    const env = { ...process.env, CIM_SECRET_KEYS: JSON.stringify({ AKIAENV: "env-secret", AKIABOTH: "from-env" }) };
    const serve = spawnServe(["--port", "0", "--verify-signatures", "--secret-keys", file], env);
    const url = await serve.url;
    for (const [key, secret] of [["AKIAFILE", "file-secret"], ["AKIAENV", "env-secret"], ["AKIABOTH", "from-file"]] as const) {
      expect((await clients(url, key, secret).cognito.send(list)).IdentityPools).toEqual([]);
    }
    await expect(clients(url, "AKIABOTH", "from-env").cognito.send(list)).rejects.toMatchObject({ name: "InvalidSignatureException" });
    await expect(clients(url, "AKIAOTHER", "x").cognito.send(list)).rejects.toMatchObject({ name: "UnrecognizedClientException" });
    await expect(clients(url, "AKIAOTHER", "x").sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
  });

  it("WIRE-34: keys that are not a JSON object of secrets stop serve with one line and status 1; none at all is a usage error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cim-keys-"));
    const file = join(dir, "keys.json");
    writeFileSync(file, '["AKIAEXAMPLE"]');
    expect(await run(["serve", "--port", "0", "--verify-signatures", "--secret-keys", file])).toEqual({
      status: 1,
      out: [],
      err: [`cognito-identity-model serve: --secret-keys ${file}: expected a JSON object { "<AccessKeyId>": "<SecretAccessKey>" }`],
    });
    writeFileSync(file, '{"AKIAEXAMPLE": 7}');
    expect((await run(["serve", "--port", "0", "--verify-signatures", "--secret-keys", file])).err).toEqual([`cognito-identity-model serve: --secret-keys ${file}: the secret of AKIAEXAMPLE is not a non-empty string`]);
    const missing = await run(["serve", "--port", "0", "--verify-signatures", "--secret-keys", join(dir, "none.json")]);
    expect(missing.status).toBe(1);
    expect(missing.err[0]).toMatch(/^cognito-identity-model serve: --secret-keys .*none\.json: ENOENT/);
    const saved = process.env.CIM_SECRET_KEYS;
    try {
      process.env.CIM_SECRET_KEYS = "not json";
      expect((await run(["serve", "--port", "0", "--verify-signatures"])).err[0]).toMatch(/^cognito-identity-model serve: CIM_SECRET_KEYS: .*JSON/);
      delete process.env.CIM_SECRET_KEYS;
      writeFileSync(file, "{}");
      expect(await run(["serve", "--port", "0", "--verify-signatures", "--secret-keys", file])).toEqual({
        status: 2,
        out: [],
        err: ["cognito-identity-model serve: --verify-signatures needs secret keys: --secret-keys FILE or CIM_SECRET_KEYS", `usage: cognito-identity-model ${commands.serve!.usage}`],
      });
    } finally {
      if (saved === undefined) delete process.env.CIM_SECRET_KEYS;
      else process.env.CIM_SECRET_KEYS = saved;
    }
  });

  it("WIRE-33: serve --verify-signatures --now refuses what was signed in 2020 or 2099, over JSON and STS, with AWS's texts", async () => {
    const env = { ...process.env, CIM_SECRET_KEYS: JSON.stringify({ AKIAEXAMPLE: "right" }) };
    const serve = spawnServe(["--port", "0", "--verify-signatures", "--now", "2024-01-01T00:00:00Z", "--account", "123456789012"], env);
    const url = await serve.url;
    const at = (signAt: number) => clients(url, "AKIAEXAMPLE", "right", signAt);
    await expect(at(Date.UTC(2020, 0, 1)).cognito.send(list)).rejects.toMatchObject({
      name: "InvalidSignatureException",
      message: "Signature expired: 20200101T000000Z is now earlier than 20231231T235500Z (20240101T000000Z - 5 min.)",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(at(Date.UTC(2099, 0, 1)).cognito.send(list)).rejects.toMatchObject({
      name: "InvalidSignatureException",
      message: "Signature not yet current: 20990101T000000Z is still later than 20240101T000500Z (20240101T000000Z + 5 min.)",
    });
    await expect(at(Date.UTC(2020, 0, 1)).sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
      message: "Signature expired: 20200101T000000Z is now earlier than 20231231T234500Z (20240101T000000Z - 15 min.)",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(at(Date.UTC(2099, 0, 1)).sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "SignatureDoesNotMatch" });
    expect((await at(NOW + 4 * MINUTE).cognito.send(list)).IdentityPools).toEqual([]);
    expect(await at(NOW - 14 * MINUTE).sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: "123456789012" });
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
  });

  /** One raw exchange: the status, the headers as sent and the body. */
  const exchange = (url: string, headers: Record<string, string>, body: string) =>
    new Promise<string>((resolve, reject) => {
      const req = httpRequest(url, { method: "POST", headers: { "content-length": String(Buffer.byteLength(body)), ...headers } }, (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve(`${res.statusCode}\n${res.rawHeaders.join("\n")}\n\n${text}`));
      });
      req.on("error", reject);
      req.end(body);
    });

  /** The same requests to a server: a pool, an identity, its OpenID token (timestamps inside), errors. */
  async function transcript(url: string): Promise<string[]> {
    const auth = "AWS4-HMAC-SHA256 Credential=123456789012/20240101/us-east-1/cognito-identity/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";
    const call = (op: string, input: unknown, signed = false) =>
      exchange(url, { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityService.${op}`, ...(signed ? { "x-amz-date": "20240101T000000Z", authorization: auth } : {}) }, JSON.stringify(input));
    const out = [await call("CreateIdentityPool", { IdentityPoolName: "same", AllowUnauthenticatedIdentities: true }, true)];
    const poolId = JSON.parse(out[0]!.slice(out[0]!.indexOf("\n\n") + 2)).IdentityPoolId as string;
    out.push(await call("GetId", { IdentityPoolId: poolId }));
    const identityId = JSON.parse(out[1]!.slice(out[1]!.indexOf("\n\n") + 2)).IdentityId as string;
    out.push(await call("GetOpenIdToken", { IdentityId: identityId }));
    out.push(await call("DescribeIdentity", { IdentityId: identityId }, true));
    out.push(await call("GetCredentialsForIdentity", { IdentityId: identityId }));
    out.push(await call("ListIdentityPools", { MaxResults: 0 }, true));
    return out;
  }

  it("WIRE-35: two servers with the same --seed and --now answer byte for byte alike, Date included; an offset runs from the wall clock", async () => {
    const args = ["--port", "0", "--seed", "9", "--now", "2024-01-01T00:00:00Z"];
    const [one, two] = [spawnServe(args), spawnServe(args)];
    const [a, b] = await Promise.all([transcript(await one.url), transcript(await two.url)]);
    expect(b).toEqual(a);
    expect(a[0]).toMatch(/^200\n/);
    expect(a[0]).toContain("\nDate\nMon, 01 Jan 2024 00:00:00 GMT\n");
    expect(a[2]).toMatch(/^200\n/);
    expect(a[3]).toContain('"CreationDate":1704067200');
    const ahead = spawnServe(["--port", "0", "--now", "+1d"]);
    const answer = await transcript(await ahead.url);
    const date = Date.parse(/\nDate\n([^\n]+)\n/.exec(answer[0]!)![1]!);
    expect(Math.abs(date - (Date.now() + 86_400_000))).toBeLessThan(60_000);
    for (const serve of [one, two, ahead]) serve.child.kill("SIGTERM");
    expect(await Promise.all([one.exited, two.exited, ahead.exited])).toEqual([0, 0, 0]);
  });

  it("PERSIST-2: --durability and --fsync-interval are checked: values, and what they need", async () => {
    const refused = async (args: string[]) => {
      const { status, err } = await run(["serve", ...args]);
      expect(status).toBe(2);
      return err[0];
    };
    expect(await refused(["--data-dir", "/tmp/x", "--durability", "sometimes"])).toBe("cognito-identity-model serve: --durability must be fsync or write, got 'sometimes'");
    expect(await refused(["--durability", "fsync"])).toBe("cognito-identity-model serve: --durability and --fsync-interval need --data-dir");
    expect(await refused(["--data-dir", "/tmp/x", "--fsync-interval", "100"])).toBe("cognito-identity-model serve: --fsync-interval needs --durability write: with fsync every answer waits for its own");
    expect(await refused(["--data-dir", "/tmp/x", "--durability", "write", "--fsync-interval", "0"])).toBe("cognito-identity-model serve: --fsync-interval must be an integer from 1 to 3600000, got '0'");
  });

  it("PERSIST-7: a second serve on the same --data-dir: one line naming the running one, status 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cim-lock-"));
    const first = spawnServe(["--port", "0", "--data-dir", dir]);
    await first.url;
    const second = spawnServe(["--port", "0", "--data-dir", dir]);
    await expect(second.url).rejects.toThrow();
    expect(await second.exited).toBe(1);
    expect(second.output().stderr).toBe(`cognito-identity-model serve: --data-dir: ${dir} is in use by another server (process ${first.child.pid}, since ${JSON.parse(readFileSync(join(dir, "lock"), "utf8")).since}): stop it, or give this one another --data-dir\n`);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    // Stopped, it leaves no lock behind.
    expect(() => readFileSync(join(dir, "lock"))).toThrow();
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
    expect(serveHelp).toMatchObject({ status: 0, err: [] });
    expect(serveHelp.out[0]).toBe(`usage: cognito-identity-model ${commands.serve!.usage}`);
  });

  it("WIRE-21: serve --help explains every option, environment variable and route of the server", async () => {
    const { status, out } = await run(["serve", "-h"]);
    expect(status).toBe(0);
    const help = out.slice(1).join("\n");
    /** `  NAME [ARG]  what it is`, or the description on the next line, indented. */
    const entry = (name: string) => {
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(" ", " +");
      return new RegExp(`^  ${escaped}(?: \\S+)*(?: {2,}\\S.*|\\n {24}\\S.*)$`, "m");
    };
    for (const option of Object.keys(serveOptions)) expect(help).toMatch(entry(`--${option}`));
    const variables = [...readFileSync(join(root, "src/cli.ts"), "utf8").matchAll(/process\.env\.(CIM_\w+)/g)].map((m) => m[1]!);
    expect(new Set(variables)).toEqual(new Set(["CIM_ADMIN_TOKEN", "CIM_SECRET_KEYS"]));
    for (const variable of variables) expect(help).toMatch(entry(variable));
    // The routes as the server itself lists them: a 404 names the paths, a 405 a path's methods.
    const server = await startServer({ port: 0 });
    try {
      const routes: string[] = [];
      for (const unknown of ["/_model/none", "/.well-known/none"]) {
        const { error } = (await (await fetch(`${server.url}${unknown}`)).json()) as { error: string };
        for (const path of error.slice(error.indexOf("routes: ") + 8).split(", ")) {
          const allow = (await fetch(`${server.url}${path.replace("<AccessKeyId>", "AKIAEXAMPLE")}`, { method: "PATCH" })).headers.get("allow")!;
          for (const method of allow.split(", ")) routes.push(`${method} ${path}`);
        }
      }
      expect(routes).toContain("PUT /_model/state");
      expect(routes).toContain("GET /.well-known/openid-configuration");
      for (const route of ["POST /", ...routes]) expect(help).toMatch(entry(route));
    } finally {
      await server.close();
    }
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

/** The init file of docs/init.md: the heredoc its first shell block writes to init.json. */
function documentedInitFile(): string {
  const page = readFileSync(join(root, "docs/init.md"), "utf8");
  const found = /cat > init\.json <<'EOF'\n([\s\S]*?)\nEOF\n/.exec(page);
  if (!found) throw new Error("docs/init.md writes no init.json");
  return found[1]!;
}

const awsJson = (url: string, op: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSCognitoIdentityService.${op}` }, body: JSON.stringify(body) });

describe("cognito-identity-model serve --init", () => {
  it("INIT-1, INIT-5: the documented init file starts a usable stack: a guest gets credentials with no other setup, its role registered (--strict-roles); the export restarts the same state", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cim-init-"));
    const file = join(dir, "init.json");
    writeFileSync(file, documentedInitFile());
    const init = JSON.parse(documentedInitFile()) as { pools: { IdentityPoolId: string; identities: { IdentityId?: string }[] }[] };
    const serve = spawnServe(["--port", "0", "--init", file, "--strict-roles"]);
    const url = await serve.url;
    try {
      const guest = await awsJson(url, "GetCredentialsForIdentity", { IdentityId: init.pools[0]!.identities[0]!.IdentityId });
      expect(guest.status).toBe(200);
      const { IdentityId } = (await (await awsJson(url, "GetId", { IdentityPoolId: init.pools[0]!.IdentityPoolId })).json()) as { IdentityId: string };
      const fresh = await awsJson(url, "GetCredentialsForIdentity", { IdentityId });
      expect(fresh.status).toBe(200);
      const exported = await (await fetch(`${url}/_model/export`)).text();
      writeFileSync(join(dir, "exported.json"), exported);
      const again = spawnServe(["--port", "0", "--init", join(dir, "exported.json")]);
      const second = await again.url;
      try {
        expect(await (await fetch(`${second}/_model/export`)).text()).toBe(exported);
      } finally {
        again.child.kill("SIGTERM");
        expect(await again.exited).toBe(0);
      }
    } finally {
      serve.child.kill("SIGTERM");
      expect(await serve.exited).toBe(0);
    }
  });

  it("INIT-2: a refused init file: one line naming the entry and the operation's error, status 1, nothing listens", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cim-init-"));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ pools: [{ IdentityPoolName: "ok", AllowUnauthenticatedIdentities: true }, { IdentityPoolName: "b", AllowUnauthenticatedIdentities: true, roles: { Roles: { guest: "arn:aws:iam::000000000000:role/x" } } }] }));
    const refused = await run(["serve", "--port", "0", "--init", bad]);
    expect(refused.status).toBe(1);
    expect(refused.out).toEqual([]);
    expect(refused.err).toHaveLength(1);
    expect(refused.err[0]).toMatch(new RegExp(`^cognito-identity-model serve: --init ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: init\\.pools\\[1\\]\\.roles: ValidationException: `));
    writeFileSync(bad, "{ not json");
    const unreadable = await run(["serve", "--port", "0", "--init", bad]);
    expect(unreadable.status).toBe(1);
    expect(unreadable.err).toHaveLength(1);
    expect(unreadable.err[0]).toContain(`--init ${bad}: `);
  });
});
