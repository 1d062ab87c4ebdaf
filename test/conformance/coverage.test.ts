// What a default check reaches in the model: each identity, role, principal-tag and developer
// operation succeeds and fails in its characteristic ways, and the login flows happen (links,
// merges, unlinks, tokens presented as logins, pages followed).
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/conformance/runner.js";
import { modelTarget } from "../../src/conformance/targets/model.js";
import { intercepting } from "./helpers.js";

interface Call {
  op: string;
  /** Set when the command went to the endpoint of another Region. */
  region?: string;
  input: Record<string, unknown>;
  answer: string;
  output?: Record<string, unknown>;
}

const calls: Call[] = [];
const answered = (op: string, pattern: RegExp) => calls.some((c) => c.op === op && pattern.test(c.answer));

beforeAll(async () => {
  const target = intercepting(modelTarget(), (op, input, outcome, options) => {
    calls.push({
      op,
      ...(options?.region ? { region: options.region } : {}),
      input: input as Record<string, unknown>,
      answer: outcome.ok ? "ok" : `${outcome.error.type}: ${outcome.error.message}`,
      ...(outcome.ok ? { output: outcome.output as Record<string, unknown> } : {}),
    });
    return outcome;
  });
  const result = await check({ target, seed: 7 });
  expect(result.divergences).toEqual([]);
});

describe("answers reached, per operation", () => {
  it.each([
    ["GetId", /^ok$/],
    ["GetId", /Unauthenticated access is not supported/],
    ["GetId", /does not have identity providers configured/],
    ["GetId", /Token is not from a supported provider/],
    ["GetId", /Token expired/],
    ["GetId", /Missing a required claim: aud/],
    ["GetId", /Can't pass in a Cognito token\./],
    ["GetId", /Issuer doesn't match providerName$/],
    ["GetOpenIdToken", /Basic \(classic\) flow is not enabled, please use enhanced flow\./],
    ["GetOpenIdToken", /Basic \(classic\) flow is not supported with RoleMappings, please use enhanced flow\./],
    ["CreateIdentityPool", /^InvalidParameterException: Invalid Cognito Identity Provider$/],
    ["UpdateIdentityPool", /^InvalidParameterException: Invalid Cognito Identity Provider$/],
    ["ListTagsForResource", /^AccessDeniedException: User: .* is not authorized to perform: cognito-identity:ListTagsForResource/],
    ["GetOpenIdToken", /^ok$/],
    ["GetOpenIdToken", /Logins don't match/],
    ["GetOpenIdToken", /Access to Identity '.*' is forbidden/],
    ["GetOpenIdToken", /Couldn't verify signed token/],
    ["GetCredentialsForIdentity", /^ok$/],
    ["GetCredentialsForIdentity", /^InvalidIdentityPoolConfigurationException/],
    ["GetCredentialsForIdentity", /ambiguous role mapping rules .* denied/],
    ["DescribeIdentity", /^ok$/],
    ["DescribeIdentity", /Identity '.*' not found/],
    ["ListIdentities", /^ok$/],
    ["ListIdentities", /pagination token is invalid/],
    ["DeleteIdentities", /^ok$/],
    ["DeleteIdentities", /^ValidationException/],
    ["UnlinkIdentity", /^ok$/],
    ["UnlinkIdentity", /Logins don't match/],
    ["SetIdentityPoolRoles", /^ok$/],
    ["SetIdentityPoolRoles", /not a valid RoleMapping ProviderName/],
    ["SetIdentityPoolRoles", /can have at most 25 rules/],
    ["SetIdentityPoolRoles", /Access to Role '.*' is forbidden/],
    ["GetIdentityPoolRoles", /^ok$/],
    ["SetPrincipalTagAttributeMap", /^ok$/],
    ["SetPrincipalTagAttributeMap", /is not a configured provider/],
    ["SetPrincipalTagAttributeMap", /^ValidationException.*principalTags/],
    ["GetPrincipalTagAttributeMap", /^ok$/],
    ["GetOpenIdTokenForDeveloperIdentity", /^ok$/],
    ["GetOpenIdTokenForDeveloperIdentity", /^DeveloperUserAlreadyRegisteredException/],
    ["GetOpenIdTokenForDeveloperIdentity", /does not support the specified developer provider/],
    ["GetOpenIdTokenForDeveloperIdentity", /identifier must have length less than or equal to 1024/],
    ["GetOpenIdTokenForDeveloperIdentity", /^ValidationException.*tokenDuration/],
    ["LookupDeveloperIdentity", /^ok$/],
    ["LookupDeveloperIdentity", /Either IdentityId or DeveloperUserIdentifier/],
    ["LookupDeveloperIdentity", /is not linked to identity/],
    ["MergeDeveloperIdentities", /^ok$/],
    ["MergeDeveloperIdentities", /Developer user identifier '.*' not found/],
    ["UnlinkDeveloperIdentity", /^ok$/],
    ["UnlinkDeveloperIdentity", /is not linked to identity/],
    ["AssumeRoleWithWebIdentity", /^ok$/],
    ["AssumeRoleWithWebIdentity", /^AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity$/],
    ["AssumeRoleWithWebIdentity", /^AccessDenied: Not authorized to perform sts:TagSession$/],
    ["AssumeRoleWithWebIdentity", /^ExpiredTokenException: Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/],
    ["AssumeRoleWithWebIdentity", /^InvalidIdentityToken: The ID Token provided is not a valid JWT/],
    ["AssumeRoleWithWebIdentity", /^InvalidIdentityToken: No OpenIDConnect provider found in your account for https:\/\/accounts\.google\.com$/],
    ["AssumeRoleWithWebIdentity", /^InvalidIdentityToken: Couldn't retrieve verification key/],
    ["AssumeRoleWithWebIdentity", /^ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role\.$/],
    ["AssumeRoleWithWebIdentity", /^ValidationError: 1 validation error detected: .*roleSessionName/],
    ["AssumeRoleWithWebIdentity", /^ValidationError: Request ARN is invalid$/],
    ["GetCallerIdentity", /^ok$/],
  ] as const)("%s answers %s", (op, pattern) => {
    expect(answered(op, pattern)).toBe(true);
  });
});

describe("flows reached", () => {
  it("commands go to another Region's endpoint, where the pools and identities of this one are not found", () => {
    const elsewhere = calls.filter((c) => c.region !== undefined);
    for (const op of ["GetId", "GetOpenIdToken", "GetCredentialsForIdentity", "DescribeIdentityPool"]) {
      expect(elsewhere.some((c) => c.op === op && /^ResourceNotFoundException: (IdentityPool|Identity) '.*' not found\.$/.test(c.answer)), op).toBe(true);
    }
    const home = new Set(calls.filter((c) => c.op === "GetId" && c.region === undefined && c.answer === "ok").map((c) => c.input.IdentityPoolId));
    expect(elsewhere.some((c) => c.op === "GetId" && home.has(c.input.IdentityPoolId) && /not found/.test(c.answer))).toBe(true);
  });

  it("a login under a mistyped key: the issuer is compared first", () => {
    const mistyped = (c: Call) => Object.keys((c.input.Logins as object | undefined) ?? {}).some((k) => /^cognito-idp\.us-west-1\./.test(k));
    expect(calls.some((c) => c.op === "GetId" && mistyped(c) && /Issuer doesn't match providerName/.test(c.answer))).toBe(true);
  });

  it("a login of another identity merges: the identity answered is not the one asked for", () => {
    expect(calls.some((c) => c.op === "GetOpenIdToken" && c.output && c.output.IdentityId !== c.input.IdentityId)).toBe(true);
  });

  it("trust policies decide: a registered role refuses an identity it does not trust, and grants one it does", () => {
    const refused = calls.some((c) => c.op === "GetCredentialsForIdentity" && c.answer.startsWith("InvalidIdentityPoolConfigurationException") && c.input.CustomRoleArn === undefined);
    expect(refused).toBe(true);
    const sts = calls.filter((c) => c.op === "AssumeRoleWithWebIdentity" && c.input.RoleArn === "arn:aws:iam::123456789012:role/cim-admin");
    expect(sts.some((c) => c.answer === "ok") && sts.some((c) => c.answer.startsWith("AccessDenied"))).toBe(true);
  });

  it("GetCallerIdentity is signed with credentials of both flows and answers their sessions", () => {
    const arns = calls.filter((c) => c.op === "GetCallerIdentity" && c.output).map((c) => String(c.output!.Arn));
    expect(arns.some((a) => a.endsWith("/CognitoIdentityCredentials"))).toBe(true);
    expect(arns.some((a) => /assumed-role\/cim-[a-z-]+\/(?!CognitoIdentityCredentials)/.test(a))).toBe(true);
  });

  it("an OpenID token is presented as a login and accepted", () => {
    const presented = (c: Call) => Object.keys((c.input.Logins as object | undefined) ?? {}).includes("cognito-identity.amazonaws.com");
    expect(calls.some((c) => c.op === "GetCredentialsForIdentity" && presented(c) && c.answer === "ok")).toBe(true);
  });

  it("pages: identities are listed in pages that are followed, identifiers are looked up in pages", () => {
    const given = new Set(calls.filter((c) => c.op === "ListIdentities" && typeof c.output?.NextToken === "string").map((c) => c.output!.NextToken));
    expect(calls.some((c) => c.op === "ListIdentities" && given.has(c.input.NextToken) && c.answer === "ok")).toBe(true);
    expect(calls.some((c) => c.op === "LookupDeveloperIdentity" && typeof c.output?.NextToken === "string")).toBe(true);
  });

  it("HideDisabled leaves out an identity that a listing without it shows", () => {
    const hidden = calls.filter((c) => c.op === "ListIdentities" && c.input.HideDisabled === true && c.output);
    const shown = calls.filter((c) => c.op === "ListIdentities" && c.input.HideDisabled !== true && c.output);
    const disabledShown = shown.some((c) => (c.output!.Identities as { Logins?: string[] }[]).some((i) => !i.Logins));
    expect(hidden.length).toBeGreaterThan(0);
    expect(disabledShown).toBe(true);
  });
});
