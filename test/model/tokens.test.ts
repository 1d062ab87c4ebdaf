// Rules OIDC-n: the OpenID tokens of GetOpenIdToken, verified with a standard JWT library (jose)
// against the model's JWKS (spec/operations/GetOpenIdToken.md).
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { OPENID_ISSUER, openIdConfiguration, openIdJwks, poolArn, type State } from "../../src/model/index.js";
import { at, ctx, expectError, fresh, NOW, okOutput, run } from "./helpers.js";
import { FACEBOOK, getId, login, providerPool, USER_POOL } from "./identity-helpers.js";

const NOW_SECONDS = NOW / 1000;

function token(state: State, identityId: string, logins?: Record<string, string>, context = ctx): { IdentityId: string; Token: string } {
  return okOutput(run(state, "GetOpenIdToken", { IdentityId: identityId, ...(logins ? { Logins: logins } : {}) }, context)[1]);
}

const parts = (jwt: string) => jwt.split(".").map((p, i) => (i < 2 ? JSON.parse(Buffer.from(p, "base64url").toString("utf8")) : p));

async function verify(state: State, jwt: string, poolId: string) {
  return jwtVerify(jwt, createLocalJWKSet(openIdJwks(state) as never), { issuer: OPENID_ISSUER, audience: poolId, currentDate: new Date(NOW) });
}

describe("GetOpenIdToken", () => {
  it("OIDC-1: a compact JWS whose header is kid, typ JWS and alg RS512, in that order", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId);
    const [header] = parts(token(s1, id).Token);
    expect(Object.keys(header)).toEqual(["kid", "typ", "alg"]);
    expect(header).toEqual({ kid: "cognito-identity-model-1", typ: "JWS", alg: "RS512" });
  });

  it("OIDC-2: a guest's claims: sub the identity, aud the pool, amr, the Cognito issuer, exp, iat; no pool ARN", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId);
    const [, payload] = parts(token(s1, id).Token);
    expect(Object.keys(payload)).toEqual(["sub", "aud", "amr", "iss", "exp", "iat"]);
    expect(payload).toEqual({
      sub: id,
      aud: poolId,
      amr: ["unauthenticated"],
      iss: "https://cognito-identity.amazonaws.com",
      exp: NOW_SECONDS + 600,
      iat: NOW_SECONDS,
    });
  });

  it("OIDC-2: an authenticated identity's token names the pool's ARN after the issuer", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [, payload] = parts(token(s1, id, login(FACEBOOK, "f1")).Token);
    expect(Object.keys(payload)).toEqual(["sub", "aud", "amr", "iss", "https://cognito-identity.amazonaws.com/identity-pool-arn", "exp", "iat"]);
    expect(payload["https://cognito-identity.amazonaws.com/identity-pool-arn"]).toBe(poolArn(ctx.account, ctx.region, poolId));
  });

  it("OIDC-3: jose verifies the token against the exported JWKS", async () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, login(USER_POOL, "alice"));
    const { IdentityId, Token } = token(s1, id, login(USER_POOL, "alice"));
    const { payload, protectedHeader } = await verify(s1, Token, poolId);
    expect(payload.sub).toBe(IdentityId);
    expect(protectedHeader.alg).toBe("RS512");
    const tampered = Token.replace(/\.[^.]+\./, `.${Buffer.from(JSON.stringify({ sub: "x" })).toString("base64url")}.`);
    await expect(verify(s1, tampered, poolId)).rejects.toThrow();
  });

  it("OIDC-3: the same seed and commands give byte-identical tokens", () => {
    const run1 = () => {
      const [s0, poolId] = providerPool(fresh({ seed: 11 }));
      const [s1, id] = getId(s0, poolId, login(FACEBOOK, "f1"));
      return token(s1, id, login(FACEBOOK, "f1")).Token;
    };
    expect(run1()).toBe(run1());
  });

  it("OIDC-3: the signing key is configuration; the JWKS follows it", async () => {
    const privateJwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
    const [s0, poolId] = providerPool(fresh({ tokens: { signingKey: { kid: "us-east-12", alg: "RS512", privateJwk } } }));
    const [s1, id] = getId(s0, poolId);
    const jwt = token(s1, id).Token;
    expect(decodeProtectedHeader(jwt).kid).toBe("us-east-12");
    expect(openIdJwks(s1).keys).toEqual([{ kty: "RSA", n: privateJwk.n, e: privateJwk.e, kid: "us-east-12", alg: "RS512", use: "sig" }]);
    await verify(s1, jwt, poolId);
    await expect(jwtVerify(jwt, createLocalJWKSet(openIdJwks(fresh()) as never))).rejects.toThrow();
  });

  it("OIDC-4: amr is `unauthenticated`, or `authenticated` followed by each presented login's provider and provider:user", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId, { ...login(USER_POOL, "alice"), ...login(FACEBOOK, "f1") });
    const [, payload] = parts(token(s1, id, { ...login(USER_POOL, "alice"), ...login(FACEBOOK, "f1") }).Token);
    expect(payload.amr).toEqual([
      "authenticated",
      USER_POOL,
      `${USER_POOL}:CognitoSignIn:alice`,
      FACEBOOK,
      `${FACEBOOK}:f1`,
    ]);
  });

  it("OIDC-5: valid for 600 seconds from the command's time; the lifetime is configuration", () => {
    const [s0, poolId] = providerPool(fresh({ tokens: { openIdTokenSeconds: 30 } }));
    const [s1, id] = getId(s0, poolId);
    const [, payload] = parts(token(s1, id, undefined, at({ now: NOW + 1999 })).Token);
    expect([payload.iat, payload.exp]).toEqual([NOW_SECONDS + 1, NOW_SECONDS + 31]);
  });

  it("OIDC-6: the discovery document points to the JWKS, and a remote JWKS client verifies the token", async () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId);
    const jwt = token(s1, id).Token;
    const server = createServer((req, res) => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const body = req.url === "/.well-known/jwks.json" ? openIdJwks(s1) : openIdConfiguration(s1, base);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
      expect(discovery).toMatchObject({ issuer: OPENID_ISSUER, jwks_uri: `${base}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ["RS512"] });
      const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer: discovery.issuer, audience: poolId, currentDate: new Date(NOW) });
      expect(payload.sub).toBe(id);
    } finally {
      server.close();
    }
  });

  it("OIDC-6: the JWKS the caller gets is a copy", () => {
    const state = fresh();
    const jwks = openIdJwks(state);
    jwks.keys[0]!.n = "changed";
    expect(openIdJwks(state).keys[0]!.n).not.toBe("changed");
  });

  it("OIDC-7: after a merge the token is for the surviving identity, whose id is returned", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, owner] = getId(s0, poolId, login(FACEBOOK, "f1"));
    const [s2, guest] = getId(s1, poolId);
    const answer = token(s2, guest, login(FACEBOOK, "f1"));
    expect(answer.IdentityId).toBe(owner);
    expect(parts(answer.Token)[1].sub).toBe(owner);
  });

  it("IDN-2: an unauthenticated identity gets no token once the pool stops allowing guests", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, id] = getId(s0, poolId);
    const [s2] = run(s1, "UpdateIdentityPool", { IdentityPoolId: poolId, IdentityPoolName: "pool", AllowUnauthenticatedIdentities: false });
    expectError(run(s2, "GetOpenIdToken", { IdentityId: id })[1], "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
    expectError(run(s2, "GetCredentialsForIdentity", { IdentityId: id })[1], "NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
  });

  const disabled = "Basic (classic) flow is not enabled, please use enhanced flow.";
  const withMappings = "Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.";
  const mapping = { [`${USER_POOL}:client1`]: { Type: "Token", AmbiguousRoleResolution: "AuthenticatedRole" } };

  it("OIDC-8: a pool with AllowClassicFlow false refuses GetOpenIdToken, guest or authenticated, and nothing changes", () => {
    const [s0, poolId] = providerPool(fresh(), { AllowClassicFlow: false });
    const [s1, guest] = getId(s0, poolId);
    const [s2, refused] = run(s1, "GetOpenIdToken", { IdentityId: guest });
    expectError(refused, "InvalidParameterException", disabled);
    expect(s2).toBe(s1);
    const [s3, user] = getId(s1, poolId, login(FACEBOOK, "f1"));
    const [s4, linking] = run(s3, "GetOpenIdToken", { IdentityId: user, Logins: { ...login(FACEBOOK, "f1"), ...login(USER_POOL, "u1") } });
    expectError(linking, "InvalidParameterException", disabled);
    expect(s4).toBe(s3);
  });

  it("OIDC-8: a pool created without AllowClassicFlow, or with it true, gives tokens; an update switches it", () => {
    for (const flow of [{}, { AllowClassicFlow: true }]) {
      const [s0, poolId] = providerPool(fresh(), flow);
      const [s1, guest] = getId(s0, poolId);
      expect(token(s1, guest).IdentityId).toBe(guest);
      const [s2] = run(s1, "UpdateIdentityPool", { IdentityPoolId: poolId, IdentityPoolName: "pool", AllowUnauthenticatedIdentities: true, AllowClassicFlow: false });
      expectError(run(s2, "GetOpenIdToken", { IdentityId: guest })[1], "InvalidParameterException", disabled);
    }
  });

  it("OIDC-9: a pool with role mappings refuses GetOpenIdToken; without them again it gives tokens", () => {
    const [s0, poolId] = providerPool(fresh());
    const [s1, guest] = getId(s0, poolId);
    const roles = { authenticated: "arn:aws:iam::123456789012:role/a", unauthenticated: "arn:aws:iam::123456789012:role/u" };
    const [s2] = run(s1, "SetIdentityPoolRoles", { IdentityPoolId: poolId, Roles: roles, RoleMappings: mapping });
    const [s3, refused] = run(s2, "GetOpenIdToken", { IdentityId: guest });
    expectError(refused, "InvalidParameterException", withMappings);
    expect(s3).toBe(s2);
    const [s4] = run(s2, "SetIdentityPoolRoles", { IdentityPoolId: poolId, Roles: roles, RoleMappings: {} });
    expect(token(s4, guest).IdentityId).toBe(guest);
  });

  it("OIDC-8, OIDC-9: classic flow disabled is the answer when both hold; the developer and enhanced flows are not gated", () => {
    const [s0, poolId] = providerPool(fresh(), { AllowClassicFlow: false });
    const roles = { authenticated: "arn:aws:iam::123456789012:role/a", unauthenticated: "arn:aws:iam::123456789012:role/u" };
    const [s1] = run(s0, "SetIdentityPoolRoles", { IdentityPoolId: poolId, Roles: roles, RoleMappings: mapping });
    const [s2, guest] = getId(s1, poolId);
    expectError(run(s2, "GetOpenIdToken", { IdentityId: guest })[1], "InvalidParameterException", disabled);
    okOutput(run(s2, "GetCredentialsForIdentity", { IdentityId: guest })[1]);
    const [s3, developer] = run(s2, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: poolId, Logins: { "login.mycompany": "alice" } });
    const { IdentityId, Token } = okOutput<{ IdentityId: string; Token: string }>(developer);
    okOutput(run(s3, "GetCredentialsForIdentity", { IdentityId, Logins: { "cognito-identity.amazonaws.com": Token } })[1]);
  });

  it("OIDC-8: the identity is looked up first: an unknown identity is not found whatever the pool", () => {
    const unknown = "us-east-1:00000000-0000-4000-8000-000000000000";
    expectError(run(fresh(), "GetOpenIdToken", { IdentityId: unknown })[1], "ResourceNotFoundException", `Identity '${unknown}' not found.`);
  });
});
