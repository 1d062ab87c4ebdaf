// The package as a consumer gets it: packed, installed from the tarball into scratch projects with
// their own TypeScript and @types/node, type-checked under `skipLibCheck: false` with each module
// setting the README names, and run with node.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const { version: typescriptVersion } = JSON.parse(readFileSync(join(root, "node_modules/typescript/package.json"), "utf8")) as { version: string };
const { version: vitestVersion } = JSON.parse(readFileSync(join(root, "node_modules/vitest/package.json"), "utf8")) as { version: string };
const TYPES_NODE = ["20", "latest"] as const;
const TIMEOUT = 300_000;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

async function succeed(command: string, args: readonly string[], cwd: string): Promise<string> {
  const outcome = await run(command, args, cwd);
  if (outcome.code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${outcome.code}\n${outcome.stdout}\n${outcome.stderr}`);
  return outcome.stdout;
}

const PROVIDER = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example";

// Every public entry point and the SDK, as a consumer's test would use them.
const ESM_CONSUMER = `import { CognitoIdentityClient, CreateIdentityPoolCommand, GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { createFake, startServer, testToken, userPoolConfig, type Fake } from "cognito-identity-model";
import { initialState, step, type State } from "cognito-identity-model/model";
import { cognitoMatchers, createTestbed, type Testbed } from "cognito-identity-model/testing";

const provider = "${PROVIDER}";
const fake: Fake = createFake({ seed: 1 });
const client = new CognitoIdentityClient({ region: "us-east-1", requestHandler: fake.requestHandler, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
const pool = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "app", AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: [{ ProviderName: provider, ClientId: "client" }] }));
const identity = await client.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId!, Logins: { [provider]: testToken(provider, { sub: "alice", aud: "client" }) } }));

const state: State = initialState();
const [, listed] = step(state, { op: "ListIdentityPools", input: { MaxResults: 10 }, context: { account: "123456789012", region: "us-east-1", now: 0 } });

const server = await startServer({ port: 0 });
const config = await userPoolConfig([{ providerName: provider, jwksUrl: server.url + "/.well-known/jwks.json" }]);
await server.close();

// The testing entry point, without a test runner: a fault, the history, a matcher called by hand.
const bed: Testbed = await createTestbed();
bed.fake.faults.add({ operation: "GetId", error: "TooManyRequestsException" });
const throttled = await bed.client.send(new GetIdCommand({ IdentityPoolId: bed.pool.IdentityPoolId })).then(() => "answered", (e: Error) => e.name);
const matched = cognitoMatchers.toHaveReceivedCommandTimes.call({}, bed.fake, GetIdCommand, 2).pass;
console.log(JSON.stringify({ pool: pool.IdentityPoolId, identity: identity.IdentityId, listed: listed.ok, jwks: Object.keys(config.tokens?.loginJwks ?? {}), testing: { throttled, matched } }));
`;

// The vitest entry point's types: the fixtures and the matchers on vitest's expect.
const VITEST_CONSUMER = `import { GetIdCommand } from "@aws-sdk/client-cognito-identity";
import { expect } from "vitest";
import { cognitoTest, test } from "cognito-identity-model/vitest";

test("a guest", async ({ fake, client, pool }) => {
  await client.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
  expect(fake).toHaveReceivedCommandWith(GetIdCommand, { IdentityPoolId: pool.IdentityPoolId });
  expect(fake.calls).toHaveReceivedCommandTimes(GetIdCommand, 1);
});
cognitoTest({ client: { maxAttempts: 1 } })("a server", async ({ cognitoServer }) => {
  expect(cognitoServer.url).toMatch(/^http/);
});
`;

// A CommonJS file: TypeScript compiles these imports to require() calls.
const CJS_CONSUMER = `import { CognitoIdentityClient, CreateIdentityPoolCommand } from "@aws-sdk/client-cognito-identity";
import { createFake } from "cognito-identity-model";
import { initialState, step } from "cognito-identity-model/model";

async function main(): Promise<void> {
  const fake = createFake({ seed: 1 });
  const client = new CognitoIdentityClient({ region: "us-east-1", requestHandler: fake.requestHandler, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
  const pool = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "app", AllowUnauthenticatedIdentities: true }));
  const [, listed] = step(initialState(), { op: "ListIdentityPools", input: { MaxResults: 10 }, context: { account: "123456789012", region: "us-east-1", now: 0 } });
  console.log(JSON.stringify({ pool: pool.IdentityPoolId, listed: listed.ok }));
}
void main();
`;

const CJS_DYNAMIC_CONSUMER = `async function main(): Promise<void> {
  const { createFake } = await import("cognito-identity-model");
  const { initialState } = await import("cognito-identity-model/model");
  console.log(typeof createFake({ seed: 1 }).requestHandler, initialState() !== undefined);
}
void main();
`;

interface Case {
  commonjs: boolean;
  module: string;
  moduleResolution?: string;
  files: Record<string, string>;
  /** Emit to out/ (to run with node). */
  emit?: boolean;
}

const CASES = {
  esmNode16: { commonjs: false, module: "node16", moduleResolution: "node16", files: { "consumer.ts": ESM_CONSUMER }, emit: true },
  esmNodeNext: { commonjs: false, module: "nodenext", moduleResolution: "nodenext", files: { "consumer.ts": ESM_CONSUMER } },
  esmBundler: { commonjs: false, module: "esnext", moduleResolution: "bundler", files: { "consumer.ts": ESM_CONSUMER } },
  cjsNodeNext: { commonjs: true, module: "nodenext", files: { "consumer.ts": CJS_CONSUMER }, emit: true },
  cjsNode16: { commonjs: true, module: "node16", files: { "static.ts": CJS_CONSUMER, "dynamic.ts": CJS_DYNAMIC_CONSUMER } },
  esmVitest: { commonjs: false, module: "nodenext", moduleResolution: "nodenext", files: { "consumer.test.ts": VITEST_CONSUMER } },
} satisfies Record<string, Case>;

const scratch = mkdtempSync(join(tmpdir(), "cim-consumer-"));
const installs = new Map<string, string>();

// Two type checks at a time: each is a few seconds of one core.
let freeSlots = 2;
const queued: (() => void)[] = [];
async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (freeSlots === 0) await new Promise<void>((resolve) => queued.push(resolve));
  else freeSlots--;
  try {
    return await task();
  } finally {
    const next = queued.shift();
    if (next) next();
    else freeSlots++;
  }
}

/** Type-checks `c` in its own project beside the shared node_modules, which it resolves from above. */
async function typeCheck(types: string, name: keyof typeof CASES): Promise<{ dir: string; errors: string }> {
  const c: Case = CASES[name];
  const install = installs.get(types)!;
  const dir = join(install, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify(c.commonjs ? { private: true } : { private: true, type: "module" }));
  for (const [file, source] of Object.entries(c.files)) writeFileSync(join(dir, file), source);
  const compilerOptions = {
    strict: true,
    skipLibCheck: false,
    target: "ES2022",
    lib: ["ES2023"],
    types: ["node"],
    module: c.module,
    ...(c.moduleResolution === undefined ? {} : { moduleResolution: c.moduleResolution }),
    ...(c.emit ? { outDir: "out" } : { noEmit: true }),
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: Object.keys(c.files) }));
  const outcome = await limited(() => run(process.execPath, [join(install, "node_modules/typescript/bin/tsc"), "-p", "."], dir));
  return { dir, errors: outcome.code === 0 ? "" : outcome.stdout + outcome.stderr };
}

async function runConsumer(dir: string): Promise<string> {
  return (await succeed(process.execPath, ["out/consumer.js"], dir)).trim();
}

beforeAll(async () => {
  // prepack builds dist/ first.
  await succeed("npm", ["pack", "--pack-destination", scratch, "--silent"], root);
  const tarball = join(scratch, readdirSync(scratch).find((f) => f.endsWith(".tgz"))!);
  await Promise.all(
    TYPES_NODE.map(async (types) => {
      const install = join(scratch, `types-node-${types}`);
      mkdirSync(install);
      writeFileSync(join(install, "package.json"), JSON.stringify({ private: true, type: "module" }));
      // vitest, an optional peer, only where the vitest entry point is type-checked.
      const vitest = types === "latest" ? [`vitest@${vitestVersion}`] : [];
      const dependencies = [tarball, `typescript@${typescriptVersion}`, `@types/node@${types}`, "@aws-sdk/client-cognito-identity", ...vitest];
      await succeed("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...dependencies], install);
      installs.set(types, install);
    }),
  );
}, TIMEOUT);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the packed package", () => {
  const installed = () => join(installs.get("latest")!, "node_modules/cognito-identity-model");

  it("holds the build, spec, docs, README and LICENSE, nothing else, and every relative link of the README resolves in it", ({ expect }) => {
    expect(readdirSync(installed()).sort()).toEqual(["LICENSE", "README.md", "dist", "docs", "package.json", "spec"]);
    const readme = readFileSync(join(installed(), "README.md"), "utf8");
    const links = [...readme.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)].map((m) => m[1]!).filter((link) => !/^[a-z]+:/.test(link));
    expect(links).toContain("docs/using-the-fake.md");
    for (const link of links) expect(existsSync(join(installed(), link)), link).toBe(true);
  });

  it("runs no script of its own when installed: it is built before it is packed", ({ expect }) => {
    const { scripts = {} } = JSON.parse(readFileSync(join(installed(), "package.json"), "utf8")) as { scripts?: Record<string, string> };
    expect(Object.keys(scripts).filter((name) => ["preinstall", "install", "postinstall", "prepare"].includes(name))).toEqual([]);
    expect(existsSync(join(installed(), "dist/src/index.d.ts"))).toBe(true);
  });
});

describe("a consumer of the packed package with vitest", () => {
  it("the vitest entry point type-checks: its fixtures, and the matchers on vitest's expect", async ({ expect }) => {
    expect((await typeCheck("latest", "esmVitest")).errors).toBe("");
  }, TIMEOUT);

  it("the main and testing entry points load no test runner", ({ expect }) => {
    const dist = join(installs.get("20")!, "node_modules/cognito-identity-model/dist/src");
    expect(existsSync(join(installs.get("20")!, "node_modules/vitest"))).toBe(false);
    for (const file of ["index.js", "testing/index.js", "testing/matchers.js", "testing/testbed.js", "testing/builders.js"]) {
      expect(readFileSync(join(dist, file), "utf8"), file).not.toMatch(/from "(vitest|@jest\/globals|jest)"/);
    }
  });
});

describe.concurrent.each(TYPES_NODE)("a consumer of the packed package with @types/node@%s", (types) => {
  it("ESM, module and moduleResolution node16: type-checks, and runs: a pool through the fake, JWKS from the server", async ({ expect }) => {
    const { dir, errors } = await typeCheck(types, "esmNode16");
    expect(errors).toBe("");
    const printed = JSON.parse(await runConsumer(dir)) as Record<string, unknown>;
    expect(printed).toMatchObject({ listed: true, jwks: [PROVIDER], testing: { throttled: "answered", matched: true } });
    expect(printed.pool).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(printed.identity).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
  }, TIMEOUT);

  it("ESM, module and moduleResolution nodenext: type-checks", async ({ expect }) => {
    expect((await typeCheck(types, "esmNodeNext")).errors).toBe("");
  }, TIMEOUT);

  it("ESM, module esnext and moduleResolution bundler: type-checks", async ({ expect }) => {
    expect((await typeCheck(types, "esmBundler")).errors).toBe("");
  }, TIMEOUT);

  it("CommonJS, module nodenext: import compiles to require(), type-checks, and runs on this Node", async ({ expect }) => {
    const { dir, errors } = await typeCheck(types, "cjsNodeNext");
    expect(errors).toBe("");
    expect(readFileSync(join(dir, "out/consumer.js"), "utf8")).toContain('require("cognito-identity-model")');
    expect(JSON.parse(await runConsumer(dir))).toMatchObject({ listed: true, pool: expect.stringMatching(/^us-east-1:/) });
  }, TIMEOUT);

  it("CommonJS, module node16: the static imports are refused (TS1479), await import() type-checks", async ({ expect }) => {
    const { errors } = await typeCheck(types, "cjsNode16");
    const found = [...errors.matchAll(/^(\S+)\(\d+,\d+\): error (TS\d+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(found).toEqual(["static.ts TS1479", "static.ts TS1479"]);
  }, TIMEOUT);
});
