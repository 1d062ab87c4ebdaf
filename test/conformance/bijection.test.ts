import { describe, expect, it } from "vitest";
import { Bijection, mentioned, mentionsAny } from "../../src/conformance/bijection.js";

const m1 = "us-east-1:11111111-1111-4111-8111-111111111111";
const t1 = "us-east-1:aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";

describe("Bijection", () => {
  it("maps ids both ways, also inside ARNs and messages", () => {
    const ids = new Bijection();
    expect(ids.pairIds(m1, t1)).toBeUndefined();
    const arn = (id: string) => `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${id}`;
    expect(ids.toTarget({ ResourceArn: arn(m1), Keys: [m1] })).toEqual({ ResourceArn: arn(t1), Keys: [t1] });
    expect(ids.toModel({ message: `IdentityPool '${t1}' not found.` })).toEqual({ message: `IdentityPool '${m1}' not found.` });
  });

  it("leaves unknown values and dates alone", () => {
    const ids = new Bijection();
    ids.pairIds(m1, t1);
    const date = new Date(0);
    expect(ids.toModel({ a: "other", d: date, n: 3, b: null })).toEqual({ a: "other", d: date, n: 3, b: null });
  });

  it("refuses to pair an id that already stands for another", () => {
    const ids = new Bijection();
    ids.pairIds(m1, t1);
    expect(ids.pairIds(m1, t1)).toBeUndefined();
    expect(ids.pairIds("us-east-1:22222222-2222-4222-8222-222222222222", t1)).toMatch(/already stands for/);
  });

  it("tokens are exact and the latest one is sent", () => {
    const ids = new Bijection();
    ids.pairTokens("cim1.1.x", "first");
    ids.pairTokens("cim1.1.x", "second");
    expect(ids.toTarget("cim1.1.x")).toBe("second");
    expect(ids.toModel("first")).toBe("cim1.1.x");
    expect(ids.toTarget("prefix cim1.1.x")).toBe("prefix cim1.1.x");
  });
});

describe("OpenID tokens", () => {
  it("are replaced inside messages too", () => {
    const ids = new Bijection();
    ids.pairTokens("model.token.a", "target.token.a", true);
    expect(ids.toTarget({ Logins: { "cognito-identity.amazonaws.com": "model.token.a" } })).toEqual({ Logins: { "cognito-identity.amazonaws.com": "target.token.a" } });
    expect(ids.toModel("Value '{k=target.token.a}' at 'logins'")).toBe("Value '{k=model.token.a}' at 'logins'");
  });

  it("a target token that stands for two model tokens is read as the one the command sent", () => {
    const ids = new Bijection();
    ids.pairTokens("model.token.a", "same.target.token", true);
    ids.pairTokens("model.token.b", "same.target.token", true);
    expect(ids.toModel("echo same.target.token", { Logins: { k: "model.token.a" } })).toBe("echo model.token.a");
    expect(ids.toModel("echo same.target.token", { Logins: { k: "model.token.b" } })).toBe("echo model.token.b");
  });
});

describe("mentions", () => {
  it("finds values inside nested strings", () => {
    expect(mentionsAny({ a: [{ b: `x ${m1} y` }] }, new Set([m1]))).toBe(true);
    expect(mentionsAny({ a: [{ b: "x" }] }, new Set([m1]))).toBe(false);
    expect(mentioned([`arn/${m1}`], [m1, t1])).toEqual([m1]);
  });
});
