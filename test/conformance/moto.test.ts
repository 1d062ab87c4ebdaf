// The check against a live moto server finds moto's divergences. The set of operations where
// moto must diverge is pinned: a harness that silently finds less fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Divergence } from "../../src/conformance/divergence.js";
import { motoVersion, startMoto, type MotoServer } from "../../src/conformance/moto-server.js";
import { check, type CheckResult } from "../../src/conformance/runner.js";
import { renderMarkdown } from "../../src/conformance/report/markdown.js";
import { httpTarget } from "../../src/conformance/targets/http.js";

const required = process.env.CIM_REQUIRE_PEERS === "1";
const version = await motoVersion();
const unavailable = required
  ? "moto's server mode is required (CIM_REQUIRE_PEERS=1) but python3 cannot run it: pip install 'moto[server]'"
  : "moto's server mode is not installed (pip install 'moto[server]'); with CIM_REQUIRE_PEERS=1 this is a failure";

const accepts = (d: Divergence, error: RegExp) => d.kind === "wrong status" && d.facets.some((f) => f.startsWith("accepts what fails with") && error.test(f));
const missing = (d: Divergence) => d.kind === "missing operation";

/** Where moto 5.2.1 must diverge, and one divergence of each operation that must be among those found. */
const pinned: Record<string, (d: Divergence) => boolean> = {
  CreateIdentityPool: (d) => d.kind === "wrong status" && d.facets.includes("accepts invalid developerProviderName"),
  DescribeIdentityPool: (d) => d.kind === "wrong message" && /not found\./.test(d.expected.ok ? "" : d.expected.error.message),
  UpdateIdentityPool: (d) => d.kind === "wrong output" && d.facets.includes("IdentityPoolName: changed"),
  DeleteIdentityPool: (d) => d.kind === "wrong message",
  ListIdentityPools: (d) => d.kind === "wrong output" && d.facets.includes("NextToken: missing"),
  TagResource: missing,
  UntagResource: missing,
  ListTagsForResource: missing,
  // moto ignores AllowUnauthenticatedIdentities and Logins: every GetId makes a new identity.
  GetId: (d) => accepts(d, /Unauthenticated access is not supported/),
  // moto never looks the identity up and hands out fixed credentials.
  GetCredentialsForIdentity: (d) => accepts(d, /Identity '…' not found/),
  // moto's token is a random id, not a JWT.
  GetOpenIdToken: (d) => d.kind === "wrong output" && d.facets.includes("Token: changed"),
  DescribeIdentity: missing,
  // moto lists identities without their Logins and dates, and checks no MaxResults (which of the
  // two a run meets first depends on the sequences it generates).
  ListIdentities: (d) =>
    (d.kind === "wrong output" && d.facets.some((f) => f.startsWith("Identities[].CreationDate"))) ||
    (d.kind === "wrong status" && d.facets.includes("accepts invalid maxResults")),
  DeleteIdentities: missing,
  UnlinkIdentity: missing,
  GetIdentityPoolRoles: missing,
  SetIdentityPoolRoles: missing,
  GetPrincipalTagAttributeMap: missing,
  SetPrincipalTagAttributeMap: missing,
  GetOpenIdTokenForDeveloperIdentity: (d) => d.kind === "wrong output" && d.facets.includes("Token: changed"),
  LookupDeveloperIdentity: missing,
  MergeDeveloperIdentities: missing,
  UnlinkDeveloperIdentity: missing,
  // moto's STS evaluates no trust policy.
  AssumeRoleWithWebIdentity: (d) => accepts(d, /Not authorized to perform sts:AssumeRoleWithWebIdentity/),
};

describe("conformance of moto's server mode", () => {
  let moto: MotoServer | undefined;
  let result: CheckResult | undefined;

  beforeAll(async () => {
    if (!version) return;
    moto = await startMoto();
    const target = await httpTarget({ endpoint: moto.url, region: "us-east-1", account: "123456789012" });
    expect(target.reset, "moto's /moto-api/reset is used between runs").toBeDefined();
    result = await check({ target, seed: 20_260_101, runs: 200 });
  }, 300_000);

  afterAll(async () => {
    await moto?.stop();
  });

  it("moto is available (required under CI)", (ctx) => {
    if (!version && !required) ctx.skip(unavailable);
    expect(version, unavailable).toBeDefined();
  });

  it("moto diverges in exactly the pinned operations, each with its characteristic divergence", (ctx) => {
    if (!version && !required) ctx.skip(unavailable);
    expect(result, unavailable).toBeDefined();
    const divergent = [...new Set(result!.divergences.map((d) => d.operation))].sort();
    expect(divergent).toEqual(Object.keys(pinned).sort());
    for (const [op, characteristic] of Object.entries(pinned)) {
      const found = result!.divergences.filter((d) => d.operation === op);
      expect(found.some(characteristic), `${op}: ${found.map((d) => `${d.kind} (${d.facets.join("; ")})`).join(" | ")}`).toBe(true);
    }
  });

  it("moto's log gives the causes of its crashes, which its answers do not", (ctx) => {
    if (!version && !required) ctx.skip(unavailable);
    expect(moto, unavailable).toBeDefined();
    expect(moto!.errors()).toContainEqual(expect.stringMatching(/^NotImplementedError: The \w+ action has not been implemented/));
  });

  it("the same seed gives the same report (the default seed is fixed)", async (ctx) => {
    if (!version && !required) ctx.skip(unavailable);
    expect(moto, unavailable).toBeDefined();
    const report = async () => {
      const target = await httpTarget({ endpoint: moto!.url, region: "us-east-1", account: "123456789012" });
      return renderMarkdown(await check({ target, runs: 40 }), ["--endpoint", moto!.url]);
    };
    expect(await report()).toBe(await report());
  }, 300_000);

  it("each divergence is minimal and known once: short sequences, each with a cause no other shows", (ctx) => {
    if (!version && !required) ctx.skip(unavailable);
    expect(result, unavailable).toBeDefined();
    for (const d of result!.divergences) expect(d.commands.length, `${d.operation}: ${d.kind}`).toBeLessThanOrEqual(4);
    const seen = new Set<string>();
    for (const d of result!.divergences) {
      const keys = d.facets.map((f) => `${d.operation} | ${f}`);
      expect(keys.some((k) => !seen.has(k)), `${d.operation}: ${d.kind} (${d.facets.join("; ")}) repeats earlier causes`).toBe(true);
      for (const k of keys) seen.add(k);
    }
  });
});
