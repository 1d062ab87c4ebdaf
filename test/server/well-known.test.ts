// WIRE-22: the OpenID keys and discovery document under /.well-known/.
import { generateKeyPairSync } from "node:crypto";
import { CognitoIdentityClient, CreateIdentityPoolCommand, GetIdCommand, GetOpenIdTokenCommand } from "@aws-sdk/client-cognito-identity";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFake } from "../../src/fake/index.js";
import { OPENID_ISSUER, openIdJwks, initialState } from "../../src/model/index.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { request, sendRaw } from "./raw.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, seed: 3 });
});
afterAll(() => server.close());

const get = (path: string, headers: Record<string, string | undefined> = {}) => request(server.url, { method: "GET", path, headers });

describe("/.well-known/", () => {
  it("WIRE-22, OIDC-6: jwks.json is the model's public keys as JSON, with the CORS headers", async () => {
    const answer = await get("/.well-known/jwks.json");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
    const jwks = JSON.parse(answer.body) as { keys: Record<string, unknown>[] };
    expect(jwks).toEqual(openIdJwks(initialState()));
    expect(jwks).toEqual(server.service.jwks());
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: "RSA", alg: "RS512", use: "sig", kid: expect.any(String), n: expect.any(String), e: "AQAB" })]);
    // Public keys only.
    expect(Object.keys(jwks.keys[0]!).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    // AWS's own path serves the same keys.
    expect(JSON.parse((await get("/.well-known/jwks_uri")).body)).toEqual(jwks);
  });

  it("WIRE-22, OIDC-6: openid-configuration names AWS's issuer and this server's jwks.json, from the Host header", async () => {
    const answer = await get("/.well-known/openid-configuration");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
    const document = JSON.parse(answer.body) as Record<string, unknown>;
    expect(document).toEqual(server.service.openIdConfiguration(server.url));
    expect(document).toMatchObject({ issuer: OPENID_ISSUER, jwks_uri: `${server.url}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ["RS512"] });

    // The address the client used, as its Host header says (a name, a port, an IPv6 literal).
    for (const host of ["localhost:4568", "cognito.test", "my_service:8080", "[::1]:9000"]) {
      expect(JSON.parse((await get("/.well-known/openid-configuration", { Host: host })).body)).toMatchObject({ jwks_uri: `http://${host}/.well-known/jwks.json` });
    }
    // A Host that is no host does not go into the URL: the server's own address does.
    for (const host of ["evil.test/path?", "a b", "user@host", "x:port"]) {
      expect(JSON.parse((await get("/.well-known/openid-configuration", { Host: host })).body)).toMatchObject({ jwks_uri: `${server.url}/.well-known/jwks.json` });
    }
    // HTTP/1.0 may omit Host.
    const old = await sendRaw(server.url, "GET /.well-known/openid-configuration HTTP/1.0\r\n\r\n");
    expect(JSON.parse(old.body)).toMatchObject({ jwks_uri: `${server.url}/.well-known/jwks.json` });
  });

  it("WIRE-22: a relying party discovers the keys and verifies a GetOpenIdToken token with jose", async () => {
    const client = new CognitoIdentityClient({ region: "us-east-1", endpoint: server.url, credentials: { accessKeyId: "123456789012", secretAccessKey: "s" } });
    const pool = await client.send(new CreateIdentityPoolCommand({ IdentityPoolName: "guests", AllowUnauthenticatedIdentities: true }));
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId }));
    const { Token } = await client.send(new GetOpenIdTokenCommand({ IdentityId }));
    const discovery = JSON.parse((await get("/.well-known/openid-configuration")).body) as { issuer: string; jwks_uri: string };
    const { payload } = await jwtVerify(Token!, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer: discovery.issuer, audience: pool.IdentityPoolId });
    expect(payload).toMatchObject({ sub: IdentityId, amr: ["unauthenticated"] });
  });

  it("WIRE-22, OIDC-3: the keys are the configured signing key's, in process and over HTTP alike", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const signingKey = { kid: "test-key-1", alg: "RS512" as const, privateJwk: privateKey.export({ format: "jwk" }) };
    const fake = createFake({ config: { tokens: { signingKey } } });
    const own = await startServer({ port: 0, service: fake.service });
    try {
      const served = JSON.parse((await request(own.url, { method: "GET", path: "/.well-known/jwks.json" })).body) as { keys: Record<string, unknown>[] };
      expect(served).toEqual(fake.jwks());
      expect(served.keys).toEqual([expect.objectContaining({ kid: "test-key-1", n: signingKey.privateJwk.n, e: signingKey.privateJwk.e })]);
      expect(served.keys[0]).not.toHaveProperty("d");
      expect(served).not.toEqual(server.service.jwks());
    } finally {
      await own.close();
    }
    // Each call is a fresh copy: changing one changes nothing given later.
    const copy = fake.jwks();
    copy.keys[0]!.n = "changed";
    expect(fake.jwks().keys[0]!.n).toBe(signingKey.privateJwk.n);
    expect(fake.openIdConfiguration("http://localhost:1234/")).toEqual({ ...server.service.openIdConfiguration(server.url), jwks_uri: "http://localhost:1234/.well-known/jwks.json" });
  });

  it("WIRE-22: other paths under /.well-known/ are 404; other methods 405 with Allow: GET; a preflight is answered", async () => {
    const missing = await get("/.well-known/nothing");
    expect(missing.status).toBe(404);
    expect(missing.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(missing.body).error).toContain("/.well-known/jwks.json");
    // POST there is not the AWS protocol (WIRE-2).
    for (const method of ["POST", "PUT", "DELETE"]) {
      const wrong = await request(server.url, { method, path: "/.well-known/jwks.json", body: "{}" });
      expect(wrong.status).toBe(405);
      expect(wrong.headers["allow"]).toBe("GET");
      expect(wrong.headers["access-control-allow-origin"]).toBe("*");
      expect(JSON.parse(wrong.body)).toEqual({ error: `${method} is not allowed on /.well-known/jwks.json` });
    }
    // The query string is not part of the route.
    expect((await get("/.well-known/jwks.json?x=1")).status).toBe(200);
    const preflight = await request(server.url, { method: "OPTIONS", path: "/.well-known/jwks.json", headers: { Origin: "http://app.test", "Access-Control-Request-Method": "GET" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-methods"]).toContain("GET");
  });
});
