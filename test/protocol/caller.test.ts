import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accountFor, callerOf, regionOfHost, parseAuthorization } from "../../src/protocol/caller.js";

const SDK_AUTH =
  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/cognito-identity/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

describe("the caller", () => {
  it("WIRE-9: the Region is the credential scope's; unsigned requests get the default Region", () => {
    expect(callerOf({ headers: { authorization: SDK_AUTH, "x-amz-date": "20150830T123600Z" } })).toMatchObject({ region: "us-east-1" });
    const eu = SDK_AUTH.replace("us-east-1", "eu-west-3");
    expect(callerOf({ headers: { authorization: eu, "x-amz-date": "20150830T123600Z" } }, { region: "ap-south-1" })).toMatchObject({ region: "eu-west-3" });
    expect(callerOf({ headers: {} }, { region: "ap-south-1" })).toEqual({ account: "000000000000", region: "ap-south-1", regionKnown: false });
  });

  it("WIRE-9: a credential scope whose Region is no Region name is refused as AWS refuses it", () => {
    for (const region of ["a".repeat(30), "us.east", "ü", "US-EAST-1", "useast1"]) {
      const auth = SDK_AUTH.replace("/us-east-1/", `/${region}/`);
      expect(callerOf({ headers: { authorization: auth, "x-amz-date": "20150830T123600Z" } }), region).toEqual({
        type: "InvalidSignatureException",
        message: "Credential should be scoped to a valid region. ",
      });
    }
    const gov = SDK_AUTH.replace("/us-east-1/", "/us-gov-west-1/");
    expect(callerOf({ headers: { authorization: gov, "x-amz-date": "20150830T123600Z" } })).toMatchObject({ region: "us-gov-west-1" });
  });

  it("WIRE-24: an unsigned request's Region is the one its Host names; an address names none", () => {
    const hosts: [string, string | undefined][] = [
      ["cognito-identity.us-east-2.amazonaws.com", "us-east-2"],
      ["cognito-identity-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1"],
      ["cognito-identity.cn-north-1.amazonaws.com.cn", "cn-north-1"],
      ["us-east-2.localhost:4568", "us-east-2"],
      ["eu-west-3.cognito.test:80", "eu-west-3"],
      ["127.0.0.1:4568", undefined],
      ["[::1]:4568", undefined],
      ["localhost:4568", undefined],
      ["db-server-1.internal", undefined],
    ];
    for (const [host, region] of hosts) {
      expect(regionOfHost(host), host).toBe(region);
      expect(callerOf({ headers: { host } }, { region: "ap-south-1" }), host).toEqual({
        account: "000000000000",
        region: region ?? "ap-south-1",
        regionKnown: region !== undefined,
      });
    }
    const signed = callerOf({ headers: { host: "us-east-2.localhost", authorization: SDK_AUTH, "x-amz-date": "20150830T123600Z" } });
    expect(signed).toMatchObject({ region: "us-east-1", regionKnown: true });
  });

  it("WIRE-12: explicit map first, then a 12-digit key id is its account, else the default account", () => {
    expect(accountFor("123456789012")).toBe("123456789012");
    expect(accountFor("AKIDEXAMPLE")).toBe("000000000000");
    expect(accountFor("AKIDEXAMPLE", { account: "555555555555" })).toBe("555555555555");
    expect(accountFor("AKIDEXAMPLE", { accounts: { AKIDEXAMPLE: "444444444444" } })).toBe("444444444444");
    expect(accountFor("123456789012", { accounts: { "123456789012": "444444444444" } })).toBe("444444444444");
    expect(accountFor("1234567890123")).toBe("000000000000");
    expect(accountFor("toString", { accounts: {} })).toBe("000000000000");
  });

  it("WIRE-11: the parts of a SigV4 header", () => {
    expect(parseAuthorization(SDK_AUTH, true)).toEqual({
      accessKeyId: "AKIDEXAMPLE",
      scope: { date: "20150830", region: "us-east-1", service: "cognito-identity", terminator: "aws4_request" },
      signedHeaders: ["content-type", "host", "x-amz-date"],
      signature: "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
    });
  });

  it("WIRE-11: a part without '=' is named, with the whole header (a space after the key id, as observed)", () => {
    const header =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE /20210706/us-east-2/cognito-identity/aws4_request, SignedHeaders=host;x-amz-date, Signature=f25d654c05";
    expect(parseAuthorization(header, true)).toEqual({
      type: "IncompleteSignatureException",
      message: `'/20210706/us-east-2/cognito-identity/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
    });
  });

  it("WIRE-11: missing parameters and a missing date are listed as AWS lists them", () => {
    expect(parseAuthorization("Bearer abc.def", false)).toEqual({
      type: "IncompleteSignatureException",
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer abc.def",
    });
    expect(parseAuthorization("AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/cognito-identity/aws4_request", true)).toEqual({
      type: "IncompleteSignatureException",
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/cognito-identity/aws4_request",
    });
    expect(parseAuthorization(SDK_AUTH, false)).toMatchObject({
      type: "IncompleteSignatureException",
      message: `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${SDK_AUTH}`,
    });
  });

  it("WIRE-11: a credential that is not five elements", () => {
    for (const credential of ["AKID/20240101/us-east-1/cognito-identity", "AKID//us-east-1/cognito-identity/aws4_request", "a/b/c/d/e/f"]) {
      expect(parseAuthorization(`AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host, Signature=abc`, true)).toEqual({
        type: "IncompleteSignatureException",
        message: `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
      });
    }
  });

  it("WIRE-11: the SDK form and the general reading agree on every header (property)", () => {
    const token = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);
    fc.assert(
      fc.property(token, token, token, token, token, fc.array(token, { minLength: 1, maxLength: 4 }), token, fc.constantFrom(", ", ","), fc.boolean(), (key, date, region, service, term, signed, signature, sep, spaced) => {
        const header = `AWS4-HMAC-SHA256 Credential=${key}/${date}/${region}/${service}/${term}${sep}SignedHeaders=${signed.join(";")}${sep}Signature=${signature}`;
        // A trailing space defeats the SDK form, so the general reading answers.
        const general = parseAuthorization(`${header}${spaced ? " " : ""} `, true);
        expect(parseAuthorization(header, true)).toEqual(general);
      }),
    );
  });
});
