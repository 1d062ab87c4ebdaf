// How sure a divergence's expected side is: the rules its answer rests on (spec/rules.json).
import { describe, expect, it } from "vitest";
import { evidenceFor } from "../../src/conformance/evidence.js";
import { messages, type ErrorType, type Result } from "../../src/model/index.js";

const refused = (type: string, message: string): Result => ({ ok: false, error: { type: type as ErrorType, message } });

describe("the evidence behind an expected answer", () => {
  it("an error is traced to the rules that quote its message, placeholders matching anything", () => {
    const trust = evidenceFor("GetCredentialsForIdentity", refused("InvalidIdentityPoolConfigurationException", messages.invalidPoolConfiguration()));
    expect(trust.rules.map((r) => r.id)).toContain("IAM-9");
    expect(trust.grade).not.toBe("no rule found");
    const missing = evidenceFor("DescribeIdentityPool", refused("ResourceNotFoundException", "IdentityPool 'us-east-1:60bf1154-bb88-4c38-8f40-82b12830bdc3' not found."));
    expect(missing.rules.length).toBeGreaterThan(0);
    expect(missing.rules.every((r) => ["documented", "observed", "our choice"].includes(r.grade))).toBe(true);
  });

  it("the grade is the weakest of the rules found; nothing found says so", () => {
    const sts = evidenceFor("AssumeRoleWithWebIdentity", refused("AccessDenied", "Not authorized to perform sts:TagSession"));
    expect(sts.rules.map((r) => `${r.id} ${r.grade}`)).toContain("IAM-11 our choice");
    expect(sts.grade).toBe("our choice");
    expect(evidenceFor("GetId", refused("Nonsense", "a message no rule quotes"))).toEqual({ rules: [], grade: "no rule found" });
  });

  it("a success is traced to the rules of the operation's page that name the members that differ", () => {
    const found = evidenceFor("CreateIdentityPool", { ok: true, output: {} }, ["AllowClassicFlow: missing"]);
    expect(found.rules.length).toBeGreaterThan(0);
    expect(found.rules.every((r) => r.page === "operations/CreateIdentityPool.md")).toBe(true);
  });
});
