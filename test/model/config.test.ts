// Rules QUOTA-1 to QUOTA-4 (spec/quotas.md).
import { describe, expect, it } from "vitest";
import { defaultQuotas, initialState, resolveConfig } from "../../src/model/index.js";
import { at, createPool, createPools, expectError, fresh, run } from "./helpers.js";

const createInput = { IdentityPoolName: "one too many", AllowUnauthenticatedIdentities: false };

describe("quotas", () => {
  it("QUOTA-1: the 1,001st identity pool of an account and Region is refused with LimitExceededException", () => {
    const [full] = createPools(fresh(), 1000);
    const [after, result] = run(full, "CreateIdentityPool", createInput);
    expectError(result, "LimitExceededException", "The number of identity pools in this account and Region has reached the limit of 1000.");
    expect(after).toBe(full);
  });

  it("QUOTA-1: other Regions and accounts have their own 1,000, and a deletion frees a place", () => {
    const [full, ids] = createPools(fresh({ quotas: { identityPoolsPerRegion: 3 } }), 3);
    expect(run(full, "CreateIdentityPool", createInput)[1].ok).toBe(false);
    expect(run(full, "CreateIdentityPool", createInput, at({ region: "eu-west-1" }))[1].ok).toBe(true);
    expect(run(full, "CreateIdentityPool", createInput, at({ account: "210987654321" }))[1].ok).toBe(true);
    const [freed] = run(full, "DeleteIdentityPool", { IdentityPoolId: ids[0] });
    expect(run(freed, "CreateIdentityPool", createInput)[1].ok).toBe(true);
  });

  it("QUOTA-2: a pool holds at most 50 tags by default", () => {
    expect(defaultQuotas.tagsPerPool).toBe(50);
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    const [, pool] = createPool(fresh(), { IdentityPoolTags: fifty });
    expect(Object.keys(pool.IdentityPoolTags!)).toHaveLength(50);
    const [, refused] = run(fresh(), "CreateIdentityPool", { ...createInput, IdentityPoolTags: { ...fifty, k50: "v" } });
    expectError(refused, "InvalidParameterException", "An identity pool can have at most 50 tags.");
  });

  it("QUOTA-3: a pool holds at most 50 Cognito user pool providers by default", () => {
    expect(defaultQuotas.cognitoProvidersPerPool).toBe(50);
    const providers = (n: number) => Array.from({ length: n }, (_, i) => ({ ProviderName: `cognito-idp.us-east-1.amazonaws.com/us-east-1_p${i}` }));
    expect(run(fresh(), "CreateIdentityPool", { ...createInput, CognitoIdentityProviders: providers(50) })[1].ok).toBe(true);
    expectError(
      run(fresh(), "CreateIdentityPool", { ...createInput, CognitoIdentityProviders: providers(51) })[1],
      "LimitExceededException",
      "An identity pool can have at most 50 Amazon Cognito user pool providers.",
    );
  });

  it("QUOTA-4: the defaults are the documented values", () => {
    expect(defaultQuotas).toMatchObject({ identityPoolsPerRegion: 1000, tagsPerPool: 50, cognitoProvidersPerPool: 50 });
    expect(initialState().config.quotas).toEqual(defaultQuotas);
    expect(initialState().config.seed).toBe(0);
  });

  it("QUOTA-4: an override replaces only the quotas it names, and the messages name the configured limit", () => {
    expect(resolveConfig({ quotas: { tagsPerPool: 3 } }).quotas).toEqual({ ...defaultQuotas, tagsPerPool: 3 });
    const state = fresh({ quotas: { identityPoolsPerRegion: 2, cognitoProvidersPerPool: 1 } });
    const [full] = createPools(state, 2);
    expectError(run(full, "CreateIdentityPool", createInput)[1], "LimitExceededException", "The number of identity pools in this account and Region has reached the limit of 2.");
    expectError(
      run(state, "CreateIdentityPool", { ...createInput, CognitoIdentityProviders: [{ ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_a" }, { ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_b" }] })[1],
      "LimitExceededException",
      "An identity pool can have at most 1 Amazon Cognito user pool providers.",
    );
    expect(state.config.quotas.tagsPerPool).toBe(50);
  });
});
