// Rules IAM-2 and IAM-7: reading trust policies and role lists as IAM hands them out (spec/iam.md).
import { describe, expect, it } from "vitest";
import { parsePolicyDocument, parseRoles, registeredRole, resolveConfig } from "../../../src/model/index.js";
import { DG_UNAUTH_POLICY, role } from "./trust-fixtures.js";

const reason = (parsed: { ok: boolean; reason?: string }) => (parsed.ok ? "accepted" : parsed.reason);

describe("trust policy documents", () => {
  it("IAM-2: the document is read as an object, as JSON text, or URL-encoded as IAM's API returns it", () => {
    const object = parsePolicyDocument(DG_UNAUTH_POLICY);
    expect(object.ok).toBe(true);
    expect(parsePolicyDocument(JSON.stringify(DG_UNAUTH_POLICY))).toEqual(object);
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(DG_UNAUTH_POLICY)))).toEqual(object);
    expect(reason(parsePolicyDocument("%7B%22Version"))).toBe("the policy document is not JSON, nor URL-encoded JSON");
    expect(reason(parsePolicyDocument(42))).toBe("the policy document is neither an object nor a string");
  });

  it("IAM-2: what IAM refuses in a trust policy is refused, with the statement it is in", () => {
    const one = (statement: Record<string, unknown>) => reason(parsePolicyDocument({ Version: "2012-10-17", Statement: [statement] }));
    const ok = { Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" };
    expect(one(ok)).toBe("accepted");
    expect(one({ ...ok, Effect: "allow" })).toBe('Statement 1: Effect must be "Allow" or "Deny"');
    expect(one({ ...ok, Resource: "*" })).toBe('Statement 1: a trust policy may not name a Resource (IAM: "Has prohibited field Resource")');
    expect(one({ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity" })).toBe("Statement 1: exactly one of Principal and NotPrincipal is required");
    expect(one({ ...ok, NotAction: "sts:TagSession" })).toBe("Statement 1: exactly one of Action and NotAction is required");
    expect(one({ ...ok, Condition: { StringEqualz: { "a:b": "c" } } })).toBe("Statement 1: unknown condition operator StringEqualz");
    expect(one({ ...ok, Condition: { NullIfExists: { "a:b": "true" } } })).toBe("Statement 1: unknown condition operator NullIfExists");
    expect(one({ ...ok, Condition: { StringEquals: { "a:b": { nested: true } } } })).toBe("Statement 1: StringEquals a:b must be a string or a list of strings");
    expect(reason(parsePolicyDocument({ Version: "2012-10-18", Statement: [ok] }))).toBe('Version must be "2012-10-17" or "2008-10-17", not "2012-10-18"');
    expect(reason(parsePolicyDocument({ Version: "2012-10-17" }))).toBe("the policy has no Statement");
  });

  it("IAM-2: a statement may be one object rather than a list; Version defaults to 2008-10-17", () => {
    const parsed = parsePolicyDocument({ Statement: { Effect: "Deny", Principal: "*", Action: ["sts:*"] } });
    expect(parsed).toEqual({ ok: true, value: { version: "2008-10-17", statements: [{ effect: "Deny", principal: "*", action: ["sts:*"], conditions: [] }] } });
  });
});

describe("the role registry", () => {
  it("IAM-7: roles come from list-roles, get-role or a list; the document decoded, MaxSessionDuration defaulting to IAM's", () => {
    const listed = { Roles: [{ ...role("web-auth", DG_UNAUTH_POLICY), AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(DG_UNAUTH_POLICY)), Path: "/", RoleId: "AROAEXAMPLE" }] };
    const parsed = parseRoles(listed);
    expect(parsed).toEqual({
      ok: true,
      value: [{ RoleName: "web-auth", Arn: "arn:aws:iam::123456789012:role/web-auth", MaxSessionDuration: 3600, AssumeRolePolicyDocument: DG_UNAUTH_POLICY }],
    });
    expect(parseRoles({ Role: listed.Roles[0] })).toEqual(parsed);
    expect(parseRoles(listed.Roles)).toEqual(parsed);
  });

  it("IAM-7: what is not a role list is refused with the reason", () => {
    expect(reason(parseRoles({ roles: [] }))).toMatch(/^expected the output of `aws iam list-roles`/);
    expect(reason(parseRoles([{ Arn: "arn:aws:iam::123456789012:user/u", AssumeRolePolicyDocument: DG_UNAUTH_POLICY }]))).toBe("role 1: arn:aws:iam::123456789012:user/u is not a role ARN");
    expect(reason(parseRoles([{ ...role("a", DG_UNAUTH_POLICY), RoleName: "b" }]))).toBe("role 1: RoleName b is not the name in arn:aws:iam::123456789012:role/a");
    expect(reason(parseRoles([{ ...role("a", DG_UNAUTH_POLICY), MaxSessionDuration: 60 }]))).toBe(
      "role 1 (arn:aws:iam::123456789012:role/a): MaxSessionDuration must be a whole number of seconds from 3600 to 43200",
    );
    expect(reason(parseRoles([{ Arn: "arn:aws:iam::123456789012:role/a" }]))).toBe("role 1 (arn:aws:iam::123456789012:role/a) has no AssumeRolePolicyDocument");
    expect(reason(parseRoles([role("a", DG_UNAUTH_POLICY), role("A", DG_UNAUTH_POLICY)]))).toBe("role 2: account 123456789012 already has a role named A");
  });

  it("IAM-2: a role that lets any identity pool assume it (no condition) is refused, as IAM refuses to create it", () => {
    const open = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" }] };
    expect(reason(parseRoles([role("open", open)]))).toBe(
      "role 1 (arn:aws:iam::123456789012:role/open): statement 1 trusts cognito-identity.amazonaws.com without a condition, which IAM refuses: it would let every identity pool assume the role",
    );
  });

  it("IAM-7: a role is found by account and name, whatever the ARN's path and the name's case", () => {
    const parsed = parseRoles([{ ...role("web-auth", DG_UNAUTH_POLICY), Arn: "arn:aws:iam::123456789012:role/app/web-auth" }]);
    if (!parsed.ok) throw new Error(parsed.reason);
    const { iam } = resolveConfig({ iam: { roles: parsed.value } });
    expect(registeredRole(iam, "arn:aws:iam::123456789012:role/app/web-auth")?.role.RoleName).toBe("web-auth");
    expect(registeredRole(iam, "arn:aws:iam::123456789012:role/WEB-AUTH")?.role.RoleName).toBe("web-auth");
    expect(registeredRole(iam, "arn:aws:iam::210987654321:role/web-auth")).toBeUndefined();
    expect(registeredRole(iam, "not an arn")).toBeUndefined();
  });
});
