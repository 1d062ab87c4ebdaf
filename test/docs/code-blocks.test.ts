// Every fenced code block of README.md and docs/ runs as written, on a machine without AWS
// credentials, or says why not in its info string (test/docs/blocks.ts: the markers). TypeScript
// blocks are type-checked together in one tsc run against the package's source, then each is
// executed in a fresh directory; shell blocks run with bash, their servers stopped at the end.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { missingPeer, peersRequired } from "../peers/peers.js";
import {
  DOC_PORT,
  cleanEnv,
  execute,
  freePort,
  limiter,
  makeScratch,
  parseDiagnostics,
  readBlocks,
  sessionScript,
  slug,
  stopServers,
  unitName,
  unitsOf,
  type Block,
  type Diagnostic,
  type Outcome,
  type Scratch,
  type Unit,
} from "./blocks.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
// A generated report; its blocks are text.
const GENERATED = new Set(["docs/conformance/moto.md"]);

function markdownFiles(): string[] {
  const files = ["README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(repo, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md") && !GENERATED.has(path)) files.push(path);
    }
  };
  walk("docs");
  return files.sort();
}

const read = markdownFiles().map((file) => readBlocks(file, readFileSync(join(repo, file), "utf8")));
const blocks = read.flatMap((r) => r.blocks);
const units = unitsOf(blocks);

const once = <T>(make: () => T): (() => T) => {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
};
let made: Scratch | undefined;
const scratch = (): Scratch => (made ??= makeScratch(repo));
// rmSync removes the scratch's node_modules link, not what it points to.
afterAll(() => {
  if (made) rmSync(made.root, { recursive: true, force: true });
});
// Two blocks at a time, next to the type check: the machine has other work.
const slot = limiter(2);

const CANARY = "canary-type-error";
const typeCheck = once(async (): Promise<Diagnostic[]> => {
  const { root } = scratch();
  for (const unit of units) {
    if (unit.kind === "ts" || unit.kind === "typecheck-only") writeFileSync(join(root, "check", `${slug(unit.block)}.ts`), unit.block.code);
  }
  writeFileSync(join(root, "check", `${CANARY}.ts`), 'export const broken: number = "not a number";\n');
  const tsc = await execute(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json", "--pretty", "false"], { cwd: root, env: cleanEnv() });
  return parseDiagnostics(tsc.output).filter((d) => !d.text.startsWith("(exit "));
});

const checkFile = (name: string) => `check/${name}.ts`;
const diagnosticsOf = (diagnostics: Diagnostic[], block: Block) =>
  diagnostics.filter((d) => d.file === checkFile(slug(block))).map((d) => `${block.file}:${block.line + d.line}: ${d.text}`);

function runTs(block: Block, vitest: boolean, where: Scratch): Promise<Outcome> {
  const dir = where.fresh(slug(block));
  const env = cleanEnv();
  if (!vitest) {
    writeFileSync(join(dir, "block.ts"), block.code);
    return execute(process.execPath, ["--import", "tsx", "block.ts"], { cwd: dir, env });
  }
  writeFileSync(join(dir, "block.test.ts"), block.code);
  const bin = join(repo, "node_modules/vitest/vitest.mjs");
  return execute(process.execPath, [bin, "run", "--root", dir, "--config", join(where.root, "vitest.config.mjs")], { cwd: dir, env });
}

/** A shell line that sends a signal: the session may stop its own servers. */
const SHELL_KILL = /^\s*kill\b/m;

async function runSession(session: Block[], where: Scratch): Promise<Outcome & { stopped: string[] }> {
  const dir = where.fresh(slug(session[0]!));
  const servers = where.fresh(`${slug(session[0]!)}.servers`);
  const port = String(await freePort());
  const script = join(servers, "session.sh");
  writeFileSync(script, sessionScript(session, port));
  const curl = await execute("bash", ["-c", "command -v curl"], { cwd: dir, env: cleanEnv() });
  const env = {
    ...cleanEnv(),
    PATH: `${where.bin}:${process.env.PATH}`,
    DOC_BLOCK_REPO: repo,
    DOC_BLOCK_PORT: port,
    DOC_BLOCK_SERVERS: servers,
    DOC_BLOCK_CURL: curl.output.trim() || "curl-is-not-installed",
  };
  const outcome = await execute("bash", [script], { cwd: dir, env });
  const stopped = await stopServers(servers, { killed: session.some((block) => SHELL_KILL.test(block.code)) });
  return { ...outcome, stopped };
}

/** Why a session's clients cannot run here (boto3, the AWS CLI), or undefined. */
function missingClients(session: Block[]): string | undefined {
  if (session.some((b) => b.lang === "python")) {
    const missing = missingPeer("python3", ["-c", "import boto3"], "python3 with boto3");
    if (missing) return missing;
  }
  if (session.some((b) => /(^|[\s;&|(`])aws\s+[a-z]/m.test(b.code))) return missingPeer("aws", ["--version"], "the AWS CLI (aws)");
  return undefined;
}

const tail = (text: string) => text.split("\n").slice(-60).join("\n");

describe("the code blocks of README.md and docs/", () => {
  it("each block runs, continues the one before it, or is exempted with its reason", () => {
    expect(read.flatMap((r) => r.problems)).toEqual([]);
    expect(units.length).toBeGreaterThan(0);
  });

  it("tsc reports nothing outside the blocks, and does report a block that does not type-check", async () => {
    const diagnostics = await typeCheck();
    const blockFiles = new Set(units.flatMap((u) => (u.kind === "ts" || u.kind === "typecheck-only" ? [checkFile(slug(u.block))] : [])));
    expect(diagnostics.filter((d) => !blockFiles.has(d.file) && d.file !== checkFile(CANARY))).toEqual([]);
    expect(diagnostics.filter((d) => d.file === checkFile(CANARY)).map((d) => d.text)).toEqual([
      expect.stringContaining("TS2322: Type 'string' is not assignable to type 'number'"),
    ]);
  }, 300_000);

  it("a block that throws fails, and so does a shell session with a failing command; its server is stopped", async () => {
    const broken = (line: number, lang: string, code: string): Block => ({ id: `broken.md:${line}`, file: "broken.md", line, lang, marker: { kind: "run" }, code });
    const thrown = await slot(() => runTs(broken(1, "ts", 'throw new Error("broken on purpose");\n'), false, scratch()));
    expect(thrown.ok).toBe(false);
    expect(thrown.output).toContain("broken on purpose");
    const failed = await slot(() => runSession([broken(2, "sh", `npx cognito-identity-model serve --port ${DOC_PORT}\nfalse\necho unreachable\n`)], scratch()));
    expect(failed.ok).toBe(false);
    expect(failed.output).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/m);
    expect(failed.output).not.toContain("unreachable");
    expect(failed.stopped).toEqual([]);
    // A server that stops before the session ends is reported, unless the session's own kill stopped it.
    const pidOf = 'node -p \'JSON.parse(require("fs").readFileSync("d/lock", "utf8")).pid\'';
    const crashed = await slot(() => runSession([broken(3, "sh", `npx cognito-identity-model serve --port ${DOC_PORT} --data-dir d\nnode -e "process.kill($(${pidOf}), 'SIGKILL')"\nsleep 0.5\n`)], scratch()));
    expect(crashed.ok).toBe(true);
    expect(crashed.stopped).toEqual([expect.stringMatching(/^serve serve\.\S+ stopped before the session ended \(exit 137\)/)]);
    const killed = await slot(() => runSession([broken(4, "sh", `npx cognito-identity-model serve --port ${DOC_PORT} --data-dir d\nkill -9 "$(${pidOf})"\nsleep 0.5\n`)], scratch()));
    expect(killed).toMatchObject({ ok: true, stopped: [] });
  }, 300_000);

  describe.concurrent("run as written", () => {
    for (const unit of units) {
      it(unitName(unit), async ({ expect, skip }) => {
        await run(unit, expect, skip);
      }, 300_000);
    }
  });
});

async function run(unit: Unit, expect: typeof import("vitest").expect, skip: (note?: string) => never): Promise<void> {
  switch (unit.kind) {
    case "json":
      expect(() => JSON.parse(unit.block.code)).not.toThrow();
      return;
    case "typecheck-only":
      expect(diagnosticsOf(await typeCheck(), unit.block)).toEqual([]);
      return;
    case "js": {
      const dir = scratch().fresh(slug(unit.block));
      writeFileSync(join(dir, "block.mjs"), unit.block.code);
      const outcome = await slot(() => execute(process.execPath, ["block.mjs"], { cwd: dir, env: cleanEnv() }));
      expect(outcome.ok, tail(outcome.output)).toBe(true);
      return;
    }
    case "ts": {
      const [outcome, diagnostics] = await Promise.all([slot(() => runTs(unit.block, unit.vitest, scratch())), typeCheck()]);
      expect(diagnosticsOf(diagnostics, unit.block)).toEqual([]);
      expect(outcome.ok, tail(outcome.output)).toBe(true);
      return;
    }
    case "session": {
      const missing = missingClients(unit.blocks);
      if (missing && !peersRequired) skip(`${missing}: this block is not run (CIM_REQUIRE_PEERS=1 makes this a failure)`);
      expect(missing, "CIM_REQUIRE_PEERS=1 requires it").toBeUndefined();
      const outcome = await slot(() => runSession(unit.blocks, scratch()));
      expect(outcome.ok, tail(outcome.output)).toBe(true);
      expect(outcome.stopped).toEqual([]);
    }
  }
}

describe("reading blocks", () => {
  const md = (...lines: string[]) => lines.join("\n");

  it("takes the language and a marker from the info string", () => {
    const { blocks, problems } = readBlocks(
      "x.md",
      md("```ts", "a", "```", "```sh no-run: needs AWS credentials", "b", "```", "```sh", "c", "```", "```python continues", "d", "```", "```ts typecheck-only: needs moto", "e", "```"),
    );
    expect(problems).toEqual([]);
    expect(blocks.map((b) => [b.id, b.lang, b.marker, b.code])).toEqual([
      ["x.md:1", "ts", { kind: "run" }, "a\n"],
      ["x.md:4", "sh", { kind: "no-run", reason: "needs AWS credentials" }, "b\n"],
      ["x.md:7", "sh", { kind: "run" }, "c\n"],
      ["x.md:10", "python", { kind: "continues" }, "d\n"],
      ["x.md:13", "ts", { kind: "typecheck-only", reason: "needs moto" }, "e\n"],
    ]);
    expect(unitsOf(blocks).map(unitName)).toEqual(["x.md:1 (ts)", "x.md:7 (sh) + x.md:10 (python)", "x.md:13 (typecheck-only)"]);
  });

  it("reports blocks that are neither run nor exempted, and fences that do not close", () => {
    const { problems } = readBlocks(
      "x.md",
      md("```text", "t", "```", "```sh no-run:", "```", "```python", "p", "```", "```ts continues", "```", "```ts", "x", "``` Rules: here", "```", "```sh"),
    );
    expect(problems).toEqual([
      "x.md:1: 'text' blocks cannot be run; mark it no-run: REASON",
      "x.md:4: unknown marker 'no-run:' (expected continues, typecheck-only: REASON or no-run: REASON)",
      "x.md:6: a python block runs in the shell of the block before it: mark it continues",
      "x.md:9: only shell and python blocks continue the one before; make it self-contained",
      "x.md:13: a fence with text after it inside the block of x.md:11; a closing fence takes nothing after it",
      "x.md:15: the block is never closed",
    ]);
  });

  it("puts the doc's port, 4568, and a free one in its place in a session's script", () => {
    const [block] = readBlocks("x.md", md("```sh", "curl http://127.0.0.1:4568/_model/health", "```")).blocks;
    expect(sessionScript([block!], "5111")).toContain("curl http://127.0.0.1:5111/_model/health");
  });
});
