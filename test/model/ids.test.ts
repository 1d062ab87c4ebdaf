// Rules ID-1 to ID-7 (spec/identity-pools.md); ID-8 is shown in properties.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IdentityPool } from "@aws-sdk/client-cognito-identity";
import { mix32 } from "../../src/model/hash.js";
import { uuidFor } from "../../src/model/ids.js";
import { parsePoolArn, partitionOf, poolArn, snapshotState, validateInput } from "../../src/model/index.js";
import { arnOf, at, createPool, createPools, fresh, okOutput, run } from "./helpers.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("identity pools in general", () => {
  it("ID-1: a pool id is <region>:<lowercase uuid v4> and satisfies the IdentityPoolId shape", () => {
    for (const region of ["us-east-1", "ap-southeast-2", "us-gov-west-1", "cn-northwest-1"]) {
      const [, ids] = createPools(fresh(), 20, at({ region }));
      for (const id of ids) {
        const [prefix, uuid] = [id.slice(0, region.length + 1), id.slice(region.length + 1)];
        expect(prefix).toBe(`${region}:`);
        expect(uuid).toMatch(UUID_V4);
        expect(validateInput("DescribeIdentityPoolInput", { IdentityPoolId: id })).toBeUndefined();
      }
    }
  });

  it("ID-2: the same seed and commands give identical results; another seed gives other ids", () => {
    const script = (seed: number) => {
      const [s1, ids] = createPools(fresh({ seed }), 3);
      const [s2] = run(s1, "DeleteIdentityPool", { IdentityPoolId: ids[1] });
      const [s3, pool] = createPool(s2, { IdentityPoolTags: { a: "b" } });
      return JSON.stringify([ids, pool, okOutput(run(s3, "ListIdentityPools", { MaxResults: 2 })[1])]);
    };
    expect(script(42)).toBe(script(42));
    expect(script(43)).not.toBe(script(42));
    const [, [defaultSeed]] = createPools(fresh(), 1);
    const [, [seedZero]] = createPools(fresh({ seed: 0 }), 1);
    expect(defaultSeed).toBe(seedZero);
  });

  it("ID-2: refused commands and reads do not change the ids given later", () => {
    const [, [, second]] = createPools(fresh(), 2);
    const [s1, [first]] = createPools(fresh(), 1);
    let s = s1;
    [s] = run(s, "CreateIdentityPool", { IdentityPoolName: "bad#name", AllowUnauthenticatedIdentities: true });
    [s] = run(s, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, IdentityPoolTags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, ""])) });
    [s] = run(s, "DescribeIdentityPool", { IdentityPoolId: first });
    [s] = run(s, "ListIdentityPools", { MaxResults: 5 });
    const [, pool] = createPool(s);
    expect(pool.IdentityPoolId).toBe(second);
  });

  it("ID-3: a pool is invisible from another account or another Region", () => {
    const [state, pool] = createPool(fresh());
    const id = pool.IdentityPoolId!;
    for (const elsewhere of [at({ region: "us-west-2" }), at({ account: "210987654321" })]) {
      const [, described] = run(state, "DescribeIdentityPool", { IdentityPoolId: id }, elsewhere);
      expect(described.ok ? undefined : described.error.type).toBe("ResourceNotFoundException");
      expect(okOutput(run(state, "ListIdentityPools", { MaxResults: 60 }, elsewhere)[1])).toEqual({ IdentityPools: [] });
    }
    expect(okOutput(run(state, "DescribeIdentityPool", { IdentityPoolId: id })[1])).toEqual(pool);
  });

  it("ID-4: the ARN is arn:<partition>:cognito-identity:<region>:<account>:identitypool/<id>", () => {
    const id = "us-east-1:0def4f54-71bd-42f5-b8d9-7e8811807670";
    expect(poolArn("123456789012", "us-east-1", id)).toBe(`arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${id}`);
    expect(parsePoolArn(poolArn("123456789012", "us-east-1", id))).toEqual({ partition: "aws", region: "us-east-1", account: "123456789012", poolId: id });
    expect(
      ["eu-central-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1"].map(partitionOf),
    ).toEqual(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);
    const china = at({ region: "cn-north-1" });
    const [state, pool] = createPool(fresh(), {}, china);
    const arn = arnOf(pool.IdentityPoolId!, china);
    expect(arn.startsWith("arn:aws-cn:cognito-identity:cn-north-1:123456789012:identitypool/cn-north-1:")).toBe(true);
    expect(okOutput(run(state, "ListTagsForResource", { ResourceArn: arn }, china)[1])).toEqual({ Tags: {} });
  });

  it("ID-5: a step leaves the state it was given untouched; a refused command returns that very state", () => {
    const empty = fresh();
    const before = snapshotState(empty);
    const [s1, pool] = createPool(empty, { IdentityPoolTags: { a: "1" } });
    expect(snapshotState(empty)).toEqual(before);
    expect(okOutput(run(empty, "ListIdentityPools", { MaxResults: 10 })[1])).toEqual({ IdentityPools: [] });
    const [s2] = run(s1, "TagResource", { ResourceArn: arnOf(pool.IdentityPoolId!), Tags: { b: "2" } });
    expect(okOutput(run(s1, "ListTagsForResource", { ResourceArn: arnOf(pool.IdentityPoolId!) })[1])).toEqual({ Tags: { a: "1" } });
    expect(s2).not.toBe(s1);
    for (const [op, input] of [
      ["DescribeIdentityPool", { IdentityPoolId: "us-east-1:00000000-0000-4000-8000-000000000000" }],
      ["UpdateIdentityPool", { IdentityPoolId: pool.IdentityPoolId }],
      ["TagResource", { ResourceArn: "arn:aws:cognito-identity:bad", Tags: {} }],
      ["NoSuchOperation", {}],
    ] as const) {
      const [after, result] = run(s2, op, input);
      expect(result.ok).toBe(false);
      expect(after).toBe(s2);
    }
  });

  it("ID-5: reads return the state unchanged", () => {
    const [state, pool] = createPool(fresh());
    const before = snapshotState(state);
    const reads = [
      run(state, "DescribeIdentityPool", { IdentityPoolId: pool.IdentityPoolId }),
      run(state, "ListIdentityPools", { MaxResults: 1 }),
      run(state, "ListTagsForResource", { ResourceArn: arnOf(pool.IdentityPoolId!) }),
    ];
    for (const [after, result] of reads) {
      expect(result.ok).toBe(true);
      expect(snapshotState(after)).toEqual(before);
    }
  });

  it("ID-6: changing an output or the input afterwards never changes the state", () => {
    const input = { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, IdentityPoolTags: { a: "1" }, SamlProviderARNs: ["arn:aws:iam::123456789012:saml-provider/corp"] };
    const [state, result] = run(fresh(), "CreateIdentityPool", input);
    const created = okOutput<IdentityPool>(result);
    input.IdentityPoolTags.a = "changed";
    input.SamlProviderARNs.push("arn:aws:iam::123456789012:saml-provider/other");
    created.IdentityPoolTags!.b = "2";
    created.SamlProviderARNs!.length = 0;
    const described = okOutput<IdentityPool>(run(state, "DescribeIdentityPool", { IdentityPoolId: created.IdentityPoolId })[1]);
    expect(described.IdentityPoolTags).toEqual({ a: "1" });
    expect(described.SamlProviderARNs).toEqual(["arn:aws:iam::123456789012:saml-provider/corp"]);
    const listed = okOutput<{ Tags: Record<string, string> }>(run(state, "ListTagsForResource", { ResourceArn: arnOf(created.IdentityPoolId!) })[1]);
    listed.Tags.c = "3";
    expect(okOutput(run(state, "ListTagsForResource", { ResourceArn: arnOf(created.IdentityPoolId!) })[1])).toEqual({ Tags: { a: "1" } });
  });

  it("ID-7: ids are never reused, across deletions, accounts and Regions", () => {
    let [state, ids] = createPools(fresh(), 1000);
    for (const id of ids.slice(0, 500)) [state] = run(state, "DeleteIdentityPool", { IdentityPoolId: id });
    const [s2, more] = createPools(state, 500);
    const [s3, elsewhere] = createPools(s2, 50, at({ account: "210987654321" }));
    const [, regional] = createPools(s3, 50, at({ region: "eu-west-1" }));
    const all = [...ids, ...more, ...elsewhere, ...regional];
    expect(new Set(all).size).toBe(all.length);
    const uuids = all.map((id) => id.slice(id.indexOf(":") + 1));
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it("ID-2: uuidFor gives the same uuid for a seed and counter as it always has", () => {
    // Pinned: ids in saved snapshots and recorded transcripts must stay what they were.
    expect(uuidFor(0, 0)).toBe("c5b80439-5252-4a9a-9f74-efd8cef71f1a");
    expect(uuidFor(0, 1)).toBe("ae0c5d92-9287-4a1b-80c6-8fd8fb26d102");
    expect(uuidFor(1, 0)).toBe("60bf1154-bb88-4c38-8f40-82b12830bdc3");
    expect(uuidFor(42, 7)).toBe("11548fc4-87d7-4a42-a57a-4c7b9d0f80ca");
    expect(uuidFor(-1, 123456)).toBe("72fa3e67-617e-4312-8e09-ed0c7ec2b34c");
    expect(uuidFor(0xffffffff, 0xffffffff)).toBe("afef322e-2cf5-46cb-9ea4-e896b4cc0543");
    expect(uuidFor(2 ** 31, 65535)).toBe("b559d8d2-99c0-443c-85f1-22cf78a716ea");
    expect(uuidFor(123456789, 2 ** 40)).toBe("19992e9b-6b40-46b9-a83b-1e3bd56826f8");

    // And everywhere else, the same as the plain definition: four mixed words written in hex.
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
    const reference = (seed: number, n: number) => {
      const base = mix32(seed ^ mix32(n));
      const h =
        hex(mix32(base ^ 0x243f6a88)) +
        hex((mix32(base ^ 0x85a308d3) & 0xffff0fff) | 0x00004000) +
        hex((mix32(base ^ 0x13198a2e) & 0x3fffffff) | 0x80000000) +
        hex(mix32(base ^ mix32(n ^ 0x03707344)));
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    };
    fc.assert(
      fc.property(fc.integer(), fc.nat(), (seed, n) => {
        expect(uuidFor(seed, n)).toBe(reference(seed, n));
      }),
      { numRuns: 2000 },
    );
  });
});
