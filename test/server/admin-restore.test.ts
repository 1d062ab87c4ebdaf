// WIRE-29 over HTTP: PUT /_model/state refuses a snapshot that would break later requests, naming the
// first bad path, and the state stays as it was; the requests that used to answer 500 or overwrite
// a pool answer as before the refused restore.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testToken } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { call } from "./raw.js";

let server: RunningServer;
const logged: string[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 11, log: (line) => logged.push(line) });
});
afterAll(() => server.close());

const GOOGLE = "accounts.google.com";
const googleKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
let poolId: string;
let identityId: string;
type Body = { state: Record<string, any> } & Record<string, unknown>;
let saved: Body;

beforeEach(async () => {
  await fetch(`${server.url}/_model/reset`, { method: "POST" });
  const created = await call(server.url, "CreateIdentityPool", { IdentityPoolName: "first", AllowUnauthenticatedIdentities: true, SupportedLoginProviders: { [GOOGLE]: "app" } });
  poolId = JSON.parse(created.body).IdentityPoolId;
  identityId = JSON.parse((await call(server.url, "GetId", { IdentityPoolId: poolId })).body).IdentityId;
  saved = (await getState()) as Body;
  logged.length = 0;
});

const getState = async () => (await (await fetch(`${server.url}/_model/state`)).json()) as unknown;
const stateText = async () => (await fetch(`${server.url}/_model/state`)).text();

async function put(body: unknown): Promise<{ status: number; error?: string }> {
  const response = await fetch(`${server.url}/_model/state`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await response.json()) as { error?: string };
  return { status: response.status, error: json.error };
}

/** PUTs a broken copy of the saved snapshot: expects 400 with `reason`, and the state byte-identical. */
async function expectRefused(edit: (snapshot: Body) => void, reason: string | RegExp): Promise<void> {
  const broken = structuredClone(saved);
  edit(broken);
  const before = await stateText();
  const answer = await put(broken);
  expect(answer.status).toBe(400);
  if (typeof reason === "string") expect(answer.error).toBe(reason);
  else expect(answer.error).toMatch(reason);
  expect(await stateText()).toBe(before);
}

describe("PUT /_model/state validates the whole snapshot", () => {
  it("WIRE-29: a pool whose cognitoIdentityProviders is no list is refused; DescribeIdentityPool still answers 200", async () => {
    await expectRefused((s) => {
      s.state.namespaces[0].pools[0].cognitoIdentityProviders = "not a list";
    }, "snapshot.state.namespaces[0].pools[0].cognitoIdentityProviders: expected a list");
    const described = await call(server.url, "DescribeIdentityPool", { IdentityPoolId: poolId });
    expect(described.status).toBe(200);
    expect(JSON.parse(described.body).IdentityPoolName).toBe("first");
    expect(logged).toEqual([]);
  });

  it("WIRE-29: a signing key without n and d is refused; GetOpenIdToken still signs with the service's key", async () => {
    const { n, d, ...partial } = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
    expect([n, d].every((v) => typeof v === "string")).toBe(true);
    await expectRefused((s) => {
      s.state.config.tokens.signingKey = { kid: "broken", alg: "RS256", privateJwk: partial };
    }, /^snapshot\.state\.config\.tokens\.signingKey\.privateJwk: not a private key of RS256/);
    const token = await call(server.url, "GetOpenIdToken", { IdentityId: identityId });
    expect(token.status).toBe(200);
    expect(logged).toEqual([]);
  });

  it("WIRE-29: a login JWKS whose keys are no list is refused; GetId with a signed token of that provider still answers 200", async () => {
    await expectRefused((s) => {
      s.state.config.tokens.loginJwks = { [GOOGLE]: { keys: "none" } };
    }, `snapshot.state.config.tokens.loginJwks["${GOOGLE}"].keys: expected a list`);
    const token = testToken(GOOGLE, { sub: "u1", aud: "app" }, { signWith: { privateJwk: googleKey, kid: "g1" } });
    const got = await call(server.url, "GetId", { IdentityPoolId: poolId, Logins: { [GOOGLE]: token } });
    expect(got.status).toBe(200);
    expect(logged).toEqual([]);
  });

  it("WIRE-29: an id counter past the generator's range is refused; the next CreateIdentityPool keeps the first pool", async () => {
    await expectRefused((s) => {
      s.state.ids.counter = 4294967296;
    }, "snapshot.state.ids.counter: expected a whole number from 0 to 4294967295");
    const second = JSON.parse((await call(server.url, "CreateIdentityPool", { IdentityPoolName: "second", AllowUnauthenticatedIdentities: true })).body);
    expect(second.IdentityPoolId).not.toBe(poolId);
    const first = JSON.parse((await call(server.url, "DescribeIdentityPool", { IdentityPoolId: poolId })).body);
    expect(first.IdentityPoolName).toBe("first");
  });

  it("WIRE-29: an id counter that would give an id in use again is refused", async () => {
    await expectRefused((s) => {
      s.state.ids.counter = 0;
    }, `snapshot.state.ids.counter: 0 would make ${poolId} again (snapshot.state.namespaces[0].pools[0].id); the counter must be past every id the generator made`);
  });

  it("WIRE-29: the snapshot as saved restores, and so do snapshots that only lack what older versions lacked", async () => {
    expect(await put(saved)).toEqual({ status: 200, error: undefined });
    const { poolData, credentials, ...older } = saved.state;
    expect([poolData, credentials].every(Array.isArray)).toBe(true);
    expect(await put({ ...saved, state: older })).toEqual({ status: 200, error: undefined });
  });
});
