// WIRE-25, WIRE-26: the admin routes answer no web page of another origin, no request addressed to a
// foreign Host (DNS rebinding), and, with a token configured, only callers that show it; the AWS
// routes keep their CORS for browser apps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exposedAdminWarning, isAllowedHost } from "../../src/server/admin-guard.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { awsHeaders, request } from "./raw.js";

let open: RunningServer;
let locked: RunningServer;
const TOKEN = "s3cret-admin-token";
beforeAll(async () => {
  open = await startServer({ port: 0, seed: 21, allowedHosts: ["cognito.test"] });
  locked = await startServer({ port: 0, seed: 22, adminToken: TOKEN });
});
afterAll(async () => {
  await open.close();
  await locked.close();
});

const host = (server: RunningServer, name = "127.0.0.1") => `${name}:${server.port}`;

async function poolCount(server: RunningServer): Promise<number> {
  const answer = await request(server.url, { headers: awsHeaders("ListIdentityPools"), body: JSON.stringify({ MaxResults: 60 }) });
  return (JSON.parse(answer.body) as { IdentityPools: unknown[] }).IdentityPools.length;
}

describe("admin routes and web pages", () => {
  it("WIRE-25: a request from a page of another origin is refused, without CORS headers, for every admin route", async () => {
    for (const [method, path] of [["GET", "/_model/state"], ["GET", "/_model/health"], ["PUT", "/_model/state"], ["GET", "/_model/credentials/ASIAX"]] as const) {
      const answer = await request(open.url, { method, path, headers: { Origin: "https://evil.example" }, body: method === "PUT" ? "{}" : "" });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
      expect(JSON.parse(answer.body).error).toMatch(/another origin/);
    }
  });

  it("WIRE-25: a cross-origin reset (a form-like text/plain POST) changes nothing", async () => {
    await request(open.url, { headers: awsHeaders("CreateIdentityPool"), body: JSON.stringify({ IdentityPoolName: "kept", AllowUnauthenticatedIdentities: true }) });
    const answer = await request(open.url, { path: "/_model/reset", headers: { Origin: "https://evil.example", "Content-Type": "text/plain" }, body: "x" });
    expect(answer.status).toBe(403);
    expect(await poolCount(open)).toBe(1);
  });

  it("WIRE-25: no preflight is granted on admin routes; the AWS routes still grant theirs and answer any origin", async () => {
    const preflight = await request(open.url, { method: "OPTIONS", path: "/_model/state", headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "PUT" } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    const aws = await request(open.url, { method: "OPTIONS", path: "/", headers: { Origin: "https://app.example", "Access-Control-Request-Method": "POST" } });
    expect(aws.status).toBe(204);
    expect(aws.headers["access-control-allow-origin"]).toBe("*");
    const call = await request(open.url, { headers: { ...awsHeaders("ListIdentityPools"), Origin: "https://app.example" }, body: JSON.stringify({ MaxResults: 1 }) });
    expect(call.status).toBe(200);
    expect(call.headers["access-control-allow-origin"]).toBe("*");
  });

  it("WIRE-25: a foreign Host (DNS rebinding) is refused; IP addresses, localhost and configured names are served", async () => {
    const rebound = await request(open.url, { path: "/_model/state", method: "GET", headers: { Host: `attacker.example:${open.port}` } });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error).toMatch(/Host was 'attacker.example:/);
    for (const name of ["127.0.0.1", "localhost", "cognito.test", "[::1]"]) {
      const answer = await request(open.url, { path: "/_model/health", method: "GET", headers: { Host: host(open, name) } });
      expect(answer.status, name).toBe(200);
    }
    const wrongPort = await request(open.url, { path: "/_model/health", method: "GET", headers: { Host: "127.0.0.1:1" } });
    expect(wrongPort.status).toBe(403);
    // The page's own origin is not foreign.
    const same = await request(open.url, { path: "/_model/health", method: "GET", headers: { Origin: `http://${host(open)}` } });
    expect(same.status).toBe(200);
  });

  it("WIRE-25: Host matching is exact about names and ports", () => {
    const access = { port: 4568, allowedHosts: ["Box.Local"] };
    expect(["127.0.0.1:4568", "10.1.2.3:4568", "[::1]:4568", "localhost:4568", "box.local:4568", "BOX.LOCAL:4568"].map((h) => isAllowedHost(h, access))).toEqual([true, true, true, true, true, true]);
    expect(["127.0.0.1:4569", "localhost.evil:4568", "box.local.evil:4568", "", "a:b:c", undefined].map((h) => isAllowedHost(h, access))).toEqual([false, false, false, false, false, false]);
    expect(isAllowedHost("localhost", { port: 80 })).toBe(true);
  });
});

describe("the admin token", () => {
  it("WIRE-26: with a token every admin route needs it; without it or with another, 401", async () => {
    const missing = await request(locked.url, { path: "/_model/state", method: "GET" });
    expect(missing.status).toBe(401);
    expect(missing.headers["www-authenticate"]).toMatch(/^Bearer /);
    const wrong = await request(locked.url, { path: "/_model/reset", headers: { Authorization: "Bearer nope-nope-nope" } });
    expect(wrong.status).toBe(401);
    const right = await request(locked.url, { path: "/_model/health", method: "GET", headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    // The AWS routes need no admin token.
    const aws = await request(locked.url, { headers: awsHeaders("ListIdentityPools"), body: JSON.stringify({ MaxResults: 1 }) });
    expect(aws.status).toBe(200);
  });

  it("WIRE-26: with signature verification on and no token, the admin routes are closed", async () => {
    const verifying = await startServer({ port: 0, verifySignatures: true, secretKeys: {} });
    try {
      const answer = await request(verifying.url, { path: "/_model/state", method: "GET" });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body).error).toMatch(/signature verification is on/);
    } finally {
      await verifying.close();
    }
  });

  it("WIRE-26: serve warns when it listens beyond this machine without a token", () => {
    expect(exposedAdminWarning("0.0.0.0", undefined)).toMatch(/without --admin-token/);
    expect(exposedAdminWarning("192.168.1.5", undefined)).toMatch(/anyone who can reach this address/);
    expect(exposedAdminWarning("0.0.0.0", TOKEN)).toBeUndefined();
    expect(exposedAdminWarning("127.0.0.1", undefined)).toBeUndefined();
    expect(exposedAdminWarning("::1", undefined)).toBeUndefined();
  });
});
