// What a test starts from: a fresh fake, a client wired to it, a pool ready for guests (createTestbed);
// a server shared by the tests of one worker (sharedServer); the admin routes from a test (modelAdmin).
import { CognitoIdentityClient, type CognitoIdentityClientConfig } from "@aws-sdk/client-cognito-identity";
import { createFake, type Fake, type FakeOptions } from "../fake/index.js";
import type { Call, CallFilter } from "../fake/history.js";
import type { FaultInfo, FaultSpec } from "../fake/faults.js";
import { startServer, type RunningServer, type ServerOptions } from "../server/index.js";
import { guestPool, TEST_ACCOUNT, type PoolOptions, type PoolSetup } from "./builders.js";

export interface Testbed {
  fake: Fake;
  /** A client of the fake: Region us-east-1, an access key of account 123456789012. */
  client: CognitoIdentityClient;
  /** A pool that lets guests in, with its unauthenticated and authenticated roles. */
  pool: PoolSetup;
  /** What an app's client (e.g. `fromCognitoIdentityPool({ clientConfig })`) needs to reach the fake. */
  clientConfig: { region: string; requestHandler: Fake["requestHandler"] };
}

export interface TestbedOptions {
  fake?: FakeOptions;
  /** Merged into the client's configuration: `maxAttempts`, `retryStrategy`, ... */
  client?: Partial<CognitoIdentityClientConfig>;
  pool?: PoolOptions;
}

/** The client configuration of a fake (or a server's `requestHandler`/`endpoint`), with test credentials. */
export function testClientConfig(target: { requestHandler: Fake["requestHandler"] } | { url: string }, extra: Partial<CognitoIdentityClientConfig> = {}): CognitoIdentityClientConfig {
  return {
    region: "us-east-1",
    credentials: { accessKeyId: TEST_ACCOUNT, secretAccessKey: "test" },
    ...("url" in target ? { endpoint: target.url } : { requestHandler: target.requestHandler }),
    ...extra,
  };
}

/** A fresh fake, a client of it and a guest pool; the history starts empty (the pool's setup is not in it). */
export async function createTestbed(options: TestbedOptions = {}): Promise<Testbed> {
  const fake = createFake({ seed: 1, ...options.fake });
  const client = new CognitoIdentityClient(testClientConfig(fake, options.client));
  const pool = await guestPool(client, options.pool);
  fake.clearCalls();
  return { fake, client, pool, clientConfig: { region: "us-east-1", requestHandler: fake.requestHandler } };
}

// Kept on the process, not the module: a runner that loads modules afresh for each test file
// (vitest's isolation) still finds the worker's one server.
const SHARED = Symbol.for("cognito-identity-model.sharedServer");
const holder = globalThis as { [SHARED]?: Promise<RunningServer> | undefined };

/**
 * One server for every test of this process (a test worker), on a free port: started by the first
 * call, closed when the process ends or by `closeSharedServer`. Reset it between tests
 * (`server.service.reset()`); hand `server.url` (or `serverEnv(server)`) to clients in other languages.
 */
export function sharedServer(options: ServerOptions = {}): Promise<RunningServer> {
  holder[SHARED] ??= startServer({ port: 0, ...options }).then((server) => {
    server.server.unref();
    return server;
  });
  return holder[SHARED];
}

export async function closeSharedServer(): Promise<void> {
  const server = holder[SHARED];
  holder[SHARED] = undefined;
  if (server) await (await server).close();
}

/** The environment that points the AWS CLI, boto3 and the SDKs at a server, with test credentials. */
export function serverEnv(server: { url: string }): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_COGNITO_IDENTITY: server.url,
    AWS_ENDPOINT_URL_STS: server.url,
    AWS_ACCESS_KEY_ID: TEST_ACCOUNT,
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
  };
}

/** The admin routes of faults, calls and reset, from a test (FAULT-8, HIST-6). */
export interface ModelAdmin {
  /** GET /_model/calls */
  calls(filter?: Pick<CallFilter, "operation" | "service" | "ok">): Promise<Call[]>;
  /** POST /_model/faults */
  addFault(spec: Omit<FaultSpec, "when">): Promise<FaultInfo>;
  /** GET /_model/faults */
  faults(): Promise<FaultInfo[]>;
  /** DELETE /_model/faults */
  clearFaults(): Promise<void>;
  /** DELETE /_model/calls */
  clearCalls(): Promise<void>;
  /** POST /_model/reset */
  reset(): Promise<void>;
}

/** A client of a server's admin routes; `adminToken` when the server has one (WIRE-26). */
export function modelAdmin(url: string, options: { adminToken?: string } = {}): ModelAdmin {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...(options.adminToken ? { authorization: `Bearer ${options.adminToken}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  };
  return {
    calls: async (filter = {}) => {
      const query = new URLSearchParams();
      const operations = filter.operation === undefined ? [] : typeof filter.operation === "string" ? [filter.operation] : filter.operation;
      if (operations.length > 0) query.set("operation", operations.join(","));
      if (filter.service !== undefined) query.set("service", filter.service);
      if (filter.ok !== undefined) query.set("ok", String(filter.ok));
      const q = query.toString();
      return ((await call("GET", `/_model/calls${q ? `?${q}` : ""}`)) as { calls: Call[] }).calls;
    },
    addFault: async (spec) => (await call("POST", "/_model/faults", spec)) as FaultInfo,
    faults: async () => ((await call("GET", "/_model/faults")) as { faults: FaultInfo[] }).faults,
    clearFaults: async () => void (await call("DELETE", "/_model/faults")),
    clearCalls: async () => void (await call("DELETE", "/_model/calls")),
    reset: async () => void (await call("POST", "/_model/reset")),
  };
}
