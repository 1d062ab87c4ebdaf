import fc from "fast-check";
import { testToken } from "../../model/index.js";
import { withoutUndefined } from "../arbitraries/pool-settings.js";
import { roleArn } from "../arbitraries/roles.js";
import { sometimes } from "../arbitraries/strings.js";
import { openIdToken } from "../../model/tokens.js";
import { credentialsView, issuedCredentials, jwtClaims, roleSessionIdView } from "../compare/opaque.js";
import { defineOperation } from "../operation.js";
import type { World } from "../world.js";

/**
 * An OpenID token the model issued; or one of another issuer, one whose signature was changed, no
 * JWT, or one expired an hour ago (made with the model's key, so only for targets that share it).
 */
type TokenRef = { issued: number } | { flaw: "foreign" | "tampered" | "garbage" | "expired" };

const tokenRef: fc.Arbitrary<TokenRef> = fc.oneof(
  { arbitrary: fc.record({ issued: fc.nat({ max: 9 }) }), weight: 12 },
  { arbitrary: fc.record({ flaw: fc.constantFrom("foreign" as const, "tampered" as const, "garbage" as const, "expired" as const) }), weight: 3 },
);

/** A token presented must outlive the gap between the model's clock and the target's. */
const MIN_LIFETIME = 60;

/** RoleSessionName: 2..64 of `[\w+=,.@-]`, one outside each bound, a character it does not allow. */
const sessionName = fc.oneof(
  { arbitrary: fc.constantFrom("web", "app-session", "user@example.com"), weight: 12 },
  { arbitrary: fc.constantFrom("a", "s".repeat(64), "s".repeat(65), "a b"), weight: 2 },
);

/** DurationSeconds: the shape's bounds and a step beyond each, IAM's default maximum and a step beyond. */
const duration = sometimes(fc.constantFrom(899, 900, 3600, 3601, 43200, 43201), 1, 2);

function resolveToken(ref: TokenRef, world: World, now: number): string {
  const issued = world.openIdTokens.filter((t) => t.lifetime >= MIN_LIFETIME);
  if ("issued" in ref) return issued.length === 0 ? "not-a-token" : issued[ref.issued % issued.length]!.token;
  if (ref.flaw === "garbage") return "not-a-token";
  if (ref.flaw === "expired") return world.forgesTokens ? expiredToken(world, now) : "not-a-token";
  if (ref.flaw === "foreign") return testToken("accounts.google.com", { sub: "u0", aud: "cim-app" });
  // The model's own token with another signature: the key does not verify it.
  const token = issued[0]?.token ?? testToken("accounts.google.com", { sub: "u0", aud: "cim-app" });
  const [header, payload] = token.split(".");
  return `${header}.${payload}.${Buffer.from("not the signature").toString("base64url")}`;
}

/** The claims of the first token the model issued, in a token that expired an hour before `now`. */
function expiredToken(world: World, now: number): string {
  const first = world.openIdTokens[0];
  const claims = (first && jwtClaims(first.token)) ?? {};
  const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : ["unauthenticated"];
  const issuedAt = Math.floor(now / 1000) - 3600 - 600;
  return openIdToken(world.state.config, {
    identityId: String(claims.sub ?? first?.identityId ?? ""),
    poolId: String(claims.aud ?? ""),
    account: world.account,
    region: world.region,
    amr,
    issuedAt,
    lifetimeSeconds: 600,
  });
}

export const assumeRoleWithWebIdentity = defineOperation({
  op: "AssumeRoleWithWebIdentity",
  service: "sts",
  weight: 2,
  params: fc.record({ token: tokenRef, role: roleArn, session: sessionName, duration }),
  input: ({ token, role, session, duration }, world) =>
    withoutUndefined({ RoleArn: role, RoleSessionName: session, WebIdentityToken: resolveToken(token, world, world.now), DurationSeconds: duration }),
  requires: (world) => world.openIdTokens.length > 0,
  mutates: true,
  issuesCredentials: issuedCredentials,
  view: (output) => {
    const o = output as { Credentials?: unknown; AssumedRoleUser?: { AssumedRoleId?: unknown } };
    return {
      ...o,
      ...(o.Credentials === undefined ? {} : { Credentials: credentialsView(o.Credentials) }),
      ...(o.AssumedRoleUser === undefined ? {} : { AssumedRoleUser: { ...o.AssumedRoleUser, AssumedRoleId: roleSessionIdView(o.AssumedRoleUser.AssumedRoleId) } }),
    };
  },
  needs: ["CreateIdentityPool", "GetId", "GetOpenIdToken", "GetOpenIdTokenForDeveloperIdentity"],
});
