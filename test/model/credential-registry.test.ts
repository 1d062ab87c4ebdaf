import { describe, expect, it } from "vitest";
import { CredentialRegistry, FORGET_AFTER_MS, forgottenRunsProblem } from "../../src/model/credential-registry.js";
import type { IssuedCredentials } from "../../src/model/identity-state.js";
import { accessKeyIdAt } from "../../src/model/keygen.js";

const SEED = 7;
const HOUR = 3_600_000;

const record = (counter: number, expiration: number): IssuedCredentials => ({
  accessKeyId: accessKeyIdAt({ seed: SEED, counter }),
  roleArn: "arn:aws:iam::123456789012:role/r",
  identityId: "us-east-1:00000000-0000-4000-8000-000000000000",
  identityPoolId: "us-east-1:00000000-0000-4000-8000-000000000001",
  principalTags: {},
  expiration,
});

/** Issues one record per counter, at `now`, each with the given expiration. */
function issueAll(registry: CredentialRegistry, items: [counter: number, expiration: number][], now: number): CredentialRegistry {
  return items.reduce((r, [counter, expiration]) => r.issue(record(counter, expiration), now, SEED), registry);
}

describe("the credentials registry", () => {
  it("CRED-14: forgets the earliest expiration first, at most two per issue, and only an hour after it", () => {
    const r1 = issueAll(CredentialRegistry.empty, [[0, 3 * HOUR], [1, HOUR], [2, 2 * HOUR], [3, HOUR]], 0);
    expect(r1.size).toBe(4);
    // An hour after expiring is not yet enough at one millisecond short of it.
    const r2 = r1.issue(record(4, 10 * HOUR), 2 * HOUR - 1, SEED);
    expect(r2.size).toBe(5);
    const r3 = r2.issue(record(5, 10 * HOUR), 5 * HOUR, SEED);
    // Two of the four expired ones went: the two expiring first (counters 1 and 3).
    expect(r3.size).toBe(4);
    expect([1, 3].map((c) => r3.get(record(c, 0).accessKeyId))).toEqual([undefined, undefined]);
    expect([1, 3].map((c) => r3.forgot(record(c, 0).accessKeyId, SEED))).toEqual([true, true]);
    expect(r3.forgottenRuns()).toEqual([[1, 2], [3, 4]]);
    const r4 = r3.issue(record(6, 10 * HOUR), 5 * HOUR, SEED);
    // Then 2 and 0: the runs join into one.
    expect(r4.forgottenRuns()).toEqual([[0, 4]]);
    expect(r4.values().map((c) => c.accessKeyId).sort()).toEqual([4, 5, 6].map((c) => record(c, 0).accessKeyId).sort());
    expect(r4.forgot(record(4, 0).accessKeyId, SEED)).toBe(false);
    expect(r4.forgot(record(2, 0).accessKeyId, SEED + 1)).toBe(false);
  });

  it("CRED-14: a stream of identical calls leaves one run and a registry the size of the expiry window", () => {
    let registry = CredentialRegistry.empty;
    const step = 60_000;
    for (let counter = 0; counter < 1000; counter++) registry = registry.issue(record(counter, counter * step + HOUR), counter * step, SEED);
    expect(registry.forgottenRuns()).toHaveLength(1);
    expect(registry.size).toBe((HOUR + FORGET_AFTER_MS) / step);
  });

  it("CRED-14: a pinned clock forgets nothing; a snapshot's runs are checked", () => {
    const pinned = issueAll(CredentialRegistry.empty, [[0, HOUR], [1, HOUR]], 0).issue(record(2, HOUR), 0, SEED);
    expect(pinned.size).toBe(3);
    const restored = CredentialRegistry.fromSnapshot(pinned.values(), [[5, 9]]);
    expect(restored.forgot(record(6, 0).accessKeyId, SEED)).toBe(true);
    expect(restored.forgot(record(9, 0).accessKeyId, SEED)).toBe(false);
    expect(forgottenRunsProblem([[0, 2], [2, 5]], 5)).toBeUndefined();
    expect(forgottenRunsProblem([[0, 2], [1, 5]], 5)).toMatch(/^run 1 \[1, 5\]/);
    expect(forgottenRunsProblem([[3, 3]], 5)).toMatch(/^run 0/);
    expect(forgottenRunsProblem([[0, 6]], 5)).toMatch(/past the id counter 5/);
  });
});
