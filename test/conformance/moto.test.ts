// The check against a live moto server finds moto's divergences. The set of operations where
// moto must diverge is pinned: a harness that silently finds less fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Divergence } from "../../src/conformance/divergence.js";
import { motoVersion, startMoto, type MotoServer } from "../../src/conformance/moto-server.js";
import { check, type CheckResult } from "../../src/conformance/runner.js";
import { httpTarget } from "../../src/conformance/targets/http.js";

const required = process.env.CIM_REQUIRE_PEERS === "1";
const version = await motoVersion();
const unavailable = required
  ? "moto's server mode is required (CIM_REQUIRE_PEERS=1) but python3 cannot run it: pip install 'moto[server]'"
  : "moto's server mode is not installed (pip install 'moto[server]'); with CIM_REQUIRE_PEERS=1 this is a failure";

/** Where moto 5.2.1 must diverge, and one divergence of each operation that must be among those found. */
const pinned: Record<string, (d: Divergence) => boolean> = {
  CreateIdentityPool: (d) => d.kind === "wrong status" && d.facets.includes("accepts invalid developerProviderName"),
  DescribeIdentityPool: (d) => d.kind === "wrong message" && /not found\./.test(d.expected.ok ? "" : d.expected.error.message),
  UpdateIdentityPool: (d) => d.kind === "wrong output" && d.facets.includes("IdentityPoolName: changed"),
  DeleteIdentityPool: (d) => d.kind === "wrong message",
  ListIdentityPools: (d) => d.kind === "wrong output" && d.facets.includes("NextToken: missing"),
  TagResource: (d) => d.kind === "missing operation",
  UntagResource: (d) => d.kind === "missing operation",
  ListTagsForResource: (d) => d.kind === "missing operation",
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
  }, 240_000);

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

  it("each divergence is minimal and known once: short sequences, no repeated signature", (ctx) => {
    if (!version && !required) ctx.skip(unavailable);
    expect(result, unavailable).toBeDefined();
    for (const d of result!.divergences) expect(d.commands.length, `${d.operation}: ${d.kind}`).toBeLessThanOrEqual(4);
    const keys = result!.divergences.flatMap((d) => d.facets.map((f) => `${d.operation} | ${f}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
