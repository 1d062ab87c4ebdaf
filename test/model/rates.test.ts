// Rules RATE-1 to RATE-6 (spec/quotas.md).
import { describe, expect, it } from "vitest";
import { defaultRateLimits, initialState, type Context, type Result, type State } from "../../src/model/index.js";
import { arnOf, at, createPool, ctx, expectError, fresh, run } from "./helpers.js";

const limited = (perSecond = {}) => fresh({ rateLimiting: { enabled: true, perSecond } });

/** Runs the same command n times, threading the state; returns the last state and every result. */
function repeat(state: State, n: number, op: string, input: unknown, context: Context = ctx): [State, Result[]] {
  const results: Result[] = [];
  let s = state;
  for (let i = 0; i < n; i++) {
    const [next, result] = run(s, op, input, context);
    s = next;
    results.push(result);
  }
  return [s, results];
}

const oks = (results: Result[]) => results.map((r) => r.ok);

function taggedPool(state: State): [State, string] {
  const [next, pool] = createPool(state);
  return [next, arnOf(pool.IdentityPoolId!)];
}

describe("request rates", () => {
  it("RATE-1: rate limiting is off by default: 100 TagResource in one second all succeed", () => {
    expect(initialState().config.rateLimiting.enabled).toBe(false);
    const [s1, arn] = taggedPool(fresh());
    const [, results] = repeat(s1, 100, "TagResource", { ResourceArn: arn, Tags: { a: "b" } });
    expect(oks(results).every(Boolean)).toBe(true);
  });

  it("RATE-2: the default limits are the documented ones", () => {
    expect(defaultRateLimits).toMatchObject({
      GetId: 25,
      GetOpenIdToken: 200,
      GetCredentialsForIdentity: 200,
      GetOpenIdTokenForDeveloperIdentity: 200,
      TagResource: 5,
      UntagResource: 5,
      ListTagsForResource: 10,
    });
  });

  it("RATE-2: with limiting on, the sixth TagResource and the eleventh ListTagsForResource of a second are throttled", () => {
    const [s1, arn] = taggedPool(limited());
    const [s2, tagged] = repeat(s1, 6, "TagResource", { ResourceArn: arn, Tags: { a: "b" } });
    expect(oks(tagged)).toEqual([true, true, true, true, true, false]);
    expectError(tagged[5]!, "TooManyRequestsException", "Rate exceeded");
    const [s3, untagged] = repeat(s2, 6, "UntagResource", { ResourceArn: arn, TagKeys: ["a"] });
    expect(oks(untagged)).toEqual([true, true, true, true, true, false]);
    const [, listed] = repeat(s3, 11, "ListTagsForResource", { ResourceArn: arn });
    expect(oks(listed)).toEqual([...Array(10).fill(true), false]);
  });

  it("RATE-2: operations without a documented limit are never throttled", () => {
    const [s1, pool] = createPool(limited());
    const [s2, described] = repeat(s1, 50, "DescribeIdentityPool", { IdentityPoolId: pool.IdentityPoolId });
    expect(oks(described).every(Boolean)).toBe(true);
    const [, created] = repeat(s2, 50, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false });
    expect(oks(created).every(Boolean)).toBe(true);
  });

  it("RATE-3: windows are whole seconds of the commands' logical time", () => {
    const [s1, arn] = taggedPool(limited());
    const second = Math.floor(ctx.now / 1000) * 1000;
    const tag = (state: State, now: number) => run(state, "TagResource", { ResourceArn: arn, Tags: { a: "b" } }, at({ now }));
    let s = s1;
    for (let i = 0; i < 5; i++) [s] = tag(s, second + i * 199); // 0, 199, ..., 796 ms: one window
    expectError(tag(s, second + 999)[1], "TooManyRequestsException", "Rate exceeded");
    const [s2, next] = tag(s, second + 1000);
    expect(next.ok).toBe(true);
    const [, backAgain] = repeat(s2, 5, "TagResource", { ResourceArn: arn, Tags: { a: "b" } }, at({ now: second + 1500 }));
    expect(oks(backAgain)).toEqual([true, true, true, true, false]);
  });

  it("RATE-4: accounts, Regions and operations have separate windows", () => {
    const [s1, arn] = taggedPool(limited());
    const [s2, own] = repeat(s1, 6, "TagResource", { ResourceArn: arn, Tags: { a: "b" } });
    expect(own[5]!.ok).toBe(false);
    // Another operation in the same second.
    const [, untag] = run(s2, "UntagResource", { ResourceArn: arn, TagKeys: ["a"] });
    expect(untag.ok).toBe(true);
    // The same operation from another Region and another account, on their own pools.
    for (const elsewhere of [at({ region: "eu-west-1" }), at({ account: "210987654321" })]) {
      const [s3, pool] = createPool(s2, {}, elsewhere);
      const [, theirs] = repeat(s3, 5, "TagResource", { ResourceArn: arnOf(pool.IdentityPoolId!, elsewhere), Tags: { a: "b" } }, elsewhere);
      expect(oks(theirs).every(Boolean)).toBe(true);
    }
  });

  it("RATE-5: refused commands are not counted and leave the state as it was", () => {
    const [s1, arn] = taggedPool(limited());
    const missing = arnOf("us-east-1:00000000-0000-4000-8000-000000000000");
    const [s2, refused] = repeat(s1, 10, "TagResource", { ResourceArn: missing, Tags: { a: "b" } });
    expect(oks(refused).some(Boolean)).toBe(false);
    expect(s2).toBe(s1);
    const [s3, invalid] = repeat(s2, 10, "TagResource", { ResourceArn: "short", Tags: { a: "b" } });
    expect(oks(invalid).some(Boolean)).toBe(false);
    expect(s3).toBe(s1);
    const [s4, accepted] = repeat(s3, 5, "TagResource", { ResourceArn: arn, Tags: { a: "b" } });
    expect(oks(accepted).every(Boolean)).toBe(true);
    const [s5, throttled] = run(s4, "TagResource", { ResourceArn: arn, Tags: { a: "b" } });
    expect(throttled.ok).toBe(false);
    expect(s5).toBe(s4);
  });

  it("RATE-6: limits can be set for any operation and changed, the others keep their defaults", () => {
    const state = limited({ DescribeIdentityPool: 2, TagResource: 1 });
    expect(state.config.rateLimiting.perSecond.ListTagsForResource).toBe(10);
    const [s1, pool] = createPool(state);
    const [s2, described] = repeat(s1, 3, "DescribeIdentityPool", { IdentityPoolId: pool.IdentityPoolId });
    expect(oks(described)).toEqual([true, true, false]);
    const [, tagged] = repeat(s2, 2, "TagResource", { ResourceArn: arnOf(pool.IdentityPoolId!), Tags: { a: "b" } });
    expect(oks(tagged)).toEqual([true, false]);
  });
});
