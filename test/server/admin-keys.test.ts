// WIRE-19: snapshots leave the configured private signing key out unless asked for behind the admin
// token, and a restore never replaces the signing key (else /.well-known/jwks.json would serve the
// restorer's key).
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFake } from "../../src/fake/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { request } from "./raw.js";

const privateJwk = () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
const ours = privateJwk();
const theirs = privateJwk();
const config = { tokens: { signingKey: { kid: "ours", alg: "RS512" as const, privateJwk: ours } } };
const TOKEN = "admin-token-for-keys";

let open: RunningServer;
let locked: RunningServer;
beforeAll(async () => {
  open = await startServer({ port: 0, config });
  locked = await startServer({ port: 0, config, adminToken: TOKEN });
});
afterAll(async () => {
  await open.close();
  await locked.close();
});

const get = (server: RunningServer, path: string, headers: Record<string, string> = {}) => request(server.url, { method: "GET", path, headers });

describe("private keys and snapshots", () => {
  it("WIRE-19: GET /_model/state holds no private key material", async () => {
    const answer = await get(open, "/_model/state");
    expect(answer.status).toBe(200);
    expect(answer.body).not.toContain(ours.d!);
    expect(answer.body).not.toContain('"signingKey"');
  });

  it("WIRE-19: the key is served only when asked for, and only with the admin token", async () => {
    expect((await get(open, "/_model/state?privateKeys=true")).status).toBe(403);
    const withToken = await get(locked, "/_model/state?privateKeys=true", { Authorization: `Bearer ${TOKEN}` });
    expect(withToken.status).toBe(200);
    expect(withToken.body).toContain(ours.d!);
    expect((await get(locked, "/_model/state", { Authorization: `Bearer ${TOKEN}` })).body).not.toContain(ours.d!);
  });

  it("WIRE-19: PUT /_model/state cannot replace the signing key; the JWKS stays ours", async () => {
    const before = (await get(open, "/.well-known/jwks.json")).body;
    const snapshot = JSON.parse((await get(open, "/_model/state")).body);
    snapshot.state.config.tokens.signingKey = { kid: "theirs", alg: "RS512", privateJwk: theirs };
    const put = await request(open.url, { method: "PUT", path: "/_model/state", headers: { "Content-Type": "application/json" }, body: JSON.stringify(snapshot) });
    expect(put.status).toBe(200);
    const after = (await get(open, "/.well-known/jwks.json")).body;
    expect(after).toBe(before);
    expect(after).toContain(ours.n!);
    expect(after).not.toContain(theirs.n!);
  });

  it("WIRE-19: in process too: fake.snapshot() leaves the key out unless asked, and restore keeps the fake's key", () => {
    const fake = createFake({ config });
    expect(JSON.stringify(fake.snapshot())).not.toContain(ours.d!);
    expect(JSON.stringify(fake.snapshot({ includePrivateKeys: true }))).toContain(ours.d!);
    const other = createFake({ config: { tokens: { signingKey: { kid: "theirs", alg: "RS512", privateJwk: theirs } } } });
    fake.restore(other.snapshot({ includePrivateKeys: true }));
    expect(fake.jwks().keys[0]).toMatchObject({ kid: "ours", n: ours.n });
  });
});
