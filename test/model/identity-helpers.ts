// Helpers for the identity, login, credential, role and principal-tag tests.
import { snapshotState, step, testToken, type Context, type RawCommand, type Result, type State } from "../../src/model/index.js";
import { createPool, ctx, okOutput, run } from "./helpers.js";

export const USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example";
export const CLIENT = "client1";
export const OTHER_USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other";
export const OTHER_CLIENT = "client2";
export const FACEBOOK = "graph.facebook.com";
export const FACEBOOK_APP = "fbapp1";
export const GOOGLE = "accounts.google.com";
export const GOOGLE_CLIENT = "g-client.apps.googleusercontent.com";
export const AMAZON = "www.amazon.com";
export const AMAZON_APP = "amzn1.application-oa2-client.x";
export const TWITTER = "api.twitter.com";
export const OIDC = "login.example.com";
export const OIDC_ARN = "arn:aws:iam::123456789012:oidc-provider/login.example.com";
export const SAML = "arn:aws:iam::123456789012:saml-provider/corp";
export const AUTH_ROLE = "arn:aws:iam::123456789012:role/authenticated";
export const UNAUTH_ROLE = "arn:aws:iam::123456789012:role/unauthenticated";
export const UNKNOWN_IDENTITY = "us-east-1:00000000-0000-4000-8000-000000000000";

const audiences: Record<string, string | undefined> = {
  [USER_POOL]: CLIENT,
  [OTHER_USER_POOL]: OTHER_CLIENT,
  [FACEBOOK]: FACEBOOK_APP,
  [GOOGLE]: GOOGLE_CLIENT,
  [AMAZON]: AMAZON_APP,
  [TWITTER]: "consumerkey",
  [OIDC]: "oidc-client",
};

/** A Logins map with one valid test token of `provider` for user `sub`. */
export function login(provider: string, sub: string, claims: Record<string, unknown> = {}): Record<string, string> {
  return { [provider]: testToken(provider, { sub, aud: audiences[provider], ...claims }) };
}

/** A pool with every kind of provider, guests allowed unless told otherwise. */
export function providerPool(state: State, input: Record<string, unknown> = {}, context: Context = ctx): [State, string] {
  const [next, pool] = createPool(
    state,
    {
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [
        { ProviderName: USER_POOL, ClientId: CLIENT },
        { ProviderName: OTHER_USER_POOL, ClientId: OTHER_CLIENT },
      ],
      SupportedLoginProviders: { [FACEBOOK]: FACEBOOK_APP, [GOOGLE]: GOOGLE_CLIENT, [AMAZON]: AMAZON_APP, [TWITTER]: "consumerkey;consumersecret" },
      OpenIdConnectProviderARNs: [OIDC_ARN],
      SamlProviderARNs: [SAML],
      DeveloperProviderName: "login.mycompany",
      ...input,
    },
    context,
  );
  return [next, pool.IdentityPoolId!];
}

/** GetId that must succeed. */
export function getId(state: State, poolId: string, logins?: Record<string, string>, context: Context = ctx): [State, string] {
  const [next, result] = run(state, "GetId", { IdentityPoolId: poolId, ...(logins ? { Logins: logins } : {}) }, context);
  return [next, okOutput<{ IdentityId: string }>(result).IdentityId];
}

export function describeIdentity(state: State, identityId: string, context: Context = ctx) {
  return run(state, "DescribeIdentity", { IdentityId: identityId }, context)[1];
}

export function setRoles(state: State, poolId: string, input: Record<string, unknown> = {}): State {
  const [next, result] = run(state, "SetIdentityPoolRoles", {
    IdentityPoolId: poolId,
    Roles: { authenticated: AUTH_ROLE, unauthenticated: UNAUTH_ROLE },
    ...input,
  });
  okOutput(result);
  return next;
}

/** Every identity of a pool through ListIdentities pages of `pageSize`. */
export function listAll(state: State, poolId: string, pageSize = 60, hideDisabled = false): { IdentityId: string; Logins?: string[] }[] {
  const all: { IdentityId: string; Logins?: string[] }[] = [];
  let token: string | undefined;
  do {
    const [, result] = run(state, "ListIdentities", {
      IdentityPoolId: poolId,
      MaxResults: pageSize,
      ...(hideDisabled ? { HideDisabled: true } : {}),
      ...(token ? { NextToken: token } : {}),
    });
    const page = okOutput<{ Identities: { IdentityId: string; Logins?: string[] }[]; NextToken?: string }>(result);
    all.push(...page.Identities);
    token = page.NextToken;
  } while (token);
  return all;
}

/** Runs planned commands against a freshly made world, calling `visit` with each step's before and after. */
export function runPlans<W extends { state: State }>(
  make: (seed: number) => W,
  plans: ((w: W) => RawCommand)[],
  seed: number,
  visit?: (before: State, after: State, result: Result) => void,
): W {
  const w = make(seed);
  for (const plan of plans) {
    const [next, result] = step(w.state, plan(w));
    visit?.(w.state, next, result);
    w.state = next;
  }
  return w;
}

/** The results and the final snapshot of a run, for determinism checks. */
export function replayPlans<W extends { state: State }>(make: (seed: number) => W, plans: ((w: W) => RawCommand)[], seed: number) {
  const results: Result[] = [];
  const w = runPlans(make, plans, seed, (_before, _after, result) => results.push(result));
  return { results, snapshot: snapshotState(w.state) };
}
