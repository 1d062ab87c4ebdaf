import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckUsageError, parseCheckArgs } from "../../src/conformance/cli-args.js";
import { runCheckCommand } from "../../src/conformance/cli.js";
import { messages } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { peerEnv } from "../peers/peers.js";

const execFileAsync = promisify(execFile);

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe("check arguments", () => {
  it("defaults: the embedded fake, us-east-1, moto's default account", () => {
    expect(parseCheckArgs([])).toEqual({ region: "us-east-1", account: "123456789012", aws: false, help: false });
  });

  it("reads every option", () => {
    const args = parseCheckArgs([
      "--endpoint", "http://127.0.0.1:5000", "--region", "eu-west-1", "--account", "111122223333", "--runs", "50", "--seed", "-7",
      "--ops", "DescribeIdentityPool,TagResource", "--report", "out.md", "--max-commands", "10",
    ]);
    expect(args).toMatchObject({
      endpoint: "http://127.0.0.1:5000", region: "eu-west-1", account: "111122223333", runs: 50, seed: -7,
      operations: ["DescribeIdentityPool", "TagResource"], report: { file: "out.md", format: "md" }, maxCommands: 10, aws: false,
    });
  });

  it("against AWS: the Region comes from the endpoint and the account is required", () => {
    expect(() => parseCheckArgs(["--endpoint", "https://cognito-identity.eu-west-1.amazonaws.com"])).toThrow(/--account is required/);
    // Every partition's Regions, as serve takes them; eusc-de-east-1 was refused by an older pattern.
    for (const region of ["eusc-de-east-1", "us-gov-west-1", "cn-north-1", "ap-southeast-5"]) expect(parseCheckArgs(["--region", region]).region).toBe(region);
    expect(parseCheckArgs(["--endpoint", "https://cognito-identity.eu-west-1.amazonaws.com", "--account", "111122223333"])).toMatchObject({ aws: true, region: "eu-west-1" });
  });

  it.each([
    [["--runs", "0"], /--runs must be an integer/],
    [["--runs", "many"], /--runs must be an integer/],
    [["--seed", "1.5"], /--seed must be an integer/],
    [["--ops", "Nope"], /unknown operation 'Nope'/],
    [["--ops", ""], /at least one operation/],
    [["--report", "out.txt"], /\.json, \.md or \.xml/],
    [["--endpoint", "localhost:5000"], /http or https/],
    [["--endpoint", "::"], /must be a URL/],
    [["--region", "US_EAST"], /--region must be a Region name of an AWS partition/],
    [["--region", "mars-1"], /--region must be a Region name of an AWS partition .*got 'mars-1'/],
    [["--account", "12"], /12 digits/],
    [["--path", "1:2"], /needs the --seed/],
    [["--replay-path", "AB:C"], /goes with --path/],
    [["--unknown"], /Unknown option/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseCheckArgs(argv)).toThrow(CheckUsageError);
    expect(() => parseCheckArgs(argv)).toThrow(message);
  });
});

describe("runCheckCommand", () => {
  let dir: string;
  let broken: RunningServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cim-check-"));
    // An endpoint that diverges: it accepts 51 tags where AWS stops at 50.
    broken = await startServer({ port: 0, account: "123456789012", config: { quotas: { tagsPerPool: 51 } }, log: () => {} });
  });
  afterAll(async () => {
    await broken.close();
  });

  it("a usage error is one line and exit status 2", async () => {
    const { io, out, err } = capture();
    expect(await runCheckCommand(["--runs", "-1"], io)).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^cognito-identity-model check: --runs must be/);
    expect(out).toEqual([]);
  });

  it("an unreachable endpoint is one line and exit status 2", async () => {
    const { io, err } = capture();
    expect(await runCheckCommand(["--endpoint", "http://127.0.0.1:9", "--runs", "5"], io)).toBe(2);
    expect(err).toEqual(["cognito-identity-model check: cannot reach http://127.0.0.1:9: ECONNREFUSED"]);
  });

  it("--help prints the usage", async () => {
    const { io, out } = capture();
    expect(await runCheckCommand(["--help"], io)).toBe(0);
    expect(out.join("\n")).toMatch(/usage: cognito-identity-model check \[--endpoint URL\]/);
  });

  it("without --endpoint it checks the embedded fake and finds nothing", async () => {
    const { io, out } = capture();
    const report = join(dir, "fake.json");
    expect(await runCheckCommand(["--runs", "30", "--seed", "9", "--report", report], io)).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/^embedded fake \(http:\/\/127\.0\.0\.1:\d+\) · seed 9 · 30 runs · \d+ commands · 0 divergences/);
    expect(text).toMatch(/^CreateIdentityPool\s+\d+(\s+·){6}$/m);
    const json = JSON.parse(await readFile(report, "utf8"));
    expect(json).toMatchObject({ target: expect.stringMatching(/^embedded fake/), seed: 9, runs: 30, divergences: [] });
  });

  it("a diverging endpoint: exit status 1, each divergence with its minimal sequence, JSON and Markdown reports", async () => {
    const { io, out } = capture();
    const json = join(dir, "broken.json");
    expect(await runCheckCommand(["--endpoint", broken.url, "--runs", "300", "--seed", "3", "--report", json], io)).toBe(1);
    const report = JSON.parse(await readFile(json, "utf8"));
    expect(report).toMatchObject({ target: broken.url, seed: 3, runs: 300 });
    const create = report.divergences.find((d: { operation: string }) => d.operation === "CreateIdentityPool");
    expect(create).toMatchObject({
      kind: "wrong status",
      expected: { ok: false, error: { type: "InvalidParameterException", message: messages.tooManyTags(50) } },
      actual: { ok: true, status: 200 },
      commands: [{ op: "CreateIdentityPool" }],
      replay: { seed: expect.any(Number), path: expect.stringMatching(/^\d+(:\d+)*$/), command: expect.stringContaining(`--endpoint ${broken.url}`) },
    });
    expect(out.join("\n")).toMatch(/CreateIdentityPool: wrong status \(accepts what fails with InvalidParameterException/);

    const md = join(dir, "broken.md");
    expect(await runCheckCommand(["--endpoint", broken.url, "--runs", "300", "--seed", "3", "--report", md], capture().io)).toBe(1);
    const markdown = await readFile(md, "utf8");
    expect(markdown).toMatch(/^# Conformance of http:\/\/127\.0\.0\.1:\d+/);
    expect(markdown).toMatch(/\| operation \| commands \| missing \| crash \| status \| error type \| message \| output \|/);
    expect(markdown).toMatch(/### 1\. CreateIdentityPool: wrong status/);

    // Each divergence as a case: its JSON, and a boto3 script that sends it to the endpoint as it is.
    const cases = join(dir, "cases");
    expect(await runCheckCommand(["--endpoint", broken.url, "--runs", "300", "--seed", "3", "--cases", cases], capture().io)).toBe(1);
    const written = (await readdir(cases)).sort();
    expect(written).toContain("01-CreateIdentityPool.json");
    expect(written).toContain("01-CreateIdentityPool.py");
    const caseFile = JSON.parse(await readFile(join(cases, "01-CreateIdentityPool.json"), "utf8"));
    expect(caseFile).toMatchObject({ commands: [{ op: "CreateIdentityPool" }], expected: { ok: false, error: { type: "InvalidParameterException" } } });
    expect(JSON.stringify(caseFile.commands[0].input.IdentityPoolTags)).not.toContain("more (");
    // Not spawnSync: the server answering the script runs in this process.
    const script = await execFileAsync("python3", [join(cases, "01-CreateIdentityPool.py"), broken.url], { encoding: "utf8", env: peerEnv() });
    expect(script.stderr).toBe("");
    expect(script.stdout).toMatch(/^CreateIdentityPool -> \{"IdentityPoolId": "us-east-1:/);
    expect(script.stdout).toContain('expected: {"ok": false, "error": {"type": "InvalidParameterException"');

    // The replay command from the report shows the same divergence, and only the one sequence.
    const replay = create.replay;
    const again = capture();
    const argv = ["--endpoint", broken.url, "--seed", String(replay.seed), "--path", replay.path, "--ops", replay.operations.join(",")];
    if (replay.replayPath) argv.push("--replay-path", replay.replayPath);
    expect(await runCheckCommand(argv, again.io)).toBe(1);
    expect(again.out.join("\n")).toMatch(/1 runs · 1 commands · 1 divergence\b/);
    expect(again.out.join("\n")).toContain("CreateIdentityPool: wrong status");
  }, 240_000);
});
