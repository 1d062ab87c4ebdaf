// Rules POOL-1 to POOL-13: CreateIdentityPool, DescribeIdentityPool, UpdateIdentityPool,
// DeleteIdentityPool (spec/operations/*.md).
import { describe, expect, it } from "vitest";
import type { IdentityPool } from "@aws-sdk/client-cognito-identity";
import { step, type State } from "../../../src/model/index.js";
import { arnOf, at, createPool, createPools, ctx, expectError, fresh, okOutput, run, tags } from "../helpers.js";

const USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123";
const OIDC = "arn:aws:iam::123456789012:oidc-provider/accounts.example.com";
const SAML = "arn:aws:iam::123456789012:saml-provider/corp";
const UNKNOWN_POOL = "us-east-1:00000000-0000-4000-8000-000000000000";

const describePool = (state: State, id: string) => run(state, "DescribeIdentityPool", { IdentityPoolId: id })[1];

const update = (state: State, pool: IdentityPool, input: Record<string, unknown>) =>
  run(state, "UpdateIdentityPool", {
    IdentityPoolId: pool.IdentityPoolId,
    IdentityPoolName: pool.IdentityPoolName,
    AllowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities,
    ...input,
  });

const providers = (n: number) => Array.from({ length: n }, (_, i) => ({ ProviderName: `${USER_POOL}${i}`, ClientId: `client${i}` }));

describe("CreateIdentityPool", () => {
  it("POOL-1: creates a pool and returns it as DescribeIdentityPool does (typed command)", () => {
    const [state, created] = step(fresh({ seed: 7 }), {
      op: "CreateIdentityPool",
      input: { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true },
      context: ctx,
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.output).toMatchObject({ IdentityPoolName: "p", AllowUnauthenticatedIdentities: true });
    const [, described] = step(state, { op: "DescribeIdentityPool", input: { IdentityPoolId: created.output.IdentityPoolId }, context: ctx });
    expect(described).toEqual(created);
  });

  it("POOL-1: names are not unique: a second pool with the same name is a second pool", () => {
    const [s1, first] = createPool(fresh(), { IdentityPoolName: "same" });
    const [s2, second] = createPool(s1, { IdentityPoolName: "same" });
    expect(second.IdentityPoolId).not.toBe(first.IdentityPoolId);
    expect(okOutput(describePool(s2, first.IdentityPoolId!))).toEqual(first);
    expect(okOutput(describePool(s2, second.IdentityPoolId!))).toEqual(second);
  });

  it("POOL-1: every setting sent is stored and returned", () => {
    const input = {
      IdentityPoolName: "full pool",
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      SupportedLoginProviders: { "graph.facebook.com": "1234567890", "api.twitter.com": "key;secret" },
      DeveloperProviderName: "login.example.app",
      OpenIdConnectProviderARNs: [OIDC],
      CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "abc123", ServerSideTokenCheck: true }],
      SamlProviderARNs: [SAML],
      IdentityPoolTags: { team: "identity" },
    };
    const [state, pool] = createPool(fresh(), input);
    expect(pool).toEqual({ IdentityPoolId: pool.IdentityPoolId, ...input });
    expect(okOutput(describePool(state, pool.IdentityPoolId!))).toEqual(pool);
  });

  it("POOL-3: IdentityPoolTags is always present; ServerSideTokenCheck defaults to false; ClientId only when sent", () => {
    const [, pool] = createPool(fresh(), {
      IdentityPoolName: "testidentitypool",
      CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "8ik2s2uk8d9ekh7k3s1hstlgt" }, { ProviderName: `${USER_POOL}x` }],
    });
    expect(pool).toEqual({
      IdentityPoolId: pool.IdentityPoolId,
      IdentityPoolName: "testidentitypool",
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [
        { ProviderName: USER_POOL, ClientId: "8ik2s2uk8d9ekh7k3s1hstlgt", ServerSideTokenCheck: false },
        { ProviderName: `${USER_POOL}x`, ServerSideTokenCheck: false },
      ],
      IdentityPoolTags: {},
    });
  });

  it("POOL-4: members never set are left out; AllowClassicFlow false is kept; empty lists and maps are left out", () => {
    const [, plain] = createPool(fresh(), { IdentityPoolName: "PepperRecognition", AllowClassicFlow: false });
    expect(Object.keys(plain)).toEqual(["IdentityPoolId", "IdentityPoolName", "AllowUnauthenticatedIdentities", "AllowClassicFlow", "IdentityPoolTags"]);
    expect(plain.AllowClassicFlow).toBe(false);
    const [, empty] = createPool(fresh(), {
      SupportedLoginProviders: {},
      OpenIdConnectProviderARNs: [],
      CognitoIdentityProviders: [],
      SamlProviderARNs: [],
    });
    expect(Object.keys(empty)).toEqual(["IdentityPoolId", "IdentityPoolName", "AllowUnauthenticatedIdentities", "IdentityPoolTags"]);
  });

  it("POOL-4: members come in the order of the IdentityPool shape", () => {
    const [, pool] = createPool(fresh(), {
      IdentityPoolTags: { a: "b" },
      SamlProviderARNs: [SAML],
      DeveloperProviderName: "dev",
      AllowClassicFlow: true,
    });
    expect(Object.keys(pool)).toEqual([
      "IdentityPoolId",
      "IdentityPoolName",
      "AllowUnauthenticatedIdentities",
      "AllowClassicFlow",
      "DeveloperProviderName",
      "SamlProviderARNs",
      "IdentityPoolTags",
    ]);
  });

  it("POOL-7: a Cognito provider without ProviderName is refused, on Create and on Update", () => {
    const state = fresh();
    const [after, created] = run(state, "CreateIdentityPool", {
      IdentityPoolName: "p",
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: USER_POOL }, { ClientId: "abc" }],
    });
    expectError(created, "InvalidParameterException", "Invalid Cognito Identity Provider");
    expect(after).toBe(state);
    const [s1, pool] = createPool(state);
    expectError(update(s1, pool, { CognitoIdentityProviders: [{ ProviderName: null, ClientId: "abc" }] })[1], "InvalidParameterException", "Invalid Cognito Identity Provider");
  });

  it("POOL-14: a ProviderName that is not cognito-idp.<region>.amazonaws.com/<user pool id> is refused, on Create and on Update", () => {
    const state = fresh();
    const bad = [
      "us-east-2_123456789",
      "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc",
      "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc",
      "cognito-idp.us-east-1.amazonaws.com/",
      "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc/",
      "cognito-idp.us-east-1.amazonaws.com.cn/us-east-1_Abc",
      "cognito-idp.moon-base-1.amazonaws.com/us-east-1_Abc",
      "cognito-idp.us-east-1.amazonaws.com/us-east-1Abc",
      "cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab.c",
      "Cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc",
    ];
    const [s1, pool] = createPool(state);
    for (const name of bad) {
      const [after, created] = run(state, "CreateIdentityPool", {
        IdentityPoolName: "p",
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "abc" }, { ProviderName: name, ClientId: "abc" }],
      });
      expectError(created, "InvalidParameterException", "Invalid Cognito Identity Provider");
      expect(after).toBe(state);
      const [unchanged, updated] = update(s1, pool, { CognitoIdentityProviders: [{ ProviderName: name, ClientId: "abc" }] });
      expectError(updated, "InvalidParameterException", "Invalid Cognito Identity Provider");
      expect(unchanged).toBe(s1);
    }
  });

  it("POOL-14: well-formed names of user pools that need not exist are accepted, in every partition", () => {
    for (const name of [
      "cognito-idp.us-west-2.amazonaws.com/us-west-2_BLcbQ9DHK",
      "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_a1B2c3",
      "cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Abc",
      "cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_Abc",
    ]) {
      const [, created] = createPool(fresh(), { CognitoIdentityProviders: [{ ProviderName: name, ClientId: "abc" }] });
      expect(created.CognitoIdentityProviders).toEqual([{ ProviderName: name, ClientId: "abc", ServerSideTokenCheck: false }]);
    }
  });

  it("POOL-8: more than 50 Cognito providers are refused with LimitExceededException, on Create and on Update", () => {
    const [s1, pool] = createPool(fresh(), { CognitoIdentityProviders: providers(50) });
    expect(pool.CognitoIdentityProviders).toHaveLength(50);
    const message = "An identity pool can have at most 50 Amazon Cognito user pool providers.";
    expectError(run(s1, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, CognitoIdentityProviders: providers(51) })[1], "LimitExceededException", message);
    expectError(update(s1, pool, { CognitoIdentityProviders: providers(51) })[1], "LimitExceededException", message);
  });

  it("POOL-12: Create checks provider names, then provider count, then tags, then the pool quota", () => {
    const [full] = createPools(fresh({ quotas: { identityPoolsPerRegion: 1 } }), 1);
    const create = (input: Record<string, unknown>) =>
      run(full, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, ...input })[1];
    const noName = [...providers(51), { ClientId: "x" }];
    expectError(create({ CognitoIdentityProviders: noName, IdentityPoolTags: tags(51) }), "InvalidParameterException", "Invalid Cognito Identity Provider");
    expectError(
      create({ CognitoIdentityProviders: providers(51), IdentityPoolTags: tags(51) }),
      "LimitExceededException",
      "An identity pool can have at most 50 Amazon Cognito user pool providers.",
    );
    expectError(create({ IdentityPoolTags: tags(51) }), "InvalidParameterException", "An identity pool can have at most 50 tags.");
    expectError(create({}), "LimitExceededException", "The number of identity pools in this account and Region has reached the limit of 1.");
  });
});

describe("DescribeIdentityPool", () => {
  it("POOL-2: an unknown, deleted or foreign pool id is 'IdentityPool '<id>' not found.' for Describe, Update and Delete", () => {
    const [s1, pool] = createPool(fresh());
    const id = pool.IdentityPoolId!;
    const notFound = (poolId: string) => `IdentityPool '${poolId}' not found.`;
    expectError(describePool(s1, UNKNOWN_POOL), "ResourceNotFoundException", notFound(UNKNOWN_POOL));
    expectError(update(s1, { ...pool, IdentityPoolId: UNKNOWN_POOL }, {})[1], "ResourceNotFoundException", notFound(UNKNOWN_POOL));
    expectError(run(s1, "DeleteIdentityPool", { IdentityPoolId: UNKNOWN_POOL })[1], "ResourceNotFoundException", notFound(UNKNOWN_POOL));
    expectError(run(s1, "DescribeIdentityPool", { IdentityPoolId: id }, at({ region: "eu-west-1" }))[1], "ResourceNotFoundException", notFound(id));
    expectError(run(s1, "DescribeIdentityPool", { IdentityPoolId: id }, at({ account: "210987654321" }))[1], "ResourceNotFoundException", notFound(id));
    const [s2] = run(s1, "DeleteIdentityPool", { IdentityPoolId: id });
    expectError(describePool(s2, id), "ResourceNotFoundException", notFound(id));
  });

  it("POOL-10: Describe shows the pool as the last Update returned it, with its current tags", () => {
    const [s1, pool] = createPool(fresh(), { IdentityPoolTags: { a: "1" } });
    const [s2, updated] = update(s1, pool, { IdentityPoolName: "renamed", AllowClassicFlow: true });
    expect(okOutput(describePool(s2, pool.IdentityPoolId!))).toEqual(okOutput(updated));
    const [s3] = run(s2, "TagResource", { ResourceArn: arnOf(pool.IdentityPoolId!), Tags: { b: "2" } });
    expect(okOutput<IdentityPool>(describePool(s3, pool.IdentityPoolId!)).IdentityPoolTags).toEqual({ a: "1", b: "2" });
    const [s4] = run(s3, "UntagResource", { ResourceArn: arnOf(pool.IdentityPoolId!), TagKeys: ["a"] });
    expect(okOutput<IdentityPool>(describePool(s4, pool.IdentityPoolId!)).IdentityPoolTags).toEqual({ b: "2" });
  });
});

describe("UpdateIdentityPool", () => {
  const rich = {
    IdentityPoolName: "rich",
    AllowUnauthenticatedIdentities: true,
    AllowClassicFlow: true,
    SupportedLoginProviders: { "accounts.google.com": "123.apps.googleusercontent.com" },
    OpenIdConnectProviderARNs: [OIDC],
    CognitoIdentityProviders: [{ ProviderName: USER_POOL, ClientId: "abc" }],
    SamlProviderARNs: [SAML],
  };

  it("POOL-5: members left out are cleared; the name and flags become what was sent", () => {
    const [s1, pool] = createPool(fresh(), rich);
    const [s2, result] = run(s1, "UpdateIdentityPool", { IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: "renamed", AllowUnauthenticatedIdentities: false });
    const expected = { IdentityPoolId: pool.IdentityPoolId, IdentityPoolName: "renamed", AllowUnauthenticatedIdentities: false, IdentityPoolTags: {} };
    expect(okOutput(result)).toEqual(expected);
    expect(okOutput(describePool(s2, pool.IdentityPoolId!))).toEqual(expected);
  });

  it("POOL-5: lists and maps sent empty are cleared; sent ones replace the old ones", () => {
    const [s1, pool] = createPool(fresh(), rich);
    const [, emptied] = update(s1, pool, { SupportedLoginProviders: {}, CognitoIdentityProviders: [], OpenIdConnectProviderARNs: [], SamlProviderARNs: [] });
    expect(okOutput(emptied)).not.toHaveProperty("CognitoIdentityProviders");
    expect(okOutput(emptied)).not.toHaveProperty("SupportedLoginProviders");
    const [, replaced] = update(s1, pool, { CognitoIdentityProviders: [{ ProviderName: `${USER_POOL}2` }] });
    expect(okOutput<IdentityPool>(replaced).CognitoIdentityProviders).toEqual([{ ProviderName: `${USER_POOL}2`, ServerSideTokenCheck: false }]);
    expect(okOutput(replaced)).not.toHaveProperty("SamlProviderARNs");
  });

  it("POOL-6: the developer provider name is kept when left out and may be set on a pool without one", () => {
    const [s1, withDev] = createPool(fresh(), { DeveloperProviderName: "login.example.app" });
    const [, renamed] = update(s1, withDev, { IdentityPoolName: "renamed" });
    expect(okOutput<IdentityPool>(renamed).DeveloperProviderName).toBe("login.example.app");
    const [s2, without] = createPool(s1);
    const [s3, set] = update(s2, without, { DeveloperProviderName: "later.example.app" });
    expect(okOutput<IdentityPool>(set).DeveloperProviderName).toBe("later.example.app");
    const [, same] = update(s3, without, { DeveloperProviderName: "later.example.app" });
    expect(okOutput<IdentityPool>(same).DeveloperProviderName).toBe("later.example.app");
  });

  it("POOL-6: a different developer provider name, once one is set, is refused", () => {
    const [s1, pool] = createPool(fresh(), { DeveloperProviderName: "login.example.app" });
    const [after, result] = update(s1, pool, { DeveloperProviderName: "other.example.app" });
    expectError(result, "InvalidParameterException", "Developer provider name cannot be changed once it is set.");
    expect(after).toBe(s1);
  });

  it("POOL-9: IdentityPoolTags replaces the tags when sent, {} removes them, leaving it out keeps them", () => {
    const [s1, pool] = createPool(fresh(), { IdentityPoolTags: { a: "1", b: "2" } });
    const [s2, kept] = update(s1, pool, { IdentityPoolName: "renamed" });
    expect(okOutput<IdentityPool>(kept).IdentityPoolTags).toEqual({ a: "1", b: "2" });
    const [s3, replaced] = update(s2, pool, { IdentityPoolTags: { c: "3" } });
    expect(okOutput<IdentityPool>(replaced).IdentityPoolTags).toEqual({ c: "3" });
    const [s4, cleared] = update(s3, pool, { IdentityPoolTags: {} });
    expect(okOutput<IdentityPool>(cleared).IdentityPoolTags).toEqual({});
    expect(okOutput(run(s4, "ListTagsForResource", { ResourceArn: arnOf(pool.IdentityPoolId!) })[1])).toEqual({ Tags: {} });
  });

  it("POOL-13: Update checks existence, provider names, provider count, developer name, then tags", () => {
    const [s1, pool] = createPool(fresh(), { DeveloperProviderName: "dev" });
    const all = { CognitoIdentityProviders: [...providers(51), {}], DeveloperProviderName: "changed", IdentityPoolTags: tags(51) };
    expectError(update(s1, { ...pool, IdentityPoolId: UNKNOWN_POOL }, all)[1], "ResourceNotFoundException", `IdentityPool '${UNKNOWN_POOL}' not found.`);
    expectError(update(s1, pool, all)[1], "InvalidParameterException", "Invalid Cognito Identity Provider");
    expectError(
      update(s1, pool, { ...all, CognitoIdentityProviders: providers(51) })[1],
      "LimitExceededException",
      "An identity pool can have at most 50 Amazon Cognito user pool providers.",
    );
    expectError(update(s1, pool, { ...all, CognitoIdentityProviders: [] })[1], "InvalidParameterException", "Developer provider name cannot be changed once it is set.");
    expectError(update(s1, pool, { IdentityPoolTags: tags(51) })[1], "InvalidParameterException", "An identity pool can have at most 50 tags.");
  });
});

describe("DeleteIdentityPool", () => {
  it("POOL-11: delete answers {} and the pool, its tags and its listing are gone at once; others stay", () => {
    const [s1, [first, second]] = createPools(fresh(), 2);
    const [s2, deleted] = run(s1, "DeleteIdentityPool", { IdentityPoolId: first });
    expect(okOutput(deleted)).toEqual({});
    expectError(describePool(s2, first!), "ResourceNotFoundException", `IdentityPool '${first}' not found.`);
    expectError(run(s2, "ListTagsForResource", { ResourceArn: arnOf(first!) })[1], "ResourceNotFoundException", `IdentityPool '${first}' not found.`);
    expectError(run(s2, "DeleteIdentityPool", { IdentityPoolId: first })[1], "ResourceNotFoundException", `IdentityPool '${first}' not found.`);
    const listed = okOutput<{ IdentityPools: IdentityPool[] }>(run(s2, "ListIdentityPools", { MaxResults: 60 })[1]);
    expect(listed.IdentityPools.map((p) => p.IdentityPoolId)).toEqual([second]);
    expect(okOutput<IdentityPool>(describePool(s2, second!)).IdentityPoolName).toBe("p1");
  });

  it("POOL-11: a deleted pool no longer counts toward the pool quota", () => {
    const [s1, [id]] = createPools(fresh({ quotas: { identityPoolsPerRegion: 1 } }), 1);
    expect(run(s1, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false })[1].ok).toBe(false);
    const [s2] = run(s1, "DeleteIdentityPool", { IdentityPoolId: id });
    expect(run(s2, "CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false })[1].ok).toBe(true);
  });
});
