import { describe, expect, it } from "vitest";
import { defaultRateLimits } from "../../src/model/index.js";
import { rateLimited, undocumentedRatePerSecond } from "../../src/conformance/targets/rate-limit.js";
import { modelTarget } from "../../src/conformance/targets/model.js";

/** A clock that only moves when the limiter sleeps; records when each request went out. */
function virtualTime() {
  let now = 0;
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

async function sendTimes(op: string, count: number, headroom = 1) {
  const time = virtualTime();
  const target = rateLimited(modelTarget(), { ...time, headroom });
  const at: number[] = [];
  for (let i = 0; i < count; i++) {
    await target.send(op, { ResourceArn: "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/us-east-1:0", Tags: {}, MaxResults: 1 });
    at.push(time.clock());
  }
  return at;
}

const perSecondOf = (at: number[]) => Math.max(...at.map((t) => at.filter((u) => u >= t && u < t + 1000).length));

describe("client-side rate limiting", () => {
  it("keeps each operation under its documented rate", async () => {
    expect(perSecondOf(await sendTimes("TagResource", 20))).toBeLessThanOrEqual(defaultRateLimits.TagResource!);
    expect(perSecondOf(await sendTimes("ListTagsForResource", 40))).toBeLessThanOrEqual(defaultRateLimits.ListTagsForResource!);
  });

  it("leaves headroom by default", async () => {
    const time = virtualTime();
    const target = rateLimited(modelTarget(), time);
    for (let i = 0; i < 9; i++) await target.send("TagResource", {});
    expect(time.clock()).toBeGreaterThanOrEqual(2000);
  });

  it("uses a cautious rate for operations without a documented one", async () => {
    expect(perSecondOf(await sendTimes("CreateIdentityPool", 10))).toBeLessThanOrEqual(undocumentedRatePerSecond);
  });

  it("paces each operation on its own", async () => {
    const time = virtualTime();
    const target = rateLimited(modelTarget(), { ...time, headroom: 1 });
    await target.send("TagResource", {});
    await target.send("ListTagsForResource", {});
    expect(time.clock()).toBe(0);
  });
});
