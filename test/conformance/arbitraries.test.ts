// The generators reach the edges that matter, and every command resolves against any world.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idRef, resolveArn, resolveId, arnRef } from "../../src/conformance/arbitraries/refs.js";
import { integerFor, stringFor } from "../../src/conformance/arbitraries/strings.js";
import { tagMap } from "../../src/conformance/arbitraries/tags.js";
import { checkedOperations, harnesses } from "../../src/conformance/ops/index.js";
import { World } from "../../src/conformance/world.js";
import { step } from "../../src/model/index.js";
import { populatedWorld } from "./helpers.js";

const sample = <T>(arb: fc.Arbitrary<T>, n = 3000) => fc.sample(arb, { seed: 42, numRuns: n });

function worldWithPools(count: number): World {
  const world = new World({ seed: 1 }, "123456789012", "us-east-1");
  for (let i = 0; i < count; i++) {
    const [next, result] = step(world.state, {
      op: "CreateIdentityPool",
      input: { IdentityPoolName: `p${i}`, AllowUnauthenticatedIdentities: false },
      context: world.context(0),
    });
    world.state = next;
    if (result.ok) world.noteCreated("pool", (result.output as { IdentityPoolId: string }).IdentityPoolId, i * 10);
  }
  return world;
}

describe("edge values", () => {
  it("strings of a shape reach lengths 0, 1, max, max+1 and a character outside the pattern", () => {
    const lengths = new Set(sample(stringFor("IdentityPoolName")).map((s) => s.length));
    for (const n of [0, 1, 128, 129]) expect(lengths).toContain(n);
    expect(sample(stringFor("IdentityPoolName")).some((s) => /[^\w\s+=,.@-]/.test(s))).toBe(true);
  });

  it("integers reach both bounds and one step outside each", () => {
    const values = new Set(sample(integerFor("QueryLimit")));
    for (const n of [0, 1, 60, 61]) expect(values).toContain(n);
  });

  it("tag maps reach the 50-tag quota from both sides", () => {
    const sizes = new Set(sample(tagMap).map((t) => Object.keys(t).length));
    for (const n of [0, 1, 49, 50, 51]) expect(sizes).toContain(n);
  });

  it("ids: live, deleted, never created, another Region's, malformed", () => {
    const world = worldWithPools(2);
    const ids = sample(idRef).map((r) => resolveId(r, world));
    const live = new Set(world.live("pool"));
    expect(ids.some((id) => live.has(id))).toBe(true);
    expect(ids.some((id) => id.startsWith("us-east-1:") && !live.has(id))).toBe(true);
    expect(ids.some((id) => /^(eu|ap|us-west)-/.test(id))).toBe(true);
    expect(ids.some((id) => !/^[\w-]+:[0-9a-f-]+$/.test(id))).toBe(true);
  });

  it("ARNs: this account's, another account's, another Region's, malformed, a bare id", () => {
    const world = worldWithPools(1);
    const arns = sample(arnRef).map((r) => resolveArn(r, world));
    expect(arns.some((a) => a.startsWith("arn:aws:cognito-identity:us-east-1:123456789012:identitypool/us-east-1:"))).toBe(true);
    expect(arns.some((a) => /^arn:aws:cognito-identity:us-east-1:(111122223333|000000000000):/.test(a))).toBe(true);
    expect(arns.some((a) => /^arn:aws:cognito-identity:(eu-west-1|us-west-2|ap-southeast-2):123456789012:/.test(a))).toBe(true);
    expect(arns.some((a) => a.startsWith("arn:aws-cn:"))).toBe(true);
    expect(arns.some((a) => a.length < 20 || a.length > 2048)).toBe(true);
    expect(arns.some((a) => !a.startsWith("arn:") && a !== "")).toBe(true);
  });
});

describe("operation harnesses", () => {
  it.each(checkedOperations)("%s: parameters resolve to an input in an empty world and in populated ones", (op) => {
    const harness = harnesses[op]!;
    for (const world of [worldWithPools(0), worldWithPools(3), populatedWorld()]) {
      for (const params of sample(harness.params, 200)) {
        const input = harness.input(params, world);
        expect(typeof input).toBe("object");
        const [, result] = step(world.state, { op, input, context: world.context(0) });
        expect(result.ok || typeof result.error.message === "string").toBe(true);
      }
    }
  });

  it("valid and invalid commands are both common", () => {
    const world = worldWithPools(2);
    const harness = harnesses.CreateIdentityPool!;
    const results = sample(harness.params, 1000).map((p) => step(world.state, { op: harness.op, input: harness.input(p, world), context: world.context(0) })[1]);
    const valid = results.filter((r) => r.ok).length / results.length;
    expect(valid).toBeGreaterThan(0.4);
    expect(valid).toBeLessThan(0.9);
  });
});

describe("references by key", () => {
  it("find the live resource with the nearest creation key, whatever was created around it", () => {
    const world = worldWithPools(3); // keys 0, 10, 20
    const [first, second, third] = world.live("pool");
    expect(resolveId({ live: 0 }, world)).toBe(first);
    expect(resolveId({ live: 9 }, world)).toBe(second);
    expect(resolveId({ live: 99 }, world)).toBe(third);
    expect(resolveId({ deleted: 9 }, world)).toMatch(/^us-east-1:00000000-0000-4000-8000-/);
  });
});
