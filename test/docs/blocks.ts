// The fenced code blocks of the docs, and how test/docs/code-blocks.test.ts runs them.
//
// A block's info string is its language, then optionally one marker:
//   ```ts                          run (type-checked, then executed: with vitest when it imports it)
//   ```sh                          run with bash; `npx cognito-identity-model` is this checkout's CLI
//   ```sh continues                run in the same shell as the block before it (servers, files, env)
//   ```json                        parsed
//   ```ts typecheck-only: REASON   type-checked, not executed
//   ```sh no-run: REASON           not run (any language)
// GitHub highlights by the first word and shows nothing of the rest.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type Marker =
  | { kind: "run" }
  | { kind: "continues" }
  | { kind: "typecheck-only"; reason: string }
  | { kind: "no-run"; reason: string };

export interface Block {
  /** `README.md:27`: the file and the line of the opening fence. */
  id: string;
  file: string;
  line: number;
  lang: string;
  marker: Marker;
  code: string;
}

export interface ReadResult {
  blocks: Block[];
  problems: string[];
}

const SHELL = new Set(["sh", "bash"]);
const SESSION = new Set([...SHELL, "python"]);
const TYPESCRIPT = new Set(["ts", "typescript"]);
const RUNNABLE = new Set([...SESSION, ...TYPESCRIPT, "js", "json"]);

function marker(rest: string): Marker | string {
  if (rest === "") return { kind: "run" };
  if (rest === "continues") return { kind: "continues" };
  const exempt = /^(no-run|typecheck-only):\s*(\S.*)$/.exec(rest);
  if (exempt) return { kind: exempt[1] as "no-run" | "typecheck-only", reason: exempt[2]!.trim() };
  return `unknown marker '${rest}' (expected continues, typecheck-only: REASON or no-run: REASON)`;
}

/** The fenced blocks of one Markdown file (CommonMark fences), and what is wrong with any of them. */
export function readBlocks(file: string, text: string): ReadResult {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open as unknown as [string, string, string, string];
    const line = i + 1;
    const id = `${file}:${line}`;
    const closing = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`);
    const closingWithText = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*\\S`);
    const body: string[] = [];
    let closed = false;
    for (i++; i < lines.length; i++) {
      const text = lines[i]!;
      if (closing.test(text)) {
        closed = true;
        break;
      }
      if (closingWithText.test(text)) {
        problems.push(`${file}:${i + 1}: a fence with text after it inside the block of ${id}; a closing fence takes nothing after it`);
      }
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart());
    }
    if (!closed) problems.push(`${id}: the block is never closed`);
    const [lang = "", ...rest] = info.trim().split(/\s+/);
    const parsed = marker(rest.join(" "));
    if (typeof parsed === "string") {
      problems.push(`${id}: ${parsed}`);
      continue;
    }
    const block: Block = { id, file, line, lang, marker: parsed, code: body.join("\n") + "\n" };
    const previous = blocks.at(-1);
    const runs = (b: Block | undefined) => b !== undefined && (b.marker.kind === "run" || b.marker.kind === "continues");
    if (parsed.kind !== "no-run" && !RUNNABLE.has(lang)) {
      problems.push(`${id}: '${lang || "(no language)"}' blocks cannot be run; mark it no-run: REASON`);
    } else if (parsed.kind === "continues" && !SESSION.has(lang)) {
      problems.push(`${id}: only shell and python blocks continue the one before; make it self-contained`);
    } else if (parsed.kind === "continues" && !(runs(previous) && SESSION.has(previous!.lang))) {
      problems.push(`${id}: continues, but the block before it is no shell block that runs`);
    } else if (parsed.kind === "run" && lang === "python") {
      problems.push(`${id}: a python block runs in the shell of the block before it: mark it continues`);
    } else if (parsed.kind === "typecheck-only" && !TYPESCRIPT.has(lang)) {
      problems.push(`${id}: typecheck-only is for TypeScript blocks`);
    }
    blocks.push(block);
  }
  return { blocks, problems };
}

/** One thing to run: a TypeScript, JavaScript or JSON block, or a shell session (a block and those that continue it). */
export type Unit =
  | { kind: "ts"; block: Block; vitest: boolean }
  | { kind: "typecheck-only"; block: Block }
  | { kind: "js"; block: Block }
  | { kind: "json"; block: Block }
  | { kind: "session"; blocks: Block[] };

export function unitsOf(blocks: Block[]): Unit[] {
  const units: Unit[] = [];
  for (const block of blocks) {
    if (block.marker.kind === "no-run") continue;
    if (block.marker.kind === "continues") {
      const last = units.at(-1);
      if (last?.kind === "session" && last.blocks.at(-1)!.file === block.file) last.blocks.push(block);
      continue;
    }
    if (block.marker.kind === "typecheck-only") units.push({ kind: "typecheck-only", block });
    else if (TYPESCRIPT.has(block.lang)) units.push({ kind: "ts", block, vitest: /from\s+["']vitest["']/.test(block.code) });
    else if (block.lang === "js") units.push({ kind: "js", block });
    else if (block.lang === "json") units.push({ kind: "json", block });
    else if (SESSION.has(block.lang)) units.push({ kind: "session", blocks: [block] });
  }
  return units;
}

export const unitName = (unit: Unit): string =>
  unit.kind === "session" ? unit.blocks.map((b) => `${b.id} (${b.lang})`).join(" + ") : `${unit.block.id} (${unit.kind === "ts" && unit.vitest ? "vitest" : unit.kind})`;

export const slug = (block: Block): string => `${block.file.replace(/[^A-Za-z0-9]+/g, "-")}-${block.line}`;

/** The environment of a machine without AWS credentials or configuration, and of no test runner. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(AWS_|VITEST|CIM_)/.test(name) || name === "NODE_OPTIONS" || name === "TEST") continue;
    env[name] = value;
  }
  return { ...env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_EC2_METADATA_DISABLED: "true", AWS_PAGER: "" };
}

export interface Outcome {
  ok: boolean;
  output: string;
}

/** Runs a command to its end (or kills it after `timeoutMs`); `ok` when it exits 0. */
export function execute(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      output += `\n(killed after ${options.timeoutMs} ms)`;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 120_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, output: `${output}\n${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output: code === 0 ? output : `${output}\n(exit ${code ?? signal})` });
    });
  });
}

/** At most `n` of the functions it is given run at once. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < n) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // A waiting task takes this slot over, so none can slip in between.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** The port the docs' servers listen on (`serve`'s default): each session gets a free one instead. */
export const DOC_PORT = "4568";

// `npx cognito-identity-model ...` runs the CLI from the source. `serve` returns once it has printed
// its address and leaves the server running; the harness stops it when the session ends.
const NPX = `#!/usr/bin/env bash
set -euo pipefail
if [ "\${1:-}" != cognito-identity-model ]; then
  echo "npx \${1:-}: not a command of this project; mark the block no-run: REASON" >&2
  exit 127
fi
shift
cli=(node --import tsx "$DOC_BLOCK_REPO/src/cli.ts")
if [ "\${1:-}" != serve ]; then exec "\${cli[@]}" "$@"; fi
args=("$@")
case " $* " in *" --port "*|*" --port="*) ;; *) args+=(--port "$DOC_BLOCK_PORT") ;; esac
dir=$(mktemp -d "$DOC_BLOCK_SERVERS/serve.XXXXXX")
(
  "\${cli[@]}" "\${args[@]}" >"$dir/stdout" 2>"$dir/stderr" &
  echo $! >"$dir/pid"
  status=0
  wait $! || status=$?
  echo "$status" >"$dir/status"
) </dev/null >/dev/null 2>&1 &
for _ in $(seq 1200); do
  if [ -s "$dir/stdout" ] && [ "$(wc -l <"$dir/stdout")" -ge 1 ]; then head -n 1 "$dir/stdout"; exit 0; fi
  if [ -s "$dir/status" ]; then cat "$dir/stderr" >&2; exit "$(cat "$dir/status")"; fi
  sleep 0.05
done
echo "serve printed no address within 60 s" >&2
exit 1
`;

// Other npm commands install or run the whole suite: not something a doc block may do here.
const NPM = `#!/usr/bin/env bash
echo "npm $*: not run from a doc block; mark the block no-run: REASON" >&2
exit 127
`;

// An HTTP error status fails the block, as a wrong route or a refused request should.
const CURL = `#!/usr/bin/env bash
exec "$DOC_BLOCK_CURL" --fail-with-body "$@"
`;

export interface Scratch {
  root: string;
  /** A new, empty directory under the scratch root: packages resolve from there, the package itself to the source. */
  fresh(name: string): string;
  bin: string;
}

/** A scratch directory where `cognito-identity-model` is this checkout's source (tsconfig paths for tsc and tsx, aliases for vitest). */
export function makeScratch(repo: string): Scratch {
  const root = mkdtempSync(join(tmpdir(), "cim-doc-blocks-"));
  symlinkSync(join(repo, "node_modules"), join(root, "node_modules"), "dir");
  writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module", private: true }));
  const source = {
    "cognito-identity-model": [join(repo, "src/index.ts")],
    "cognito-identity-model/model": [join(repo, "src/model/index.ts")],
    "cognito-identity-model/testing": [join(repo, "src/testing/index.ts")],
    "cognito-identity-model/vitest": [join(repo, "src/testing/vitest.ts")],
    "cognito-identity-model/jest": [join(repo, "src/testing/jest.ts")],
  };
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({ extends: join(repo, "tsconfig.json"), compilerOptions: { paths: source, noEmit: true }, include: ["check/*.ts"] }, null, 2),
  );
  writeFileSync(
    join(root, "vitest.config.mjs"),
    `export default ${JSON.stringify({
      resolve: { alias: Object.entries(source).map(([name, [path]]) => ({ find: name, replacement: path })).reverse() },
      test: { include: ["**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
    })};\n`,
  );
  const bin = join(root, "bin");
  mkdirSync(bin);
  for (const [name, text] of [["npx", NPX], ["npm", NPM], ["curl", CURL]] as const) {
    writeFileSync(join(bin, name), text);
    chmodSync(join(bin, name), 0o755);
  }
  mkdirSync(join(root, "check"));
  mkdirSync(join(root, "runs"));
  return {
    root,
    bin,
    fresh(name) {
      const dir = join(root, "runs", name);
      mkdirSync(dir);
      return dir;
    },
  };
}

export interface Diagnostic {
  file: string;
  line: number;
  text: string;
}

/** tsc's diagnostics (`--pretty false`), each with the lines that continue it. */
export function parseDiagnostics(output: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split("\n")) {
    const head = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line);
    if (head) diagnostics.push({ file: head[1]!, line: Number(head[2]), text: head[4]! });
    else if (line.startsWith(" ") && diagnostics.length > 0) diagnostics.at(-1)!.text += `\n${line}`;
    else if (line.trim() !== "") diagnostics.push({ file: "", line: 0, text: line });
  }
  return diagnostics;
}

/** The bash script of a session: its shell blocks as written, its python blocks fed to python3. */
export function sessionScript(blocks: Block[], port: string): string {
  const parts = ["set -euo pipefail"];
  for (const block of blocks) {
    const code = block.code.replaceAll(DOC_PORT, port);
    parts.push(`printf '%s\\n' ${JSON.stringify(`--- ${block.id}`)} >&2`);
    parts.push(block.lang === "python" ? `python3 - <<'DOC_BLOCK_PYTHON'\n${code}DOC_BLOCK_PYTHON` : code);
  }
  return parts.join("\n") + "\n";
}

/**
 * Stops the servers a session's `npx cognito-identity-model serve` left running; each must exit 0 on
 * SIGTERM. A server that stopped before must have been stopped by a signal the session itself sent
 * (`killed`: its code has a `kill` command, as a guide that shows a crash does).
 */
export async function stopServers(dir: string, options: { killed?: boolean } = {}): Promise<string[]> {
  const problems: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.startsWith("serve."))) {
    const server = join(dir, name);
    const read = (file: string) => (existsSync(join(server, file)) ? readFileSync(join(server, file), "utf8").trim() : undefined);
    const exitedEarly = read("status");
    const pid = Number(read("pid"));
    if (exitedEarly === undefined && pid > 0) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone: its status says how
      }
    }
    let status = exitedEarly;
    for (let waited = 0; status === undefined && waited < 15_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = read("status");
    }
    const stderr = read("stderr") ?? "";
    const killedBySession = options.killed === true && (exitedEarly === "137" || exitedEarly === "143");
    if (killedBySession) continue;
    if (exitedEarly !== undefined) problems.push(`serve ${name} stopped before the session ended (exit ${exitedEarly}): ${stderr}`);
    else if (status !== "0") problems.push(`serve ${name} did not stop cleanly on SIGTERM (exit ${status ?? "none within 15 s"}): ${stderr}`);
  }
  return problems;
}
