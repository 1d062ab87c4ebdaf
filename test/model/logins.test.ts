// Rules LOGIN-n: how login tokens are checked, and the test-token convention (spec/login-tokens.md).
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_TOKEN_PREFIX, testLogin, testToken, userPoolProviderName, type State } from "../../src/model/index.js";
import { at, createPool, expectError, fresh, NOW, okOutput, run } from "./helpers.js";
import {
  AMAZON,
  CLIENT,
  describeIdentity,
  FACEBOOK,
  getId,
  GOOGLE,
  GOOGLE_CLIENT,
  login,
  OIDC,
  OTHER_USER_POOL,
  providerPool,
  SAML,
  TWITTER,
  USER_POOL,
} from "./identity-helpers.js";

const NOW_SECONDS = NOW / 1000;
const unsupported = "Token is not from a supported provider of this identity pool.";

function tryLogins(state: State, poolId: string, logins: Record<string, string>) {
  return run(state, "GetId", { IdentityPoolId: poolId, Logins: logins });
}

const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));

describe("which providers a pool takes", () => {
  it("LOGIN-1: every login is checked; the first failing one, in the map's order, answers and nothing changes", () => {
    const [s0, poolId] = providerPool(fresh());
    const logins = { ...login(FACEBOOK, "f1"), ...login(GOOGLE, "g1", { exp: 1 }), "unknown.example.com": "x" };
    const [s1, result] = tryLogins(s0, poolId, logins);
    expectError(result, "NotAuthorizedException", `Invalid login token. Token expired: ${NOW_SECONDS} >= 1`);
    expect(s1).toBe(s0);
  });

  it("LOGIN-2: a pool without any identity provider refuses every login", () => {
    const [s0, pool] = createPool(fresh(), { AllowUnauthenticatedIdentities: true, DeveloperProviderName: "login.mycompany" });
    const [, result] = tryLogins(s0, pool.IdentityPoolId!, login(FACEBOOK, "f1"));
    expectError(result, "NotAuthorizedException", `Identity pool - ${pool.IdentityPoolId} does not have identity providers configured.`);
  });

  it("LOGIN-3: a Logins key that is not one of the pool's providers is not supported", () => {
    const [s0, poolId] = providerPool(fresh());
    expectError(tryLogins(s0, poolId, { "unknown.example.com": testToken("unknown.example.com", { sub: "u", aud: "a" }) })[1], "NotAuthorizedException", unsupported);
    const otherPool = userPoolProviderName("us-east-1_Nope");
    expectError(tryLogins(s0, poolId, { [otherPool]: testToken(otherPool, { sub: "u", aud: CLIENT }) })[1], "NotAuthorizedException", unsupported);
    expectError(tryLogins(s0, poolId, { "login.mycompany": "user-1" })[1], "NotAuthorizedException", unsupported);
  });

  it("LOGIN-3: each kind of configured provider takes its tokens", () => {
    const [s0, poolId] = providerPool(fresh());
    for (const provider of [USER_POOL, OTHER_USER_POOL, FACEBOOK, GOOGLE, AMAZON, TWITTER, OIDC, SAML]) {
      const [s1, id] = getId(s0, poolId, login(provider, "user"));
      expect(okOutput<{ Logins: string[] }>(describeIdentity(s1, id)).Logins).toEqual([provider]);
    }
  });
});

describe("this service's own tokens, and keys the pool does not have", () => {
  const OPENID = "cognito-identity.amazonaws.com";
  const cognitoToken = "Invalid login token. Can't pass in a Cognito token.";

  /** A pool with only a developer provider, a token for one of its users, and that user's identity. */
  function developerToken(input: Record<string, unknown> = {}): [State, string, string, string] {
    const [s0, pool] = createPool(fresh(), { DeveloperProviderName: "login.mycompany", ...input });
    const poolId = pool.IdentityPoolId!;
    const [s1, result] = run(s0, "GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: poolId, Logins: { "login.mycompany": "alice" } });
    const { IdentityId, Token } = okOutput<{ IdentityId: string; Token: string }>(result);
    return [s1, poolId, IdentityId, Token];
  }

  it("LOGIN-14: GetId refuses a token of this service, on a pool with only a developer provider", () => {
    const [s0, poolId, , token] = developerToken();
    const [s1, result] = tryLogins(s0, poolId, { [OPENID]: token });
    expectError(result, "NotAuthorizedException", cognitoToken);
    expect(s1).toBe(s0);
  });

  it("LOGIN-14: GetId refuses it on a pool that also has a user-pool provider, and whatever the value", () => {
    const [s0, poolId, , token] = developerToken({ CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: CLIENT }] });
    expectError(tryLogins(s0, poolId, { [OPENID]: token })[1], "NotAuthorizedException", cognitoToken);
    expectError(tryLogins(s0, poolId, { [OPENID]: "not-a-token" })[1], "NotAuthorizedException", cognitoToken);
    const [s1, guestPool] = providerPool(s0);
    expectError(tryLogins(s1, guestPool, { [OPENID]: token })[1], "NotAuthorizedException", cognitoToken);
  });

  it("LOGIN-14: GetId refuses a token of this service under any other key, such as the developer provider name", () => {
    const [s0, poolId, , token] = developerToken({ CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: CLIENT }] });
    expectError(tryLogins(s0, poolId, { "login.mycompany": token })[1], "NotAuthorizedException", cognitoToken);
    expectError(tryLogins(s0, poolId, { [USER_POOL]: token })[1], "NotAuthorizedException", cognitoToken);
  });

  it("LOGIN-14: UnlinkIdentity refuses it too; GetCredentialsForIdentity and GetOpenIdToken take it", () => {
    const [s0, , identityId, token] = developerToken();
    const unlink = run(s0, "UnlinkIdentity", { IdentityId: identityId, Logins: { [OPENID]: token }, LoginsToRemove: ["login.mycompany"] })[1];
    expectError(unlink, "NotAuthorizedException", cognitoToken);
    okOutput(run(s0, "GetOpenIdToken", { IdentityId: identityId, Logins: { [OPENID]: token } })[1]);
  });

  it("LOGIN-15: a key the pool is not configured with is compared with the JWT's issuer first", () => {
    const [s0, poolId] = providerPool(fresh());
    // The mistyped key of a real case: the Region of the key and of the user pool differ from the token's issuer.
    const tokyo = "cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Tokyo";
    const [s1, tokyoPool] = providerPool(s0, { CognitoIdentityProviders: [{ ProviderName: tokyo, ClientId: CLIENT }] });
    const mistyped = "cognito-idp.us-east-1.amazonaws.com/ap-northeast-1_Tokyo";
    const idToken = testToken(tokyo, { sub: "u", aud: CLIENT });
    const issuerMismatch = "Invalid login token. Issuer doesn't match providerName";
    const [s2, result] = tryLogins(s1, tokyoPool, { [mistyped]: idToken });
    expectError(result, "NotAuthorizedException", issuerMismatch);
    expect(s2).toBe(s1);
    expectError(tryLogins(s1, poolId, { [tokyo + "x"]: idToken })[1], "NotAuthorizedException", issuerMismatch);
    expectError(tryLogins(s1, poolId, { "login.unknown.example.com": idToken })[1], "NotAuthorizedException", issuerMismatch);
    // The key is the token's issuer, but not one of the pool's providers.
    expectError(tryLogins(s1, poolId, { [tokyo]: idToken })[1], "NotAuthorizedException", unsupported);
    // Nothing to compare: an opaque value, a JWT without iss, a key of an opaque-token provider.
    expectError(tryLogins(s1, poolId, { [mistyped]: "opaque" })[1], "NotAuthorizedException", unsupported);
    const noIssuer = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"sub":"u"}').toString("base64url")}.`;
    expectError(tryLogins(s1, poolId, { [mistyped]: noIssuer })[1], "NotAuthorizedException", unsupported);
    const [s3, noFacebook] = providerPool(s1, { SupportedLoginProviders: { [GOOGLE]: GOOGLE_CLIENT } });
    expectError(tryLogins(s3, noFacebook, { [FACEBOOK]: idToken })[1], "NotAuthorizedException", unsupported);
  });

  it("LOGIN-15: the check comes after LOGIN-14 and LOGIN-2", () => {
    const [s0, pool] = createPool(fresh(), { AllowUnauthenticatedIdentities: true });
    const idToken = testToken(USER_POOL, { sub: "u", aud: CLIENT });
    const poolId = pool.IdentityPoolId!;
    expectError(tryLogins(s0, poolId, { [OTHER_USER_POOL]: idToken })[1], "NotAuthorizedException", `Identity pool - ${poolId} does not have identity providers configured.`);
    expectError(tryLogins(s0, poolId, { "cognito-identity.amazonaws.com": idToken })[1], "NotAuthorizedException", "Invalid login token. Can't pass in a Cognito token.");
  });
});

describe("JWT logins: user pools, OIDC, Google, Apple", () => {
  it("LOGIN-4: the issuer must be the provider", () => {
    const [s0, poolId] = providerPool(fresh());
    const issuerMismatch = "Invalid login token. Issuer doesn't match providerName";
    const fromOtherPool = testToken(USER_POOL, { sub: "u", aud: CLIENT }, { issuer: `https://${OTHER_USER_POOL}` });
    expectError(tryLogins(s0, poolId, { [USER_POOL]: fromOtherPool })[1], "NotAuthorizedException", issuerMismatch);
    const oidc = testToken(OIDC, { sub: "u", aud: "x" }, { issuer: "https://elsewhere.example.com" });
    expectError(tryLogins(s0, poolId, { [OIDC]: oidc })[1], "NotAuthorizedException", issuerMismatch);
    // Google's tokens name their issuer either way.
    okOutput(tryLogins(s0, poolId, { [GOOGLE]: testToken(GOOGLE, { sub: "g", aud: GOOGLE_CLIENT }, { issuer: "accounts.google.com" }) })[1]);
  });

  it("LOGIN-5: a value that is not a JWT, or a token from elsewhere under a user-pool key, is refused", () => {
    const [s0, poolId] = providerPool(fresh());
    expectError(tryLogins(s0, poolId, { [USER_POOL]: "not-a-jwt" })[1], "NotAuthorizedException", "Invalid login token. Not a Cognito token.");
    const google = testToken(GOOGLE, { sub: "g", aud: CLIENT });
    expectError(tryLogins(s0, poolId, { [USER_POOL]: google })[1], "NotAuthorizedException", "Invalid login token. Not a Cognito token.");
    expectError(tryLogins(s0, poolId, { [OIDC]: "a.b" })[1], "NotAuthorizedException", "Invalid login token. Couldn't verify signed token.");
  });

  it("LOGIN-6: a user-pool access token has no aud; a JWT must carry aud, exp and sub", () => {
    const [s0, poolId] = providerPool(fresh());
    const access = testToken(USER_POOL, { sub: "u", aud: CLIENT }, { tokenUse: "access" });
    expectError(tryLogins(s0, poolId, { [USER_POOL]: access })[1], "NotAuthorizedException", "Invalid login token. Missing a required claim: aud");
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const jwt = (claims: object) => `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;
    const iss = "https://login.example.com";
    expectError(tryLogins(s0, poolId, { [OIDC]: jwt({ iss, aud: "a", sub: "u" }) })[1], "NotAuthorizedException", "Invalid login token. Missing a required claim: exp");
    expectError(tryLogins(s0, poolId, { [OIDC]: jwt({ iss, aud: "a", exp: NOW_SECONDS + 60 }) })[1], "NotAuthorizedException", "Invalid login token. Missing a required claim: sub");
    okOutput(tryLogins(s0, poolId, { [OIDC]: jwt({ iss, aud: "a", sub: "u", exp: NOW_SECONDS + 60 }) })[1]);
  });

  it("LOGIN-7: the token must be for an app client the pool names", () => {
    const [s0, poolId] = providerPool(fresh());
    expectError(tryLogins(s0, poolId, login(USER_POOL, "u", { aud: "someone-else" }))[1], "NotAuthorizedException", unsupported);
    expectError(tryLogins(s0, poolId, login(GOOGLE, "u", { aud: "other.apps.googleusercontent.com" }))[1], "NotAuthorizedException", unsupported);
    expectError(tryLogins(s0, poolId, login(FACEBOOK, "u", { aud: "other-app" }))[1], "NotAuthorizedException", unsupported);
    // Twitter is configured as `consumerKey;consumerSecret`; its tokens name the key.
    okOutput(tryLogins(s0, poolId, login(TWITTER, "t"))[1]);
    // A user pool entry without ClientId takes any client.
    const [s1, pool] = createPool(s0, { CognitoIdentityProviders: [{ ProviderName: USER_POOL }] });
    okOutput(tryLogins(s1, pool.IdentityPoolId!, login(USER_POOL, "u", { aud: "any-client" }))[1]);
  });

  it("LOGIN-8: expiry is judged against the command's time, in epoch seconds", () => {
    const [s0, poolId] = providerPool(fresh());
    expectError(tryLogins(s0, poolId, login(USER_POOL, "u", { exp: NOW_SECONDS }))[1], "NotAuthorizedException", `Invalid login token. Token expired: ${NOW_SECONDS} >= ${NOW_SECONDS}`);
    okOutput(tryLogins(s0, poolId, login(USER_POOL, "u", { exp: NOW_SECONDS + 1 }))[1]);
    expectError(tryLogins(s0, poolId, login(FACEBOOK, "u", { exp: NOW_SECONDS - 5 }))[1], "NotAuthorizedException", `Invalid login token. Token expired: ${NOW_SECONDS} >= ${NOW_SECONDS - 5}`);
  });

  it("LOGIN-8: a SAML assertion's expiry is printed in epoch milliseconds", () => {
    const [s0, poolId] = providerPool(fresh());
    const now = NOW + 250;
    const [, result] = run(s0, "GetId", { IdentityPoolId: poolId, Logins: testLogin.saml(SAML, "n1", { exp: NOW_SECONDS - 5 }) }, at({ now }));
    expectError(result, "NotAuthorizedException", `Invalid login token. Token expired: ${now} >= ${NOW - 5000}`);
    okOutput(run(s0, "GetId", { IdentityPoolId: poolId, Logins: testLogin.saml(SAML, "n1", { exp: NOW_SECONDS + 1 }) }, at({ now }))[1]);
  });

  it("LOGIN-9: with a JWKS configured for a provider, its tokens must be signed by one of its keys", () => {
    const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
    const publicJwk = { kty: key.kty, n: key.n, e: key.e, kid: "k1", alg: "RS256" };
    const [s0, poolId] = providerPool(fresh({ tokens: { loginJwks: { [USER_POOL]: { keys: [publicJwk] } } } }));
    const claims = { sub: "u", aud: CLIENT };
    okOutput(tryLogins(s0, poolId, { [USER_POOL]: testToken(USER_POOL, claims, { signWith: { privateJwk: key, kid: "k1" } }) })[1]);
    const refused = "Invalid login token. Couldn't verify signed token.";
    expectError(tryLogins(s0, poolId, { [USER_POOL]: testToken(USER_POOL, claims) })[1], "NotAuthorizedException", refused);
    expectError(tryLogins(s0, poolId, { [USER_POOL]: testToken(USER_POOL, claims, { signWith: { privateJwk: other, kid: "k1" } }) })[1], "NotAuthorizedException", refused);
    // Providers without a JWKS are not affected.
    okOutput(tryLogins(s0, poolId, login(OTHER_USER_POOL, "u"))[1]);
  });

  it("LOGIN-16: a configured emulator issuer is the one a user pool's tokens must carry", () => {
    const issuer = "http://localhost:9229/us-east-1_Example";
    const [s0, poolId] = providerPool(fresh({ tokens: { loginIssuers: { [USER_POOL]: issuer } } }));
    const claims = { sub: "u", aud: CLIENT };
    const [s1, id] = getId(s0, poolId, { [USER_POOL]: testToken(USER_POOL, claims, { issuer }) });
    expect(okOutput<{ Logins: string[] }>(describeIdentity(s1, id)).Logins).toEqual([USER_POOL]);
    expectError(tryLogins(s0, poolId, { [USER_POOL]: testToken(USER_POOL, claims) })[1], "NotAuthorizedException", "Invalid login token. Issuer doesn't match providerName");
    // Other providers keep AWS's issuers.
    okOutput(tryLogins(s0, poolId, login(OTHER_USER_POOL, "u"))[1]);
  });

  it("LOGIN-11: testToken makes an unsigned JWT with the claims of the provider kind", () => {
    const [header, payload, signature] = testToken(USER_POOL, { sub: "alice", aud: CLIENT, "custom:dept": "sales" }).split(".");
    expect(decode(header!)).toEqual({ alg: "none", typ: "JWT" });
    expect(decode(payload!)).toMatchObject({
      sub: "alice",
      aud: CLIENT,
      iss: `https://${USER_POOL}`,
      token_use: "id",
      "cognito:username": "alice",
      "custom:dept": "sales",
      exp: 4_102_444_800,
    });
    expect(signature).toBe("");
    expect(decode(testToken(GOOGLE, { sub: "g" }).split(".")[1]!)).toMatchObject({ iss: "https://accounts.google.com", sub: "g" });
    expect(decode(testToken(OIDC, { sub: "o", aud: "c" }).split(".")[1]!)).toMatchObject({ iss: `https://${OIDC}`, aud: "c" });
    expect(userPoolProviderName("eu-west-1_Abc")).toBe("cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc");
  });
});

describe("testLogin", () => {
  it("LOGIN-11: testLogin gives a one-entry Logins map per provider kind that the pool takes", () => {
    const [s0, poolId] = providerPool(fresh());
    const maps = [
      testLogin.userPool("us-east-1_Example", CLIENT, "alice"),
      testLogin.oidc(OIDC, "oidc-client", "o1"),
      testLogin.google(GOOGLE_CLIENT, "g1"),
      testLogin.facebook("fbapp1", "f1"),
      testLogin.amazon("amzn1.application-oa2-client.x", "a1"),
      testLogin.twitter("consumerkey", "t1"),
      testLogin.saml(SAML, "n1", { "custom:x": "y" }),
    ];
    expect(maps.map((m) => Object.keys(m)[0])).toEqual([USER_POOL, OIDC, GOOGLE, FACEBOOK, AMAZON, TWITTER, SAML]);
    for (const logins of maps) okOutput(tryLogins(s0, poolId, logins)[1]);
    const [s1, pool] = createPool(s0, { SupportedLoginProviders: { "appleid.apple.com": "com.example.app" } });
    okOutput(tryLogins(s1, pool.IdentityPoolId!, testLogin.apple("com.example.app", "001.abc"))[1]);
  });
});

describe("opaque-token providers: Facebook, Amazon, Twitter, Digits, SAML", () => {
  it("LOGIN-12: the test token is the prefix and base64url JSON claims; a hand-made one works", () => {
    const token = testToken(FACEBOOK, { sub: "f1", aud: "fbapp1" });
    expect(token.startsWith(TEST_TOKEN_PREFIX)).toBe(true);
    expect(decode(token.slice(TEST_TOKEN_PREFIX.length))).toMatchObject({ iss: FACEBOOK, sub: "f1", aud: "fbapp1" });
    const [s0, poolId] = providerPool(fresh());
    const handMade = TEST_TOKEN_PREFIX + Buffer.from(JSON.stringify({ sub: "f1", aud: "fbapp1" })).toString("base64url");
    expect(getId(s0, poolId, { [FACEBOOK]: handMade })[1]).toBe(getId(s0, poolId, { [FACEBOOK]: token })[1]);
  });

  it("LOGIN-12: a value that is not a test token is refused, naming the convention", () => {
    const [s0, poolId] = providerPool(fresh());
    expectError(tryLogins(s0, poolId, { [FACEBOOK]: "EAAB-real-facebook-token" })[1], "NotAuthorizedException", `Invalid login token. Not a test token for ${FACEBOOK} (see spec/login-tokens.md).`);
    expectError(tryLogins(s0, poolId, { [SAML]: "PHNhbWxwOlJlc3BvbnNlPg==" })[1], "NotAuthorizedException", `Invalid login token. Not a test token for ${SAML} (see spec/login-tokens.md).`);
  });

  it("LOGIN-10: the user is `sub` (Login with Amazon: `user_id`); one user of two providers is two logins", () => {
    const [s0, poolId] = providerPool(fresh());
    const amazon = TEST_TOKEN_PREFIX + Buffer.from(JSON.stringify({ user_id: "amzn1.account.A", aud: "amzn1.application-oa2-client.x" })).toString("base64url");
    const [s1, a] = getId(s0, poolId, { [AMAZON]: amazon });
    expect(getId(s1, poolId, login(AMAZON, "amzn1.account.A"))[1]).toBe(a);
    const [s2, f] = getId(s1, poolId, login(FACEBOOK, "same"));
    const [, g] = getId(s2, poolId, login(GOOGLE, "same"));
    expect(f).not.toBe(g);
  });

  it("LOGIN-12: a custom SupportedLoginProviders key takes the JWT testToken makes for it, and the opaque form", () => {
    const [s0, pool] = createPool(fresh(), { SupportedLoginProviders: { "login.example.com": "app-7" } });
    const jwt = testToken("login.example.com", { sub: "u1", aud: "app-7" });
    expect(jwt.startsWith(TEST_TOKEN_PREFIX)).toBe(false);
    const [s1, first] = getId(s0, pool.IdentityPoolId!, { "login.example.com": jwt });
    const opaque = TEST_TOKEN_PREFIX + Buffer.from(JSON.stringify({ sub: "u1", aud: "app-7" })).toString("base64url");
    expect(getId(s1, pool.IdentityPoolId!, { "login.example.com": opaque })[1]).toBe(first);
    const wrongApp = testToken("login.example.com", { sub: "u1", aud: "app-8" });
    expectError(tryLogins(s0, pool.IdentityPoolId!, { "login.example.com": wrongApp })[1], "NotAuthorizedException", "Token is not from a supported provider of this identity pool.");
  });

  it("LOGIN-12: an opaque token needs the configured app id, but no issuer; SAML needs neither", () => {
    const [s0, poolId] = providerPool(fresh());
    const noAud = TEST_TOKEN_PREFIX + Buffer.from(JSON.stringify({ sub: "f1" })).toString("base64url");
    expectError(tryLogins(s0, poolId, { [FACEBOOK]: noAud })[1], "NotAuthorizedException", "Invalid login token. Missing a required claim: aud");
    okOutput(tryLogins(s0, poolId, { [SAML]: testToken(SAML, { sub: "nameid" }) })[1]);
  });
});

describe("what is not checked", () => {
  it("LOGIN-13: ServerSideTokenCheck cannot ask the user pool, so it changes nothing", () => {
    const [s0, pool] = createPool(fresh(), { CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: CLIENT, ServerSideTokenCheck: true }] });
    okOutput(tryLogins(s0, pool.IdentityPoolId!, login(USER_POOL, "u"))[1]);
  });
});
