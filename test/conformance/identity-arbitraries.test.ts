// The generators of the identity, role, principal-tag and developer operations reach the edges
// that matter, and their references resolve against the run's world.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveIdentifier } from "../../src/conformance/arbitraries/developer.js";
import { resolvePoolIdentity } from "../../src/conformance/arbitraries/identities.js";
import { loginRef, loginsRef, OPENID_KEY, resolveLogins, type LoginRef } from "../../src/conformance/arbitraries/logins.js";
import { sessionTags, tagAttributeMap } from "../../src/conformance/arbitraries/principal-tags.js";
import { roleMapping } from "../../src/conformance/arbitraries/roles.js";
import { harnesses } from "../../src/conformance/ops/index.js";
import { step } from "../../src/model/index.js";
import { populatedWorld } from "./helpers.js";

const sample = <T>(arb: fc.Arbitrary<T>, n = 3000) => fc.sample(arb, { seed: 42, numRuns: n });
type Params = Record<string, unknown>;
const paramsOf = (op: keyof typeof harnesses, n?: number) => sample(harnesses[op]!.params as fc.Arbitrary<Params>, n);
const inputsOf = (op: keyof typeof harnesses, n = 500) => {
  const world = populatedWorld();
  return paramsOf(op, n).map((p) => harnesses[op]!.input(p, world) as Params);
};

describe("edges of the identity operations", () => {
  it("DeleteIdentities: 1 to 3 ids usually, and 0, 60, 61", () => {
    const sizes = new Set(inputsOf("DeleteIdentities", 2000).map((i) => (i.IdentityIdsToDelete as string[]).length));
    for (const n of [0, 1, 2, 3, 60, 61]) expect(sizes).toContain(n);
  });

  it("ListIdentities: MaxResults 0, 1, 60, 61, HideDisabled true, false and absent", () => {
    const inputs = inputsOf("ListIdentities", 3000);
    const sizes = new Set(inputs.map((i) => i.MaxResults));
    for (const n of [0, 1, 60, 61]) expect(sizes).toContain(n);
    expect(new Set(inputs.map((i) => i.HideDisabled))).toEqual(new Set([true, false, undefined]));
  });

  it("GetOpenIdTokenForDeveloperIdentity: TokenDuration 0, 1, 900, 86400, 86401; 0, 50 and 51 principal tags", () => {
    const inputs = inputsOf("GetOpenIdTokenForDeveloperIdentity", 3000);
    const durations = new Set(inputs.map((i) => i.TokenDuration));
    for (const n of [0, 1, 900, 86_400, 86_401]) expect(durations).toContain(n);
    const tags = new Set(sample(sessionTags).map((t) => Object.keys(t).length));
    for (const n of [0, 1, 50, 51]) expect(tags).toContain(n);
    expect(new Set(sample(tagAttributeMap).map((t) => Object.keys(t).length))).toEqual(new Set([0, 1, 2, 3, 50, 51]));
  });

  it("role mappings: Token and Rules, 0, 25 and 26 rules, and members missing", () => {
    const mappings = sample(roleMapping);
    expect(new Set(mappings.map((m) => m.Type))).toEqual(new Set(["Token", "Rules", "Claims", undefined]));
    const counts = new Set(mappings.map((m) => (m.RulesConfiguration as { Rules?: unknown[] } | undefined)?.Rules?.length));
    for (const n of [0, 1, 25, 26]) expect(counts).toContain(n);
    expect(mappings.some((m) => m.AmbiguousRoleResolution === undefined)).toBe(true);
  });

  it("developer user identifiers: a shared set, the linked ones, and lengths 0, 1024, 1025", () => {
    const lengths = new Set(inputsOf("MergeDeveloperIdentities", 2000).map((i) => (i.SourceUserIdentifier as string).length));
    for (const n of [0, 2, 1024, 1025]) expect(lengths).toContain(n);
  });
});

describe("logins", () => {
  it("every kind of login, valid and flawed", () => {
    const refs = sample(loginRef);
    for (const variant of ["own", "provider", "key", "openid", "edge"]) expect(refs.some((r) => variant in r)).toBe(true);
    const flaws = new Set(refs.map((r) => ("flaw" in r ? r.flaw : undefined)));
    for (const flaw of ["issuer", "audience", "expired", "noAudience", "noSubject", "garbage"]) expect(flaws).toContain(flaw);
    const maps = sample(loginsRef());
    for (const variant of ["absent", "logins", "many"]) expect(maps.some((m) => variant in m)).toBe(true);
  });

  it("tokens are made for the pool: the model accepts a valid one and refuses the flawed ones", () => {
    const world = populatedWorld();
    const poolId = world.live("pool")[0]!;
    const answer = (ref: LoginRef) => {
      const Logins = resolveLogins({ logins: [ref] }, { world, poolId });
      const [, result] = step(world.state, { op: "GetId", input: { IdentityPoolId: poolId, Logins }, context: world.context(Date.now()) });
      return result.ok ? "ok" : result.error.message;
    };
    expect(answer({ provider: 0, user: 1, claims: 1 })).toBe("ok");
    expect(answer({ provider: 1, user: 1, claims: 2 })).toBe("ok");
    expect(answer({ provider: 0, user: 1, claims: 0, flaw: "audience" })).toBe("Token is not from a supported provider of this identity pool.");
    expect(answer({ provider: 0, user: 1, claims: 0, flaw: "expired" })).toMatch(/^Invalid login token\. Token expired: \d+ >= 1600000000$/);
    expect(answer({ provider: 0, user: 1, claims: 0, flaw: "issuer" })).toBe("Invalid login token. Not a Cognito token.");
    expect(answer({ provider: 0, user: 1, claims: 0, flaw: "noAudience" })).toBe("Invalid login token. Missing a required claim: aud");
    expect(answer({ provider: 1, user: 1, claims: 0, flaw: "garbage" })).toBe("Invalid login token. Not a test token for graph.facebook.com (see spec/login-tokens.md).");
    expect(answer({ key: "developer" })).toBe("Token is not from a supported provider of this identity pool.");
  });

  it("fitting logins: none for a guest, its own for a user, its OpenID token for a developer user", () => {
    const world = populatedWorld();
    const poolId = world.live("pool")[0]!;
    const [guest, user, developer] = world.identitiesOf(poolId);
    expect(resolveLogins({ fitting: 0 }, { world, poolId, identityId: guest })).toBeUndefined();
    expect(Object.keys(resolveLogins({ fitting: 0 }, { world, poolId, identityId: user })!)).toEqual(["graph.facebook.com"]);
    expect(resolveLogins({ fitting: 0 }, { world, poolId, identityId: developer })).toEqual({ [OPENID_KEY]: world.openIdTokens[0]!.token });
  });
});

describe("references", () => {
  it("an identity of the pool named, and identifiers linked there", () => {
    const world = populatedWorld();
    const [first, second] = world.live("pool");
    expect(world.identitiesOf(first!)).toContain(resolvePoolIdentity({ inPool: 99 }, world, first!));
    expect(resolvePoolIdentity({ inPool: 0 }, world, second!)).toBe(world.identitiesOf(second!)[0]);
    expect(resolveIdentifier({ linked: 3 }, world, first!)).toBe("d0");
    expect(resolveIdentifier({ name: 2 }, world, first!)).toBe("d2");
    expect(resolveIdentifier({ linked: 3 }, world, second!)).toBe("d3");
  });
});
