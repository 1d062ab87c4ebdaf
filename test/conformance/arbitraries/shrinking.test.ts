// Reported cases keep only what their divergence needs: collections and optional members inside
// a command shrink too, not only the sequence of commands.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { edgeCount, nonEmptyArray, nonEmptyDictionary, shrinkingTo } from "../../../src/conformance/arbitraries/shrinking.js";
import type { Divergence } from "../../../src/conformance/divergence.js";
import { mutants } from "../../../src/conformance/mutants.js";
import { check } from "../../../src/conformance/runner.js";

/** The counterexample fast-check reports for `failsOn`, starting from `start`. */
function shrunk<T>(arb: fc.Arbitrary<T>, failsOn: (value: T) => boolean, start?: T): T {
  const details = fc.check(
    fc.property(arb, (value) => !failsOn(value)),
    { seed: 1, ...(start === undefined ? {} : { examples: [[start]] }) },
  );
  expect(details.failed).toBe(true);
  return details.counterexample![0];
}

describe("shrinking helpers", () => {
  it("a collection with at least one item shrinks to the one item needed, wherever it is", () => {
    expect(shrunk(nonEmptyArray(fc.nat(9), 3), (a) => a[0] === 5, [5, 7, 9])).toEqual([5]);
    expect(shrunk(nonEmptyArray(fc.nat(9), 3), (a) => a.includes(7), [5, 7, 9])).toEqual([7]);
    expect(shrunk(nonEmptyDictionary(fc.constantFrom("a", "b", "c"), fc.nat(9), 3), (d) => "a" in d, { a: 1, b: 2, c: 3 })).toEqual({ a: 0 });
    expect(fc.sample(nonEmptyArray(fc.nat(), 3), { seed: 1, numRuns: 200 }).every((a) => a.length >= 1 && a.length <= 3)).toBe(true);
  });

  it("a count generated at its edges shrinks below them, like an integer", () => {
    const counts = fc.sample(edgeCount([50, 51]), { seed: 1, numRuns: 100 });
    expect(new Set(counts)).toEqual(new Set([50, 51]));
    expect(shrunk(edgeCount([50, 51]), (n) => n >= 1)).toBe(1);
    expect(shrunk(edgeCount([50, 51], 3), (n) => n > 0)).toBe(3);
  });

  it("an optional member is dropped as soon as nothing needs it, not only on the first step", () => {
    // The member is needed while `other` is above 10: fast-check's cross-shrink offers undefined
    // once, before `other` has shrunk, and keeps [0, 1] for half of these seeds.
    const member = shrinkingTo(fc.oneof({ arbitrary: fc.constant(undefined), weight: 1 }, { arbitrary: fc.nat(9), weight: 3 }), undefined);
    const needs = ([m, other]: [number | undefined, number]) => other >= 1 && (m !== undefined || other <= 10);
    for (let seed = 1; seed <= 10; seed++) {
      const details = fc.check(fc.property(fc.tuple(member, fc.nat(100)), (v) => !needs(v)), { seed });
      expect(details.counterexample?.[0], `seed ${seed}`).toEqual([undefined, 1]);
    }
  });
});

/** Providers the case's pools are given, and logins its commands present. */
function sizes(divergence: Divergence): { providers: number; logins: number } {
  let providers = 0;
  let logins = 0;
  for (const { input } of divergence.commands) {
    const i = (input ?? {}) as Record<string, unknown>;
    const count = (v: unknown) => (Array.isArray(v) ? v.length : v && typeof v === "object" ? Object.keys(v).length : 0);
    providers += count(i.CognitoIdentityProviders) + count(i.SupportedLoginProviders) + count(i.OpenIdConnectProviderARNs) + count(i.SamlProviderARNs);
    providers += typeof i.DeveloperProviderName === "string" ? 1 : 0;
    logins += count(i.Logins);
  }
  return { providers, logins };
}

describe("reported cases", () => {
  const mutant = mutants.find((m) => m.name === "GetId refuses every user-pool login")!;

  // Before collections inside commands shrank, seeds 3 and 8 reported a pool of 50 user-pool
  // providers, seed 4 one with a Facebook provider beside the user pool.
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("keep the one provider and the one login a divergence needs (seed %i)", async (seed) => {
    const result = await check({ target: mutant.target(), seed, runs: 200 });
    const found = result.divergences.filter((d) => d.operation === "GetId");
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) expect(sizes(d), JSON.stringify(d.commands.map((c) => c.input)).slice(0, 1000)).toEqual({ providers: 1, logins: 1 });
  });
});
