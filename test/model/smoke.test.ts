import { describe, expect, it } from "vitest";
import { initialState, step } from "../../src/model/index.js";

const ctx = { account: "123456789012", region: "us-east-1", now: 1_700_000_000_000 };

describe("model", () => {
  it("creates and describes a pool", () => {
    const [s1, created] = step(initialState({ seed: 7 }), {
      op: "CreateIdentityPool",
      input: { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true },
      context: ctx,
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const [, described] = step(s1, { op: "DescribeIdentityPool", input: { IdentityPoolId: created.output.IdentityPoolId }, context: ctx });
    expect(described).toEqual(created);
  });
});
