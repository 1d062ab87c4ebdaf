// Rules LIST-1 to LIST-6: ListIdentityPools and its pagination tokens (spec/operations/ListIdentityPools.md).
import { describe, expect, it } from "vitest";
import type { ListIdentityPoolsResponse } from "@aws-sdk/client-cognito-identity";
import type { Context, State } from "../../src/model/index.js";
import { at, createPool, createPools, ctx, expectError, fresh, okOutput, run } from "./helpers.js";

function list(state: State, MaxResults: number, NextToken?: string, context: Context = ctx): ListIdentityPoolsResponse {
  return okOutput<ListIdentityPoolsResponse>(run(state, "ListIdentityPools", { MaxResults, ...(NextToken === undefined ? {} : { NextToken }) }, context)[1]);
}

/** Every page, following NextToken, with ids only. */
function allPages(state: State, pageSize: number, context: Context = ctx): string[][] {
  const pages: string[][] = [];
  let token: string | undefined;
  do {
    const page = list(state, pageSize, token, context);
    pages.push(page.IdentityPools!.map((p) => p.IdentityPoolId!));
    token = page.NextToken;
  } while (token !== undefined);
  return pages;
}

const invalidToken = (state: State, NextToken: string, context: Context = ctx) =>
  expectError(run(state, "ListIdentityPools", { MaxResults: 10, NextToken }, context)[1], "InvalidParameterException", "The pagination token is invalid.");

describe("ListIdentityPools", () => {
  it("LIST-1: items carry only the id and the name, no tags or settings", () => {
    const [state, pool] = createPool(fresh(), { IdentityPoolName: "tagged", IdentityPoolTags: { a: "b" }, AllowClassicFlow: true, DeveloperProviderName: "dev" });
    expect(list(state, 60)).toEqual({ IdentityPools: [{ IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: "tagged" }] });
  });

  it("LIST-1: with no pools the answer is an empty list, and only the caller's account and Region are listed", () => {
    expect(list(fresh(), 10)).toEqual({ IdentityPools: [] });
    const [s1, mine] = createPools(fresh(), 2);
    const [s2] = createPools(s1, 3, at({ region: "eu-west-1" }));
    const [s3] = createPools(s2, 4, at({ account: "210987654321" }));
    expect(list(s3, 60).IdentityPools!.map((p) => p.IdentityPoolId)).toEqual(mine);
    expect(list(s3, 60, undefined, at({ region: "eu-west-1" })).IdentityPools).toHaveLength(3);
    expect(list(s3, 60, undefined, at({ account: "210987654321" })).IdentityPools).toHaveLength(4);
  });

  it("LIST-2: pools are listed in creation order; renaming does not move a pool; deleted pools vanish", () => {
    const [s1, ids] = createPools(fresh({ seed: 11 }), 5);
    expect(list(s1, 60).IdentityPools!.map((p) => p.IdentityPoolId)).toEqual(ids);
    const [s2] = run(s1, "UpdateIdentityPool", { IdentityPoolId: ids[0], IdentityPoolName: "zzz renamed", AllowUnauthenticatedIdentities: true });
    const [s3] = run(s2, "DeleteIdentityPool", { IdentityPoolId: ids[2] });
    const listed = list(s3, 60).IdentityPools!;
    expect(listed.map((p) => p.IdentityPoolId)).toEqual([ids[0], ids[1], ids[3], ids[4]]);
    expect(listed[0]!.IdentityPoolName).toBe("zzz renamed");
  });

  it("LIST-3: pages hold at most MaxResults pools and NextToken appears only while more follow", () => {
    const [state, ids] = createPools(fresh(), 7);
    const pages = allPages(state, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(ids);
    const first = list(state, 3);
    expect(first.NextToken).toEqual(expect.any(String));
    const last = list(state, 10);
    expect(last.IdentityPools).toHaveLength(7);
    expect(last).not.toHaveProperty("NextToken");
  });

  it("LIST-3: a full last page has no NextToken", () => {
    const [state] = createPools(fresh(), 6);
    const pages = allPages(state, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3]);
    const firstPage = list(state, 3);
    expect(list(state, 3, firstPage.NextToken)).not.toHaveProperty("NextToken");
  });

  it("LIST-3: a fractional MaxResults pages by its integer part", () => {
    const [state, ids] = createPools(fresh(), 5);
    const pages = allPages(state, 2.5);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(ids);
  });

  it("LIST-3: MaxResults must be 1 to 60 (validation)", () => {
    const [state] = createPools(fresh(), 61);
    expect(list(state, 60).IdentityPools).toHaveLength(60);
    const [, over] = run(state, "ListIdentityPools", { MaxResults: 61 });
    expect(over.ok ? undefined : over.error.type).toBe("ValidationException");
    const [, missing] = run(state, "ListIdentityPools", {});
    expect(missing.ok ? undefined : missing.error.message).toBe(
      "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    );
  });

  it("LIST-4: a token the model did not issue is refused with InvalidParameterException", () => {
    const [state] = createPools(fresh({ seed: 5 }), 5);
    const token = list(state, 2).NextToken!;
    for (const bad of ["garbage", `${token}x`, token.replace(/\.[0-9a-f]{8}$/, ".00000000"), token.replace(/^cim1\./, "cim2."), "cim1.zzzzzzzzzzzz.00000000"]) {
      invalidToken(state, bad);
    }
  });

  it("LIST-4: a token is bound to its account, Region and seed", () => {
    const [s1] = createPools(fresh({ seed: 5 }), 5);
    const [s2] = createPools(s1, 5, at({ region: "eu-west-1" }));
    const [s3] = createPools(s2, 5, at({ account: "210987654321" }));
    const token = list(s3, 2).NextToken!;
    invalidToken(s3, token, at({ region: "eu-west-1" }));
    invalidToken(s3, token, at({ account: "210987654321" }));
    const [otherSeed] = createPools(fresh({ seed: 6 }), 5);
    invalidToken(otherSeed, token);
    expect(list(s3, 2, token).IdentityPools).toHaveLength(2);
  });

  it("LIST-4: a token that fails validation is a ValidationException, not an invalid token", () => {
    const [, result] = run(fresh(), "ListIdentityPools", { MaxResults: 1, NextToken: "" });
    expect(result.ok ? undefined : result.error.type).toBe("ValidationException");
  });

  it("LIST-5: tokens are cim1.<base-36 position>.<8 hex digits>, deterministic, and do not expire", () => {
    const [state] = createPools(fresh({ seed: 9 }), 40);
    const token = list(state, 37).NextToken!;
    expect(token).toMatch(/^cim1\.[0-9a-z]+\.[0-9a-f]{8}$/);
    expect(token.split(".")[1]).toBe((37).toString(36));
    expect(list(state, 37).NextToken).toBe(token);
    const [again] = createPools(fresh({ seed: 9 }), 40);
    expect(list(again, 37).NextToken).toBe(token);
    const later = run(state, "ListIdentityPools", { MaxResults: 60, NextToken: token }, at({ now: ctx.now + 365 * 24 * 3600 * 1000 }))[1];
    expect(okOutput<ListIdentityPoolsResponse>(later).IdentityPools).toHaveLength(3);
  });

  it("LIST-6: a token is a position: deleted pools are skipped, new ones come at the end, none repeats", () => {
    const [s1, ids] = createPools(fresh(), 6);
    const first = list(s1, 2);
    expect(first.IdentityPools!.map((p) => p.IdentityPoolId)).toEqual(ids.slice(0, 2));
    // Delete the pool the token names and the next one, add a new pool.
    const [s2] = run(s1, "DeleteIdentityPool", { IdentityPoolId: ids[1] });
    const [s3] = run(s2, "DeleteIdentityPool", { IdentityPoolId: ids[2] });
    const [s4, added] = createPool(s3, { IdentityPoolName: "late" });
    const rest: string[] = [];
    let token = first.NextToken;
    while (token !== undefined) {
      const page = list(s4, 2, token);
      rest.push(...page.IdentityPools!.map((p) => p.IdentityPoolId!));
      token = page.NextToken;
    }
    expect(rest).toEqual([ids[3], ids[4], ids[5], added.IdentityPoolId]);
  });
});
