// Rules TAG-1 to TAG-7: TagResource, UntagResource, ListTagsForResource (spec/operations/*.md).
import { describe, expect, it } from "vitest";
import type { IdentityPool } from "@aws-sdk/client-cognito-identity";
import type { State } from "../../../src/model/index.js";
import { arnOf, at, createPool, ctx, expectError, fresh, okOutput, run, tags } from "../helpers.js";

const tagsOf = (state: State, poolId: string) => okOutput<{ Tags: Record<string, string> }>(run(state, "ListTagsForResource", { ResourceArn: arnOf(poolId) })[1]).Tags;

function poolWithTags(initial: Record<string, string>, config = {}): [State, string] {
  const [state, pool] = createPool(fresh(config), { IdentityPoolTags: initial });
  return [state, pool.IdentityPoolId!];
}

describe("TagResource", () => {
  it("TAG-1: TagResource adds new keys, overwrites existing ones, keeps the rest, and answers {}", () => {
    const [s1, id] = poolWithTags({ env: "dev", team: "a" });
    const [s2, result] = run(s1, "TagResource", { ResourceArn: arnOf(id), Tags: { env: "prod", cost: "42" } });
    expect(okOutput(result)).toEqual({});
    expect(tagsOf(s2, id)).toEqual({ env: "prod", team: "a", cost: "42" });
  });

  it("TAG-1: an empty Tags map is accepted and changes nothing", () => {
    const [s1, id] = poolWithTags({ env: "dev" });
    const [s2, result] = run(s1, "TagResource", { ResourceArn: arnOf(id), Tags: {} });
    expect(okOutput(result)).toEqual({});
    expect(tagsOf(s2, id)).toEqual({ env: "dev" });
  });

  it("TAG-4: a TagResource that would exceed 50 tags is refused whole", () => {
    const [s1, id] = poolWithTags(tags(45));
    const [after, result] = run(s1, "TagResource", { ResourceArn: arnOf(id), Tags: { ...tags(6, "new") } });
    expectError(result, "InvalidParameterException", "An identity pool can have at most 50 tags.");
    expect(after).toBe(s1);
    expect(Object.keys(tagsOf(after, id))).toHaveLength(45);
  });

  it("TAG-4: the count is taken after the merge: overwriting keys does not add, reaching exactly 50 is allowed", () => {
    const [s1, id] = poolWithTags(tags(45));
    const [s2, result] = run(s1, "TagResource", { ResourceArn: arnOf(id), Tags: { ...tags(45), ...tags(5, "new") } });
    expect(result.ok).toBe(true);
    expect(Object.keys(tagsOf(s2, id))).toHaveLength(50);
    expectError(run(s2, "TagResource", { ResourceArn: arnOf(id), Tags: { one: "more" } })[1], "InvalidParameterException", "An identity pool can have at most 50 tags.");
    expect(run(s2, "TagResource", { ResourceArn: arnOf(id), Tags: { k0: "changed" } })[1].ok).toBe(true);
  });

  it("TAG-4: CreateIdentityPool and UpdateIdentityPool with more than 50 tags are refused the same way", () => {
    const state = fresh();
    const message = "An identity pool can have at most 50 tags.";
    expectError(run(state, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, IdentityPoolTags: tags(51) })[1], "InvalidParameterException", message);
    const [s1, pool] = createPool(state, { IdentityPoolTags: tags(50) });
    expect(Object.keys(pool.IdentityPoolTags!)).toHaveLength(50);
    const [after, updated] = run(s1, "UpdateIdentityPool", { IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, IdentityPoolTags: tags(51) });
    expectError(updated, "InvalidParameterException", message);
    expect(after).toBe(s1);
  });

  it("TAG-4: the limit and its message follow the configured quota", () => {
    const [s1, id] = poolWithTags({ a: "1" }, { quotas: { tagsPerPool: 2 } });
    expectError(run(s1, "TagResource", { ResourceArn: arnOf(id), Tags: { b: "2", c: "3" } })[1], "InvalidParameterException", "An identity pool can have at most 2 tags.");
  });

  it("TAG-5: keys and values are case-sensitive; empty values, any characters and the aws: prefix are accepted", () => {
    const [s1, id] = poolWithTags({ Env: "Prod" });
    const odd = { env: "prod", "aws:reserved": "", "emoji \u{1F600}": "#!$%^&*()", "ключ": "значение" };
    const [s2, result] = run(s1, "TagResource", { ResourceArn: arnOf(id), Tags: odd });
    expect(result.ok).toBe(true);
    expect(tagsOf(s2, id)).toEqual({ Env: "Prod", ...odd });
    const [s3] = run(s2, "UntagResource", { ResourceArn: arnOf(id), TagKeys: ["ENV", "env"] });
    expect(tagsOf(s3, id)).toEqual({ Env: "Prod", "aws:reserved": "", "emoji \u{1F600}": "#!$%^&*()", "ключ": "значение" });
  });

  it("TAG-6: a well-formed ARN of another account, Region, partition, or of no pool is not found", () => {
    const [state, id] = poolWithTags({ a: "1" });
    const notFound = `IdentityPool '${id}' not found.`;
    const variants = [
      `arn:aws:cognito-identity:us-east-1:210987654321:identitypool/${id}`,
      `arn:aws:cognito-identity:eu-west-1:${ctx.account}:identitypool/${id}`,
      `arn:aws-cn:cognito-identity:us-east-1:${ctx.account}:identitypool/${id}`,
    ];
    for (const op of ["TagResource", "UntagResource", "ListTagsForResource"]) {
      for (const arn of variants) {
        const input = { ResourceArn: arn, Tags: { b: "2" }, TagKeys: ["a"] };
        const [after, result] = run(state, op, input);
        expectError(result, "ResourceNotFoundException", notFound);
        expect(after).toBe(state);
      }
    }
    const missing = "us-east-1:00000000-0000-4000-8000-000000000000";
    expectError(run(state, "ListTagsForResource", { ResourceArn: arnOf(missing) })[1], "ResourceNotFoundException", `IdentityPool '${missing}' not found.`);
    // The pool seen from the other account's own side is not there either.
    expectError(
      run(state, "ListTagsForResource", { ResourceArn: arnOf(id, at({ account: "210987654321" })) }, at({ account: "210987654321" }))[1],
      "ResourceNotFoundException",
      notFound,
    );
  });

  it("TAG-7: an ARN that is not an identity pool ARN is an invalid parameter, for all three operations", () => {
    const [state, id] = poolWithTags({ a: "1" });
    const malformed = [
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123",
      `arn:aws:cognito-identity:us-east-1:123456789012:pool/${id}`,
      `arn:aws:cognito-identity:us-east-1:1234:identitypool/${id}`,
      "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/US-EAST-1:ABC",
      "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/",
    ];
    for (const op of ["TagResource", "UntagResource", "ListTagsForResource"]) {
      for (const arn of malformed) {
        const [after, result] = run(state, op, { ResourceArn: arn, Tags: { b: "2" }, TagKeys: ["a"] });
        expectError(result, "InvalidParameterException", `Invalid ARN: ${arn}`);
        expect(after).toBe(state);
      }
    }
  });

  it("TAG-8: a ResourceArn that is no ARN, such as the bare pool id, is denied as IAM denies it, for all three operations", () => {
    const [state, id] = poolWithTags({ a: "1" });
    for (const op of ["TagResource", "UntagResource", "ListTagsForResource"]) {
      for (const resource of [id, "not-an-arn-but-long-enough"]) {
        const [after, result] = run(state, op, { ResourceArn: resource, Tags: { b: "2" }, TagKeys: ["a"] });
        expectError(
          result,
          "AccessDeniedException",
          `User: arn:aws:iam::${ctx.account}:root is not authorized to perform: cognito-identity:${op} on resource: ${resource}`,
        );
        expect(after).toBe(state);
      }
    }
    const china = at({ region: "cn-north-1" });
    expect(run(state, "ListTagsForResource", { ResourceArn: id }, china)[1]).toMatchObject({
      error: { message: `User: arn:aws-cn:iam::${ctx.account}:root is not authorized to perform: cognito-identity:ListTagsForResource on resource: ${id}` },
    });
  });

  it("TAG-7: the ARN is checked before the tag count (and TAG-6 before it too)", () => {
    const [state] = poolWithTags(tags(50));
    expectError(run(state, "TagResource", { ResourceArn: "arn:not-an-identity-pool-arn", Tags: tags(60, "x") })[1], "InvalidParameterException", "Invalid ARN: arn:not-an-identity-pool-arn");
    const missing = "us-east-1:00000000-0000-4000-8000-000000000000";
    expectError(run(state, "TagResource", { ResourceArn: arnOf(missing), Tags: tags(60, "x") })[1], "ResourceNotFoundException", `IdentityPool '${missing}' not found.`);
  });
});

describe("UntagResource", () => {
  it("TAG-2: UntagResource removes the keys it names, ignores unknown ones, and answers {}", () => {
    const [s1, id] = poolWithTags({ a: "1", b: "2", c: "3" });
    const [s2, result] = run(s1, "UntagResource", { ResourceArn: arnOf(id), TagKeys: ["a", "c", "nope", "a"] });
    expect(okOutput(result)).toEqual({});
    expect(tagsOf(s2, id)).toEqual({ b: "2" });
  });

  it("TAG-2: an empty TagKeys list, or only unknown keys, changes nothing", () => {
    const [s1, id] = poolWithTags({ a: "1" });
    const [s2, empty] = run(s1, "UntagResource", { ResourceArn: arnOf(id), TagKeys: [] });
    expect(okOutput(empty)).toEqual({});
    const [s3, unknown] = run(s2, "UntagResource", { ResourceArn: arnOf(id), TagKeys: ["zzz"] });
    expect(okOutput(unknown)).toEqual({});
    expect(tagsOf(s3, id)).toEqual({ a: "1" });
  });
});

describe("ListTagsForResource", () => {
  it("TAG-3: ListTagsForResource returns every tag, {} for a pool without tags, as Describe shows them", () => {
    const [s1, bare] = createPool(fresh());
    expect(okOutput(run(s1, "ListTagsForResource", { ResourceArn: arnOf(bare.IdentityPoolId!) })[1])).toEqual({ Tags: {} });
    const [s2, tagged] = createPool(s1, { IdentityPoolTags: { x: "1", y: "" } });
    const [s3] = run(s2, "TagResource", { ResourceArn: arnOf(tagged.IdentityPoolId!), Tags: { z: "3" } });
    const listed = okOutput(run(s3, "ListTagsForResource", { ResourceArn: arnOf(tagged.IdentityPoolId!) })[1]);
    expect(listed).toEqual({ Tags: { x: "1", y: "", z: "3" } });
    const described = okOutput<IdentityPool>(run(s3, "DescribeIdentityPool", { IdentityPoolId: tagged.IdentityPoolId })[1]);
    expect(described.IdentityPoolTags).toEqual(listed.Tags);
  });
});
