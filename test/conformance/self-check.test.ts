// The check of the reference against itself, through every layer, must find nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, defaults } from "../../src/conformance/runner.js";
import { fakeTarget } from "../../src/conformance/targets/fake.js";
import { httpTarget } from "../../src/conformance/targets/http.js";
import { modelTarget } from "../../src/conformance/targets/model.js";
import { startServer, type RunningServer } from "../../src/server/index.js";
import { withoutReset } from "./helpers.js";

describe("the check against the reference itself finds nothing", () => {
  it("the pure model, default budget", async () => {
    const result = await check({ target: modelTarget(), seed: 11 });
    expect(result.divergences).toEqual([]);
    expect(result.runs).toBe(defaults.runs);
    expect(result.commands).toBeGreaterThan(defaults.runs * 5);
    for (const op of result.operations) expect(op.commands, op.operation).toBeGreaterThan(100);
  });

  it("the pure model with another account and Region", async () => {
    const result = await check({ target: modelTarget({ account: "444455556666", region: "eu-west-3" }), seed: 12, runs: 200 });
    expect(result.divergences).toEqual([]);
  });

  it("the in-process fake through the SDK", async () => {
    const result = await check({ target: fakeTarget(), seed: 13, runs: 300 });
    expect(result.divergences).toEqual([]);
  });

  describe("the HTTP server through the SDK", () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer({ port: 0, account: "123456789012", log: () => {} });
    });
    afterAll(async () => {
      await server.close();
    });

    it("reset between runs (POST /_model/reset)", async () => {
      const target = await httpTarget({ endpoint: server.url, region: "us-east-1", account: "123456789012" });
      expect(target.reset).toBeDefined();
      const result = await check({ target, seed: 14, runs: 200 });
      expect(result.divergences).toEqual([]);
    });

    it("fresh resources for each run when the endpoint cannot be reset", async () => {
      const target = withoutReset(await httpTarget({ endpoint: server.url, region: "us-east-1", account: "123456789012" }));
      const result = await check({ target, seed: 15, runs: 200 });
      expect(result.divergences).toEqual([]);
      expect(result.notes).toEqual([]);
      const left = await target.send("ListIdentityPools", { MaxResults: 60 });
      expect(left).toMatchObject({ ok: true, output: { IdentityPools: [] } });
    });
  });
});
