// A real account must end as it began: everything the check creates is deleted, also when the
// check fails or is interrupted.
import { describe, expect, it } from "vitest";
import { check } from "../../src/conformance/runner.js";
import { TargetUnreachable } from "../../src/conformance/target.js";
import { modelTarget } from "../../src/conformance/targets/model.js";
import { trackResources } from "../../src/conformance/targets/tracking.js";
import { intercepting, withoutReset } from "./helpers.js";

async function poolsIn(target: { send(op: string, input: unknown): Promise<unknown> }) {
  const listed = (await target.send("ListIdentityPools", { MaxResults: 60 })) as { output: { IdentityPools: unknown[] } };
  return listed.output.IdentityPools.length;
}

describe("cleanup of what the check creates", () => {
  it("the tracker deletes every pool created and not deleted since", async () => {
    const target = modelTarget();
    const tracked = trackResources(target);
    for (const name of ["a", "b", "c"]) await tracked.send("CreateIdentityPool", { IdentityPoolName: name, AllowUnauthenticatedIdentities: false });
    const first = [...tracked.live.keys()][0]!;
    await tracked.send("DeleteIdentityPool", { IdentityPoolId: first });
    expect(tracked.live.size).toBe(2);
    const report = await tracked.cleanup();
    expect(report.removed).toHaveLength(2);
    expect(report.failed).toEqual([]);
    expect(await poolsIn(target)).toBe(0);
  });

  it("a check against a target without reset leaves nothing behind", async () => {
    const target = modelTarget();
    const result = await check({ target: withoutReset(target), seed: 3, runs: 50 });
    expect(result.divergences).toEqual([]);
    expect(await poolsIn(target)).toBe(0);
  });

  it("also when the check fails half-way", async () => {
    const target = modelTarget();
    let sent = 0;
    // The 40th command of the runs (not a deletion of the cleanup between them) fails.
    const failing = intercepting(withoutReset(target), (op, _input, outcome) => {
      if (op !== "DeleteIdentityPool" && ++sent === 40) throw new TargetUnreachable("connection lost");
      return outcome;
    });
    await expect(check({ target: failing, seed: 4, runs: 50 })).rejects.toThrow(TargetUnreachable);
    expect(await poolsIn(target)).toBe(0);
  });

  it("also when it is interrupted (Ctrl-C aborts the signal)", async () => {
    const target = modelTarget();
    const controller = new AbortController();
    let sent = 0;
    const interrupted = intercepting(withoutReset(target), (_op, _input, outcome) => {
      if (++sent === 25) controller.abort();
      return outcome;
    });
    const result = await check({ target: interrupted, seed: 5, runs: 50, signal: controller.signal });
    // What was found until then is answered, marked as interrupted, for the report Ctrl-C still writes.
    expect(result.interrupted).toBe(true);
    expect(result.runs).toBeLessThan(50);
    expect(result.notes).toContainEqual(expect.stringMatching(/^interrupted after \d+ of 50 runs/));
    expect(await poolsIn(target)).toBe(0);
  });

  it("pools that were there before are left alone, and lists that show them are not compared", async () => {
    const target = modelTarget();
    for (const name of ["theirs1", "theirs2"]) await target.send("CreateIdentityPool", { IdentityPoolName: name, AllowUnauthenticatedIdentities: true });
    const result = await check({ target: withoutReset(target), seed: 6, runs: 100 });
    expect(result.divergences).toEqual([]);
    expect(result.notes).toEqual([expect.stringMatching(/already holds 2 identity pool\(s\).*ListIdentityPools answers are not compared/)]);
    expect(result.operations.find((o) => o.operation === "ListIdentityPools")!.cascades).toBeGreaterThan(0);
    const left = (await target.send("ListIdentityPools", { MaxResults: 60 })) as { output: { IdentityPools: { IdentityPoolName: string }[] } };
    expect(left.output.IdentityPools.map((p) => p.IdentityPoolName)).toEqual(["theirs1", "theirs2"]);
  });

  it("reports what it could not delete", async () => {
    const target = modelTarget();
    const stubborn = intercepting(target, (op, _input, outcome) =>
      op === "DeleteIdentityPool" ? { ok: false, error: { type: "TooManyRequestsException", message: "Rate exceeded" }, status: 400 } : outcome,
    );
    const tracked = trackResources(stubborn);
    await tracked.send("CreateIdentityPool", { IdentityPoolName: "a", AllowUnauthenticatedIdentities: false });
    const report = await tracked.cleanup();
    expect(report.removed).toEqual([]);
    expect(report.failed).toEqual([{ id: expect.stringMatching(/^us-east-1:/), reason: "TooManyRequestsException: Rate exceeded" }]);
  });
});
