// A property over the admin routes (WIRE-31): random methods, paths under /_model/, Host, Origin,
// Authorization and Content-Type headers, and bodies (random JSON, mutated and truncated real
// snapshots, bodies over the limit, deeply nested ones) against running servers, one open and one
// with an admin token. The server never fails or answers 500; every answer is JSON, a refusal with
// an `error`; a refused request leaves the state byte for byte as it was; a foreign Origin or Host
// is always 403; and the AWS API still answers afterwards.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testToken } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { mutated } from "../model/snapshot-mutations.js";
import { call, request } from "./raw.js";

const TOKEN = "fuzz-admin-token";
const MAX_STATE_BYTES = 256 * 1024;
const FACEBOOK = "graph.facebook.com";
const logged: string[] = [];

let open: RunningServer;
let locked: RunningServer;
let saved: unknown;

async function populate(server: RunningServer): Promise<void> {
  const pool = JSON.parse((await call(server.url, "CreateIdentityPool", { IdentityPoolName: "fuzz", AllowUnauthenticatedIdentities: true, SupportedLoginProviders: { [FACEBOOK]: "app" }, IdentityPoolTags: { team: "a" } })).body);
  const IdentityPoolId = pool.IdentityPoolId as string;
  await call(server.url, "SetIdentityPoolRoles", { IdentityPoolId, Roles: { unauthenticated: "arn:aws:iam::123456789012:role/guest", authenticated: "arn:aws:iam::123456789012:role/user" } });
  const Logins = { [FACEBOOK]: testToken(FACEBOOK, { sub: "u1", aud: "app" }) };
  const { IdentityId } = JSON.parse((await call(server.url, "GetId", { IdentityPoolId, Logins })).body);
  await call(server.url, "GetCredentialsForIdentity", { IdentityId, Logins });
  await call(server.url, "GetId", { IdentityPoolId });
}

beforeAll(async () => {
  const options = { port: 0, seed: 31, maxStateBytes: MAX_STATE_BYTES, log: (line: string) => logged.push(line) };
  open = await startServer(options);
  locked = await startServer({ ...options, adminToken: TOKEN });
  await populate(open);
  await populate(locked);
  saved = await (await fetch(`${open.url}/_model/state`)).json();
});
afterAll(async () => {
  await open.close();
  await locked.close();
});

const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });

/**
 * A Host header and whether the admin routes refuse it (WIRE-25), for a server on `port`. Never
 * absent: node's HTTP parser answers an HTTP/1.1 request without one itself (WIRE-20).
 */
type HostChoice = { value: string; foreign: boolean };
const hostArb = (port: number): fc.Arbitrary<HostChoice> =>
  fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`).map((value) => ({ value, foreign: false })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.constantFrom(`attacker.example:${port}`, `127.0.0.1:${port + 1}`, "127.0.0.1", "localhost", "", `127.0.0.1:${port}:1`), printable(20).map((s) => `zz${s.replace(/:/g, "")}.example:${port}`))
        .map((value) => ({ value, foreign: true })),
    },
  );

type OriginChoice = { value: string | undefined; same: boolean } | "own";
const originArb: fc.Arbitrary<OriginChoice> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ value: undefined, same: true }) },
  { weight: 2, arbitrary: fc.constant("own" as const) },
  { weight: 2, arbitrary: fc.oneof(fc.constantFrom("https://evil.example", "null", "http://localhost:1", "file://"), printable(20).map((s) => `https://zz${s}`)).map((value) => ({ value, same: false })) },
);

const authArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constant(`Bearer ${TOKEN}`) },
  { weight: 2, arbitrary: fc.oneof(printable(30), printable(20).map((s) => `Bearer ${s}`), fc.constant(`bearer ${TOKEN}`), fc.constant(`Bearer ${TOKEN}x`)) },
);

const pathArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("/_model/state", "/_model/state?privateKeys=true", "/_model/health", "/_model/reset", "/_model/iam/roles", "/_model/credentials/ASIAXXXXXXXXXXXXXXXX") },
  { weight: 1, arbitrary: fc.constantFrom("/_model", "/_model/", "/_model//state", "/_model/state/", "/_model/../_model/state", "/_model/credentials/", "/_model/credentials/a/b", "/_model/%zz", "/_model/state?privateKeys=true&x") },
  { weight: 2, arbitrary: printable(24).map((s) => `/_model/${encodeURIComponent(s)}`) },
  { weight: 1, arbitrary: printable(24).map((s) => `/_model/credentials/${encodeURIComponent(s)}`) },
);

const nested = (depth: number, open: string, close: string, inner = "1") => open.repeat(depth) + inner + close.repeat(depth);
const bodyArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant("") },
  { weight: 3, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 6, arbitrary: fc.constant(null).chain(() => mutated(saved)).map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2000 }).map((cut) => JSON.stringify(saved).slice(0, cut)) },
  { weight: 1, arbitrary: fc.constant(JSON.stringify(saved)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4096 }).map((extra) => " ".repeat(MAX_STATE_BYTES + extra)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4096 }).map((extra) => `[${"0,".repeat((MAX_STATE_BYTES + extra) / 2)}0]`) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 10, max: 100_000 }).chain((depth) =>
      fc.constantFrom(
        nested(depth, "[", "]"),
        nested(depth, '{"a":', "}"),
        JSON.stringify({ Roles: [{ Arn: "arn:aws:iam::123456789012:role/r", AssumeRolePolicyDocument: "__DEEP__" }] }).replace('"__DEEP__"', nested(depth, '{"Statement":', "}")),
        JSON.stringify({ ...(saved as object), state: "__DEEP__" }).replace('"__DEEP__"', nested(depth, "[", "]")),
      ),
    ),
  },
);

// Most requests replace the state or the roles, where the bodies matter; the others are any method on any path.
const routeArb = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ method: "PUT", path: "/_model/state" }) },
  { weight: 2, arbitrary: fc.constant({ method: "PUT", path: "/_model/iam/roles" }) },
  { weight: 5, arbitrary: fc.record({ method: fc.constantFrom("GET", "GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "PROPFIND"), path: pathArb }) },
);

const requestArb = (server: RunningServer) =>
  fc.record({
    route: routeArb,
    host: hostArb(server.port),
    origin: originArb,
    auth: authArb,
    contentType: fc.option(fc.oneof(fc.constantFrom("application/json", "text/plain", "application/x-amz-json-1.1"), printable(30)), { nil: undefined }),
    body: bodyArb,
  });

const stateText = async (server: RunningServer) => {
  const response = await fetch(`${server.url}/_model/state`, { headers: server === locked ? { authorization: `Bearer ${TOKEN}` } : {} });
  expect(response.status).toBe(200);
  return response.text();
};

describe("admin routes under random requests", () => {
  for (const name of ["open", "locked"] as const) {
    it(`WIRE-31, WIRE-25, WIRE-29: any request to the ${name} server is answered in JSON, never 5xx; refusals change nothing; foreign callers get 403`, async () => {
      const server = name === "open" ? open : locked;
      await fc.assert(
        fc.asyncProperty(requestArb(server), async (r) => {
          const before = await stateText(server);
          const origin = r.origin === "own" ? `http://${r.host.value}` : r.origin.value;
          const headers = { Host: r.host.value, Origin: origin, Authorization: r.auth, "Content-Type": r.contentType };
          const { method, path } = r.route;
          const answer = await request(server.url, { method, path, headers, body: r.body });

          expect(answer.status).toBeLessThan(500);
          expect(answer.headers["content-type"]).toBe("application/json");
          expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
          const parsed = JSON.parse(answer.body) as Record<string, unknown>;
          if (answer.status >= 400) expect(typeof parsed.error).toBe("string");

          const foreignOrigin = r.origin !== "own" && !r.origin.same;
          if (r.host.foreign || foreignOrigin || method === "OPTIONS") expect(answer.status).toBe(403);
          else if (name === "locked" && r.auth !== `Bearer ${TOKEN}`) expect(answer.status).toBe(401);
          else expect([200, 400, 403, 404, 405, 413]).toContain(answer.status);

          if (answer.status !== 200) expect(await stateText(server)).toBe(before);
        }),
        { numRuns: 150, seed: name === "open" ? 20261203 : 20261204 },
      );
      expect(logged).toEqual([]);
      // The AWS API still answers, on whatever state the run left.
      const created = await call(server.url, "CreateIdentityPool", { IdentityPoolName: "after", AllowUnauthenticatedIdentities: true });
      expect(created.status).toBe(200);
      expect((await call(server.url, "ListIdentityPools", { MaxResults: 60 })).status).toBe(200);
    });
  }
});
