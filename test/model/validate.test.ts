// Rules VAL-1 to VAL-17 (spec/validation.md), including every ValidationException text observed
// from AWS (research section 1.4, observations 1 to 5), byte for byte.
import { describe, expect, it } from "vitest";
import { snapshotState, validateInput } from "../../src/model/index.js";
import { arnOf, createPool, createPools, expectError, fresh, okOutput, run } from "./helpers.js";

const POOL_ID_PATTERN = String.raw`[\w-]+:[0-9a-f-]+`;
const NAME_PATTERN = String.raw`[\w\s+=,.@-]+`;
const UNKNOWN_POOL = "us-east-1:00000000-0000-4000-8000-000000000000";

/** The message of a ValidationException from validateInput, failing the test on anything else. */
function validationMessage(shape: string, input: unknown): string {
  const error = validateInput(shape, input);
  expect(error?.type).toBe("ValidationException");
  return error!.message;
}

function serializationMessage(shape: string, input: unknown): string {
  const error = validateInput(shape, input);
  expect(error?.type).toBe("SerializationException");
  return error!.message;
}

describe("the observed messages of research section 1.4", () => {
  it.each(["admin@example.com", "us-east-2:mock", "ap-northeast"])(
    "VAL-8: observation 1, GetId with IdentityPoolId '%s' fails the full-match pattern",
    (poolId) => {
      expect(validationMessage("GetIdInput", { IdentityPoolId: poolId })).toBe(
        `1 validation error detected: Value '${poolId}' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`,
      );
    },
  );

  it("VAL-6: observation 2, a user pool ARN as pool id gives pattern then max length, as the full wire body", () => {
    const arn = "arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG";
    const error = validateInput("GetIdInput", { IdentityPoolId: arn })!;
    const observed = String.raw`{"__type":"ValidationException","message":"2 validation errors detected: Value 'arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+; Value 'arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG' at 'identityPoolId' failed to satisfy constraint: Member must have length less than or equal to 55"}`;
    expect(JSON.stringify({ __type: error.type, message: error.message })).toBe(observed);
  });

  it("VAL-6: observation 3, GetCredentialsForIdentity lists logins before identityId, min before pattern", () => {
    const message = validationMessage("GetCredentialsForIdentityInput", {
      IdentityId: "",
      Logins: { "xx.xx.xx/xx-xx-xx-xx-xx": "" },
    });
    expect(message).toBe(
      String.raw`3 validation errors detected: Value '{xx.xx.xx/xx-xx-xx-xx-xx=}' at 'logins' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 50000, Member must have length greater than or equal to 1]; Value '' at 'identityId' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w-]+:[0-9a-f-]+`,
    );
  });

  it("VAL-10: observation 4, a trailing space in a SupportedLoginProviders value gives the Map value listing", () => {
    const message = validationMessage("CreateIdentityPoolInput", {
      IdentityPoolName: "pool",
      AllowUnauthenticatedIdentities: false,
      SupportedLoginProviders: { "accounts.google.com": "****", "graph.facebook.com": "**** " },
    });
    // The quoted text starts after the count ("... validation error detected: ...").
    const observed = String.raw`validation error detected: Value '{accounts.google.com=****, graph.facebook.com=**** }' at 'supportedLoginProviders' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\w.;_/-]+]`;
    expect(message).toBe(`1 ${observed}`);
  });

  it("VAL-7: observation 5, a pool name with '#' fails the name pattern", () => {
    expect(validationMessage("CreateIdentityPoolInput", { IdentityPoolName: "pool#name", AllowUnauthenticatedIdentities: true })).toBe(
      String.raw`1 validation error detected: Value 'pool#name' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w\s+=,.@-]+`,
    );
  });
});

describe("order of checks", () => {
  it("VAL-1: an invalid pool id is a ValidationException, a valid unknown one is not found", () => {
    const state = fresh();
    const [, invalid] = run(state, "DescribeIdentityPool", { IdentityPoolId: "admin@example.com" });
    expect(invalid.ok ? undefined : invalid.error.type).toBe("ValidationException");
    const [, unknown] = run(state, "DescribeIdentityPool", { IdentityPoolId: UNKNOWN_POOL });
    expectError(unknown, "ResourceNotFoundException", `IdentityPool '${UNKNOWN_POOL}' not found.`);
  });

  it("VAL-1: a wrong JSON kind is answered before any constraint violation", () => {
    const [, result] = run(fresh(), "CreateIdentityPool", { IdentityPoolName: "a#b", AllowUnauthenticatedIdentities: "yes" });
    expectError(result, "SerializationException", "STRING_VALUE can not be converted to a Boolean");
  });

  it("VAL-1: validation comes before the rate limit, the rate limit before the operation's rules", () => {
    const state0 = fresh({ rateLimiting: { enabled: true, perSecond: { DescribeIdentityPool: 1 } } });
    const [state1, pool] = createPool(state0);
    const [state2, first] = run(state1, "DescribeIdentityPool", { IdentityPoolId: pool.IdentityPoolId });
    expect(first.ok).toBe(true);
    const [, invalid] = run(state2, "DescribeIdentityPool", { IdentityPoolId: "bad" });
    expect(invalid.ok ? undefined : invalid.error.type).toBe("ValidationException");
    const [, throttled] = run(state2, "DescribeIdentityPool", { IdentityPoolId: UNKNOWN_POOL });
    expectError(throttled, "TooManyRequestsException", "Rate exceeded");
  });

  it("VAL-2: an operation the model does not know is refused and changes nothing", () => {
    const state = fresh();
    const [after, result] = run(state, "NoSuchOperation", {});
    expectError(result, "UnknownOperationException", "Operation NoSuchOperation is not supported.");
    expect(after).toBe(state);
  });
});

describe("ValidationException", () => {
  it("VAL-3: one violation is '1 validation error detected', several are counted and joined with '; '", () => {
    expect(validationMessage("DescribeIdentityPoolInput", { IdentityPoolId: "x" })).toMatch(/^1 validation error detected: Value 'x' at /);
    const message = validationMessage("CreateIdentityPoolInput", { IdentityPoolName: "", AllowUnauthenticatedIdentities: true, DeveloperProviderName: "a b" });
    expect(message).toBe(
      `3 validation errors detected: Value 'a b' at 'developerProviderName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w._-]+; ` +
        `Value '' at 'identityPoolName' failed to satisfy constraint: Member must have length greater than or equal to 1; ` +
        `Value '' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}`,
    );
  });

  it("VAL-4: strings are shown verbatim, maps as {k=v, ...} in the order received, lists as [a, b], numbers as sent", () => {
    expect(validationMessage("DescribeIdentityPoolInput", { IdentityPoolId: "it's a 'pool'" })).toContain("Value 'it's a 'pool'' at 'identityPoolId'");
    const longValue = "v".repeat(257);
    expect(validationMessage("TagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", Tags: { zeta: "1", alpha: longValue } })).toContain(
      `Value '{zeta=1, alpha=${longValue}}' at 'tags'`,
    );
    expect(validationMessage("UntagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", TagKeys: ["", "x"] })).toContain("Value '[, x]' at 'tagKeys'");
    expect(validationMessage("ListIdentityPoolsInput", { MaxResults: 61 })).toBe(
      "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
  });

  it("VAL-5: nested members are named <list>.<n>.member.<field> and <map>.<key>.member.<field>", () => {
    const message = validationMessage("CreateIdentityPoolInput", {
      IdentityPoolName: "pool",
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [{ ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc" }, { ProviderName: "ok", ClientId: "a-b" }],
    });
    expect(message).toBe(
      "1 validation error detected: Value 'a-b' at 'cognitoIdentityProviders.2.member.clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w_]+",
    );
    expect(
      validationMessage("SetIdentityPoolRolesInput", {
        IdentityPoolId: UNKNOWN_POOL,
        Roles: {},
        RoleMappings: { "graph.facebook.com": { Type: "Token", AmbiguousRoleResolution: "Maybe" } },
      }),
    ).toBe(
      "1 validation error detected: Value 'Maybe' at 'roleMappings.graph.facebook.com.member.ambiguousRoleResolution' failed to satisfy constraint: Member must satisfy enum value set: [AuthenticatedRole, Deny]",
    );
  });

  it("VAL-6: members in reverse model order, nested ones too; min, pattern, max within one member", () => {
    const message = validationMessage("CreateIdentityPoolInput", {
      IdentityPoolName: "x".repeat(129),
      AllowUnauthenticatedIdentities: true,
      CognitoIdentityProviders: [{ ProviderName: "", ClientId: "a b" }],
    });
    expect(message).toBe(
      "4 validation errors detected: " +
        "Value 'a b' at 'cognitoIdentityProviders.1.member.clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w_]+; " +
        "Value '' at 'cognitoIdentityProviders.1.member.providerName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'cognitoIdentityProviders.1.member.providerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w._:/-]+; " +
        `Value '${"x".repeat(129)}' at 'identityPoolName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
    const pattern_then_max = validationMessage("DescribeIdentityPoolInput", { IdentityPoolId: "#".repeat(56) });
    expect(pattern_then_max.indexOf("regular expression")).toBeLessThan(pattern_then_max.indexOf("less than or equal to 55"));
  });

  it("VAL-7: length texts for strings, value texts for integers, the pattern as in the model, enum values", () => {
    expect(validationMessage("ListIdentityPoolsInput", { MaxResults: 0 })).toBe(
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(validationMessage("DescribeIdentityPoolInput", { IdentityPoolId: "" })).toBe(
      `2 validation errors detected: Value '' at 'identityPoolId' failed to satisfy constraint: Member must have length greater than or equal to 1; ` +
        `Value '' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: ${POOL_ID_PATTERN}`,
    );
    expect(
      validationMessage("SetIdentityPoolRolesInput", { IdentityPoolId: UNKNOWN_POOL, Roles: {}, RoleMappings: { p: { Type: "Both" } } }),
    ).toContain("failed to satisfy constraint: Member must satisfy enum value set: [Token, Rules]");
    // A minimum of 0 (tag values) never fails.
    expect(validateInput("TagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", Tags: { k: "" } })).toBeUndefined();
  });

  it("VAL-8: patterns match the whole value, with Java's ASCII \\w and \\s", () => {
    expect(validateInput("GetIdInput", { IdentityPoolId: "us-east-1:930292469738" })).toBeUndefined();
    expect(validateInput("GetIdInput", { IdentityPoolId: `${UNKNOWN_POOL} ` })?.type).toBe("ValidationException");
    const name = (IdentityPoolName: string) => validateInput("CreateIdentityPoolInput", { IdentityPoolName, AllowUnauthenticatedIdentities: true });
    expect(name("my pool\twith, punctuation+=.@-_")).toBeUndefined();
    expect(name("no\u00a0break")?.message).toContain("Member must satisfy regular expression pattern");
    expect(name("caf\u00e9")?.message).toContain("Member must satisfy regular expression pattern");
    // Java's [\S] accepts a no-break space, so such a token passes validation and is judged by ListIdentityPools.
    expect(validateInput("ListIdentityPoolsInput", { MaxResults: 1, NextToken: "\u00a0" })).toBeUndefined();
    expect(validateInput("ListIdentityPoolsInput", { MaxResults: 1, NextToken: "a b" })?.message).toBe(
      "1 validation error detected: Value 'a b' at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
    );
  });

  it("VAL-9: a list of strings gets one violation listing every constraint of its items", () => {
    expect(validationMessage("UntagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", TagKeys: ["", "b"] })).toBe(
      "1 validation error detected: Value '[, b]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]",
    );
    const message = validationMessage("CreateIdentityPoolInput", {
      IdentityPoolName: "pool",
      AllowUnauthenticatedIdentities: true,
      OpenIdConnectProviderARNs: ["arn:aws:iam::123456789012:oidc-provider/example.com", "short", "tiny"],
    });
    expect(message).toBe(
      "1 validation error detected: Value '[arn:aws:iam::123456789012:oidc-provider/example.com, short, tiny]' at 'openIdConnectProviderARNs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 2048, Member must have length greater than or equal to 20]",
    );
  });

  it("VAL-10: a map gets one Map key and one Map value violation, after its own size", () => {
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}.example.com`, "id"]));
    expect(validationMessage("CreateIdentityPoolInput", { IdentityPoolName: "pool", AllowUnauthenticatedIdentities: true, SupportedLoginProviders: tooMany })).toMatch(
      /^1 validation error detected: Value '\{p0\.example\.com=id, .*\}' at 'supportedLoginProviders' failed to satisfy constraint: Member must have length less than or equal to 10$/,
    );
    const longKey = "k".repeat(129);
    expect(validationMessage("TagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", Tags: { [longKey]: "v".repeat(257), "": "ok" } })).toBe(
      `2 validation errors detected: Value '{${longKey}=${"v".repeat(257)}, =ok}' at 'tags' failed to satisfy constraint: Map key must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]; ` +
        `Value '{${longKey}=${"v".repeat(257)}, =ok}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]`,
    );
  });

  it("VAL-11: a missing or null required member is 'Value null ... Member must not be null'", () => {
    expect(validationMessage("IdentityPool", {})).toBe(
      "3 validation errors detected: " +
        "Value null at 'allowUnauthenticatedIdentities' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'identityPoolName' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null",
    );
    expect(validationMessage("CreateIdentityPoolInput", { IdentityPoolName: null, AllowUnauthenticatedIdentities: true })).toBe(
      "1 validation error detected: Value null at 'identityPoolName' failed to satisfy constraint: Member must not be null",
    );
    expect(validationMessage("SetIdentityPoolRolesInput", { IdentityPoolId: UNKNOWN_POOL, Roles: {}, RoleMappings: { p: {} } })).toBe(
      "1 validation error detected: Value null at 'roleMappings.p.member.type' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe("SerializationException", () => {
  it.each([
    ["a list for a string", "DescribeIdentityPoolInput", { IdentityPoolId: ["x"] }, "Start of list found where not expected"],
    ["an object for a string", "DescribeIdentityPoolInput", { IdentityPoolId: { a: 1 } }, "Start of structure or map found where not expected."],
    ["an object for a list", "UntagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", TagKeys: { a: "b" } }, "Start of structure or map found where not expected."],
    ["a string for a list", "UntagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", TagKeys: "a" }, "Expected list or null"],
    ["a string for a map", "TagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", Tags: "a=b" }, "Expected map or null"],
    ["a number for a structure", "CreateIdentityPoolInput", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, CognitoIdentityProviders: [1] }, "Expected structure or null"],
    ["a string for a boolean", "CreateIdentityPoolInput", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: "true" }, "STRING_VALUE can not be converted to a Boolean"],
    ["a string for an integer", "ListIdentityPoolsInput", { MaxResults: "10" }, "STRING_VALUE can not be converted to an Integer"],
    ["a string for a long", "GetOpenIdTokenForDeveloperIdentityInput", { IdentityPoolId: UNKNOWN_POOL, Logins: {}, TokenDuration: "60" }, "STRING_VALUE can not be converted to a Long"],
    ["a number for a string", "DescribeIdentityPoolInput", { IdentityPoolId: 5 }, "NUMBER_VALUE can not be converted to a String"],
    ["a number for a boolean", "CreateIdentityPoolInput", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: 1 }, "NUMBER_VALUE can not be converted to a Boolean"],
    ["true for a string", "DescribeIdentityPoolInput", { IdentityPoolId: true }, "TRUE_VALUE can not be converted to a String"],
    ["false for an integer", "ListIdentityPoolsInput", { MaxResults: false }, "FALSE_VALUE can not be converted to an Integer"],
  ])("VAL-12: %s", (_what, shape, input, message) => {
    expect(serializationMessage(shape, input)).toBe(message);
  });

  it("VAL-13: only the first kind mismatch, in model order and depth first, and no constraint is checked", () => {
    expect(serializationMessage("CreateIdentityPoolInput", { AllowUnauthenticatedIdentities: "x", IdentityPoolName: 5 })).toBe(
      "NUMBER_VALUE can not be converted to a String",
    );
    expect(
      serializationMessage("CreateIdentityPoolInput", {
        IdentityPoolName: "bad#name",
        AllowUnauthenticatedIdentities: true,
        CognitoIdentityProviders: [{ ProviderName: "p", ServerSideTokenCheck: "yes" }],
        SamlProviderARNs: "x",
      }),
    ).toBe("STRING_VALUE can not be converted to a Boolean");
  });

  it("VAL-14: a null inside a list or a map is a SerializationException", () => {
    expect(serializationMessage("UntagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", TagKeys: ["a", null] })).toBe(
      "Null value in a list is not allowed.",
    );
    expect(serializationMessage("TagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", Tags: { a: null } })).toBe(
      "Null value in a map is not allowed.",
    );
  });
});

describe("what validation leaves alone", () => {
  it("VAL-15: an optional member sent as null is absent; a missing input is {}", () => {
    const [, pool] = createPool(fresh(), { AllowClassicFlow: null, DeveloperProviderName: null, IdentityPoolTags: null });
    expect(pool).not.toHaveProperty("AllowClassicFlow");
    expect(pool).not.toHaveProperty("DeveloperProviderName");
    expect(pool.IdentityPoolTags).toEqual({});
    const [state] = createPools(fresh(), 2);
    const listed = okOutput<{ IdentityPools: unknown[]; NextToken?: string }>(run(state, "ListIdentityPools", { MaxResults: 5, NextToken: null })[1]);
    expect(listed.IdentityPools).toHaveLength(2);
    const [, missing] = run(state, "ListIdentityPools", undefined);
    expectError(
      missing,
      "ValidationException",
      "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    );
  });

  it("VAL-16: unknown members are ignored whatever their kind, and never stored", () => {
    const [state, pool] = createPool(fresh(), { Unknown: [1, { x: null }], identityPoolName: 5, IdentityPoolTags: { a: "b" } });
    expect(pool).not.toHaveProperty("Unknown");
    expect(pool).not.toHaveProperty("identityPoolName");
    const described = okOutput(run(state, "DescribeIdentityPool", { IdentityPoolId: pool.IdentityPoolId, Extra: "x" })[1]);
    expect(described).toEqual(pool);
  });

  it("VAL-16: unknown members are dropped at every depth, inside role mappings and providers too", () => {
    const [s0, pool] = createPool(fresh(), {
      CognitoIdentityProviders: [{ ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc", ClientId: "c", Junk: { a: 1 } }],
    });
    expect(pool.CognitoIdentityProviders).toEqual([{ ProviderName: "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc", ClientId: "c", ServerSideTokenCheck: false }]);
    const key = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc:c";
    const [s1, set] = run(s0, "SetIdentityPoolRoles", {
      IdentityPoolId: pool.IdentityPoolId,
      Roles: { authenticated: "arn:aws:iam::123456789012:role/a" },
      RoleMappings: { [key]: { Type: "Token", AmbiguousRoleResolution: "Deny", Junk: { a: { b: 1 } } } },
    });
    okOutput(set);
    const roles = okOutput<{ RoleMappings: Record<string, unknown> }>(run(s1, "GetIdentityPoolRoles", { IdentityPoolId: pool.IdentityPoolId })[1]);
    expect(roles.RoleMappings).toEqual({ [key]: { Type: "Token", AmbiguousRoleResolution: "Deny" } });
  });

  it("VAL-16: only an input's own members count: inherited ones are not read", () => {
    const input = Object.assign(Object.create({ IdentityPoolTags: { k: { nested: true } } }), { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true });
    const [state, created] = run(fresh(), "CreateIdentityPool", input);
    const pool = okOutput<{ IdentityPoolId: string; IdentityPoolTags: Record<string, unknown> }>(created);
    expect(pool.IdentityPoolTags).toEqual({});
    expect(okOutput<{ Tags: Record<string, unknown> }>(run(state, "ListTagsForResource", { ResourceArn: arnOf(pool.IdentityPoolId) })[1]).Tags).toEqual({});
  });

  it("VAL-17: lengths count UTF-16 code units; an integer is measured by its integer part, shown as sent", () => {
    const emoji = "\u{1F600}"; // two UTF-16 code units
    const tagValue = (n: number) => validateInput("TagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", Tags: { k: emoji.repeat(n) } });
    expect(tagValue(128)).toBeUndefined();
    expect(tagValue(129)?.message).toContain("Map value must satisfy constraint: [Member must have length less than or equal to 256");
    expect(validateInput("ListIdentityPoolsInput", { MaxResults: 60.9 })).toBeUndefined();
    expect(validationMessage("ListIdentityPoolsInput", { MaxResults: 0.9 })).toBe(
      "1 validation error detected: Value '0.9' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    const [state] = createPools(fresh(), 5);
    const page = okOutput<{ IdentityPools: unknown[] }>(run(state, "ListIdentityPools", { MaxResults: 2.5 })[1]);
    expect(page.IdentityPools).toHaveLength(2);
  });
});

describe("bounded messages", () => {
  const ECHO = 65_536;
  const MESSAGE = 262_144;
  const nextToken = (token: string) => validationMessage("ListIdentityPoolsInput", { MaxResults: 1, NextToken: token });
  const tooLong = "failed to satisfy constraint: Member must have length less than or equal to 65535";

  it("VAL-19: a value is echoed whole up to 65,536 code units; a longer one is cut there and ends with '...'", () => {
    expect(nextToken("a".repeat(ECHO))).toBe(`1 validation error detected: Value '${"a".repeat(ECHO)}' at 'nextToken' ${tooLong}`);
    expect(nextToken("a".repeat(1_000_000))).toBe(`1 validation error detected: Value '${"a".repeat(ECHO)}...' at 'nextToken' ${tooLong}`);
  });

  it("VAL-19: a cut never splits a surrogate pair", () => {
    const emoji = "\u{1F600}";
    // Code unit 65,535 is the first half of an emoji: the cut comes before it.
    expect(nextToken(`a${emoji.repeat(40_000)}`)).toBe(`1 validation error detected: Value 'a${emoji.repeat(32_767)}...' at 'nextToken' ${tooLong}`);
  });

  it("VAL-19: maps and lists are cut where their rendering passes the limit; so are map keys in paths", () => {
    const big = "x".repeat(100_000);
    const roles = `{bad=${"x".repeat(ECHO - 5)}...`;
    expect(validationMessage("SetIdentityPoolRolesInput", { IdentityPoolId: UNKNOWN_POOL, Roles: { bad: big } })).toBe(
      `2 validation errors detected: Value '${roles}' at 'roles' failed to satisfy constraint: Map key must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: (un)?authenticated]; ` +
        `Value '${roles}' at 'roles' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 2048, Member must have length greater than or equal to 20]`,
    );
    const key = "k".repeat(200_000);
    const message = validationMessage("SetIdentityPoolRolesInput", { IdentityPoolId: UNKNOWN_POOL, Roles: {}, RoleMappings: { [key]: { Type: "bad" } } });
    expect(message).toContain(`Value 'bad' at 'roleMappings.${"k".repeat(ECHO)}....member.type' failed to satisfy constraint: Member must satisfy enum value set: [Token, Rules]`);
    const list = validationMessage("UntagResourceInput", { ResourceArn: "arn:aws:cognito-identity:x", TagKeys: Array.from({ length: 100_000 }, () => "") });
    expect(list).toBe(`1 validation error detected: Value '[${", ".repeat(ECHO / 2).slice(0, ECHO - 1)}...' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]`);
  });

  it("VAL-19: the message stops at 262,144 code units and '...'; its count still names every violation", () => {
    const mappings = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, { Type: "bad" }]));
    const message = validationMessage("SetIdentityPoolRolesInput", { IdentityPoolId: UNKNOWN_POOL, Roles: {}, RoleMappings: mappings });
    expect(message).toMatch(/^5001 validation errors detected: Value '\{k0=\{Type=bad\}, /);
    expect(message).toHaveLength(MESSAGE + 3);
    expect(message.endsWith("...")).toBe(true);
    expect(message).toContain("; Value 'bad' at 'roleMappings.k0.member.type' failed to satisfy constraint: Member must satisfy enum value set: [Token, Rules]; ");
    expect(message).not.toContain("roleMappings.k4999.member");
  });

  it("VAL-19: an invalid input of a megabyte answers a bounded message and changes nothing", () => {
    const [state, pool] = createPool(fresh());
    const key = "k".repeat(990_000);
    const input = { IdentityPoolId: pool.IdentityPoolId, Roles: { bad: key }, RoleMappings: { [key]: { Type: "bad", AmbiguousRoleResolution: "bad", RulesConfiguration: { Rules: [{ Claim: "", MatchType: "bad", Value: "", RoleARN: "" }] } } } };
    const [after, result] = run(state, "SetIdentityPoolRoles", input);
    expect(after).toBe(state);
    expect(result.ok ? undefined : result.error.type).toBe("ValidationException");
    expect(result.ok ? 0 : result.error.message.length).toBeLessThanOrEqual(MESSAGE + 3);
  });
});

describe("deep input", () => {
  const nested = (depth: number) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = [{ a: value }];
    return value;
  };

  it("VAL-20: a value nested 100,000 deep is validated and echoed without exhausting the stack; nothing is stored", () => {
    const [state, pool] = createPool(fresh(), { SupportedLoginProviders: { "graph.facebook.com": "app" } });
    const deep = nested(100_000);
    const input = { IdentityPoolId: pool.IdentityPoolId, Roles: {}, RoleMappings: { ["k".repeat(200)]: { Type: "Token", AmbiguousRoleResolution: "Deny", Extra: deep } } };
    const [after, refused] = run(state, "SetIdentityPoolRoles", input);
    expect(after).toBe(state);
    expect(refused.ok ? "" : refused.error.message).toMatch(/^1 validation error detected: Value '\{k{200}=\{Type=Token, AmbiguousRoleResolution=Deny, Extra=\[\{a=\[\{a=/);
    const [stored, accepted] = run(state, "SetIdentityPoolRoles", { ...input, RoleMappings: { "graph.facebook.com": { Type: "Token", AmbiguousRoleResolution: "Deny", Extra: deep } } });
    okOutput(accepted);
    expect(okOutput(run(stored, "GetIdentityPoolRoles", { IdentityPoolId: pool.IdentityPoolId })[1])).toEqual({
      IdentityPoolId: pool.IdentityPoolId,
      Roles: {},
      RoleMappings: { "graph.facebook.com": { Type: "Token", AmbiguousRoleResolution: "Deny" } },
    });
    expect(JSON.stringify(snapshotState(stored))).not.toContain("Extra");
  });
});
