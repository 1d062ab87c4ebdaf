import { describe, expect, it } from "vitest";
import { mutants } from "../../src/conformance/mutants.js";
import { check, defaults } from "../../src/conformance/runner.js";

describe("mutants: deliberately broken models used as targets", () => {
  it("break pools, tags, identities, logins, roles, tokens and developer identities", () => {
    const operations = new Set(mutants.map((m) => m.operation));
    for (const op of [
      "CreateIdentityPool",
      "ListTagsForResource",
      "GetId",
      "GetOpenIdToken",
      "GetCredentialsForIdentity",
      "ListIdentities",
      "DeleteIdentities",
      "MergeDeveloperIdentities",
      "LookupDeveloperIdentity",
    ]) {
      expect(operations, op).toContain(op);
    }
  });

  it.each(mutants.map((m) => [m.name, m] as const))("finds '%s' within the default run budget, shrunk to at most 4 commands", async (_, mutant) => {
    const result = await check({ target: mutant.target(), seed: 20_260_101 });
    const found = result.divergences.filter((d) => d.operation === mutant.operation);
    expect(found.length, `no divergence in ${mutant.operation}; found: ${result.divergences.map((d) => d.operation).join(", ")}`).toBeGreaterThan(0);
    expect(Math.min(...found.map((d) => d.commands.length))).toBeLessThanOrEqual(4);
    expect(Math.min(...found.map((d) => d.foundAfterRuns ?? Infinity))).toBeLessThanOrEqual(defaults.runs);
  });
});
