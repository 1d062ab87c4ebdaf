// Logins maps for the calls that take them. Tokens come from the model's test-token helpers and
// are made for the pool the command reaches, with the app ids that pool is configured with, so
// most are valid; a few users per provider are shared across commands, so logins link, collide
// and merge. The invalid ones sit at the edges of the login checks: another issuer or app, an
// expired token, a token without aud or sub, garbage, a key the pool does not have, the
// developer provider name, and the map's own limits.
import fc from "fast-check";
import { TEST_TOKEN_PREFIX, testToken } from "../../model/index.js";
import { shapeNamed } from "../../model/shapes.js";
import type { World } from "../world.js";
import { loginKeysOf, type LoginKey } from "./providers.js";
import { claimSetIndex, claimSets } from "./roles.js";
import { edgeCount, nonEmptyArray, shrinkingTo } from "./shrinking.js";

/** The Logins key an OpenID token of this service is presented under. */
export const OPENID_KEY = "cognito-identity.amazonaws.com";
/** Users per provider: few, so that two commands often name the same one. */
const USERS = 3;
/** An OpenID token presented as a login must outlive the gap between the model's clock and the target's. */
const MIN_PRESENTED_LIFETIME = 60;

/** `misnamedKey`: the token is right but its Logins key is mistyped (LOGIN-15). */
type Flaw = "issuer" | "audience" | "expired" | "noAudience" | "noSubject" | "garbage" | "misnamedKey";

export type LoginRef =
  /** A login linked to the identity the command names (a valid token of its provider and user). */
  | { own: number }
  /** User `user` of the pool's `provider`-th Logins key, with a claim set, maybe flawed. */
  | { provider: number; user: number; claims: number; flaw?: Flaw }
  /** A key that is not a login provider of the pool. */
  | { key: "developer" | "unknown" | "openid" }
  /** An OpenID token the model issued earlier: for the identity the command names, or any. */
  | { openid: number; mine: boolean }
  /** The shape's limits: a 129-character key, an empty token. */
  | { edge: "longKey" | "emptyToken" };

const users = fc.nat({ max: USERS - 1 });

export const loginRef: fc.Arbitrary<LoginRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ own: fc.nat({ max: 9 }) }), weight: 6 },
  { arbitrary: fc.record({ provider: fc.nat({ max: 9 }), user: users, claims: claimSetIndex }), weight: 6 },
  {
    arbitrary: fc.record({
      provider: fc.nat({ max: 9 }),
      user: users,
      claims: fc.constant(0),
      flaw: fc.constantFrom<Flaw>("issuer", "audience", "expired", "noAudience", "noSubject", "garbage", "misnamedKey"),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ key: fc.constantFrom("developer" as const, "unknown" as const, "openid" as const) }), weight: 1 },
  { arbitrary: fc.record({ openid: fc.nat({ max: 9 }), mine: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ edge: fc.constantFrom("longKey" as const, "emptyToken" as const) }), weight: 1 },
);

/**
 * Absent, empty, one to three logins, `many` logins of providers no pool has (generated one more
 * than the map allows), or `fitting`: what the identity named is used with (nothing for a guest,
 * one of its own logins or a token issued for it).
 */
export type LoginsRef = { absent: true } | { logins: readonly LoginRef[] } | { many: number } | { fitting: number };

const MAX_LOGINS = shapeNamed("LoginsMap").max ?? 10;
const ABSENT: LoginsRef = { absent: true };

/** Weights against 8 for one to three logins: `absent` (more than 0) for no Logins at all, `fitting` for the fitting ones. */
export function loginsRef(absent = 4, fitting = 0): fc.Arbitrary<LoginsRef> {
  const choices: fc.WeightedArbitrary<LoginsRef>[] = [
    { arbitrary: fc.constant(ABSENT), weight: absent },
    { arbitrary: fc.record({ logins: nonEmptyArray(loginRef, 3) }), weight: 8 },
    { arbitrary: fc.constant({ logins: [] }), weight: 1 },
    { arbitrary: fc.record({ many: edgeCount([MAX_LOGINS + 1], 1) }), weight: 1 },
  ];
  if (fitting > 0) choices.splice(2, 0, { arbitrary: fc.record({ fitting: fc.nat({ max: 9 }) }), weight: fitting });
  return shrinkingTo(fc.oneof(...choices), ABSENT);
}

/** A key no pool is configured with, for pools without providers. */
const FALLBACK_KEY: LoginKey = { key: "graph.facebook.com", aud: "cim-app", opaque: false };
const EXPIRED = 1_600_000_000;

function token(login: LoginKey, user: string, claims: Readonly<Record<string, unknown>>, flaw?: Flaw): string {
  if (flaw === "garbage") return "not-a-token";
  const aud = flaw === "audience" ? "another-app" : flaw === "noAudience" ? undefined : login.aud;
  const all = { ...claims, sub: flaw === "noSubject" ? "" : user, ...(aud === undefined ? {} : { aud }), ...(flaw === "expired" ? { exp: EXPIRED } : {}) };
  if (login.opaque) {
    // spec/login-tokens.md LOGIN-12: the test format, written by hand for keys testToken takes for OIDC providers.
    return `${TEST_TOKEN_PREFIX}${Buffer.from(JSON.stringify({ iss: login.key, ...all })).toString("base64url")}`;
  }
  const options = flaw === "issuer" ? { issuer: "https://issuer.example.com" } : flaw === "noAudience" ? { tokenUse: "access" as const } : {};
  return testToken(login.key, all as Parameters<typeof testToken>[1], options);
}

/**
 * A Logins key mistyped as people do: a user pool's key with another Region in its host (the
 * user-pool id kept), any other key with a character too many.
 */
function misnamed(key: string): string {
  const userPool = /^cognito-idp\.([^.]+)\.(.*)$/.exec(key);
  if (userPool) return `cognito-idp.${userPool[1] === "us-west-1" ? "us-east-1" : "us-west-1"}.${userPool[2]}`;
  return `${key}x`;
}

export interface LoginScope {
  world: World;
  /** The pool the logins are for. */
  poolId: string | undefined;
  /** The identity the command names, if any. */
  identityId?: string | undefined;
}

function resolveOne(ref: LoginRef, scope: LoginScope): [string, string] | undefined {
  const pool = scope.poolId === undefined ? undefined : scope.world.pool(scope.poolId);
  const keys = loginKeysOf(pool);
  const keyAt = (n: number) => (keys.length === 0 ? FALLBACK_KEY : keys[n % keys.length]!);
  if ("own" in ref) {
    const developer = pool?.developerProviderName;
    const identity = scope.identityId === undefined ? undefined : scope.world.identity(scope.identityId);
    const linked = identity?.logins.filter((l) => l.provider !== developer) ?? [];
    if (linked.length === 0) return resolveOne({ provider: ref.own, user: 0, claims: 0 }, scope);
    const login = linked[ref.own % linked.length]!;
    const key = keys.find((k) => k.key === login.provider) ?? { key: login.provider, opaque: false };
    return [key.key, token(key, login.subject, claimSets[ref.own % claimSets.length]!)];
  }
  if ("provider" in ref) {
    const key = keyAt(ref.provider);
    if (ref.flaw === "misnamedKey") return [misnamed(key.key), token(key, `u${ref.user}`, claimSets[ref.claims]!)];
    return [key.key, token(key, `u${ref.user}`, claimSets[ref.claims]!, ref.flaw)];
  }
  if ("key" in ref) {
    if (ref.key === "developer") return [pool?.developerProviderName ?? "login.cim.example", "d0"];
    if (ref.key === "unknown") return ["login.unknown.example.com", token({ key: "login.unknown.example.com", aud: "app", opaque: false }, "u0", {})];
    return [OPENID_KEY, "not-a-token"];
  }
  if ("openid" in ref) {
    const usable = scope.world.openIdTokens.filter((t) => t.lifetime >= MIN_PRESENTED_LIFETIME);
    const mine = usable.filter((t) => t.identityId === scope.identityId);
    const from = ref.mine && mine.length > 0 ? mine : usable;
    return from.length === 0 ? undefined : [OPENID_KEY, from[ref.openid % from.length]!.token];
  }
  return ref.edge === "longKey" ? ["k".repeat(129), "token"] : [keyAt(0).key, ""];
}

function fittingLogins(n: number, scope: LoginScope): LoginsRef {
  const identity = scope.identityId === undefined ? undefined : scope.world.identity(scope.identityId);
  if (!identity || identity.logins.length === 0) return { absent: true };
  const developer = scope.poolId === undefined ? undefined : scope.world.pool(scope.poolId)?.developerProviderName;
  const onlyDeveloper = identity.logins.every((l) => l.provider === developer);
  return { logins: [onlyDeveloper ? { openid: n, mine: true } : { own: n }] };
}

/** The Logins map, or undefined when absent. Later entries with the same key replace earlier ones. */
export function resolveLogins(ref: LoginsRef, scope: LoginScope): Record<string, string> | undefined {
  if ("fitting" in ref) return resolveLogins(fittingLogins(ref.fitting, scope), scope);
  if ("absent" in ref) return undefined;
  if ("many" in ref) return Object.fromEntries(Array.from({ length: ref.many }, (_, i) => [`provider${i}.example.com`, "token"]));
  const out: Record<string, string> = {};
  for (const r of ref.logins) {
    const entry = resolveOne(r, scope);
    if (entry) out[entry[0]] = entry[1];
  }
  return out;
}
