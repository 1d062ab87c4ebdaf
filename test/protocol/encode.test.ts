import { describe, expect, it } from "vitest";
import { encodeError, encodeSuccess, errorMessageHeader, MAX_ERROR_MESSAGE_HEADER, statusOf } from "../../src/protocol/encode.js";

const RID = "6c1b3b4e-9d0a-4c55-8f5e-2a1d3c4b5e6f";

describe("encoding answers", () => {
  // The three error bodies quoted in research §1.3 whose byte length was checked against the
  // Content-Length AWS sent with them.
  it.each([
    ["NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity or identity pool.", 143],
    ["NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.", 111],
    ["InvalidIdentityPoolConfigurationException", "Invalid identity pool configuration. Check assigned IAM roles for this pool.", 143],
  ] as const)("WIRE-7: %s '%s' is the observed body, byte for byte (%i bytes)", (type, message, length) => {
    const answer = encodeError({ type, message }, RID);
    expect(answer.body).toBe(`{"__type":"${type}","message":"${message}"}`);
    expect(Buffer.byteLength(answer.body)).toBe(length);
    expect(answer.status).toBe(400);
    expect(answer.headers).toEqual({
      "Content-Type": "application/x-amz-json-1.1",
      "x-amzn-RequestId": RID,
      "x-amzn-ErrorType": `${type}:`,
      "x-amzn-ErrorMessage": message,
    });
    expect(Object.keys(answer.headers)).toEqual(["Content-Type", "x-amzn-RequestId", "x-amzn-ErrorType", "x-amzn-ErrorMessage"]);
  });

  it("WIRE-7: the observed two-violation ValidationException body, backslashes escaped as JSON escapes them", () => {
    const message =
      "2 validation errors detected: Value 'arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+; Value 'arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG' at 'identityPoolId' failed to satisfy constraint: Member must have length less than or equal to 55";
    expect(encodeError({ type: "ValidationException", message }, RID).body).toBe(
      `{"__type":"ValidationException","message":"2 validation errors detected: Value 'arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\\\w-]+:[0-9a-f-]+; Value 'arn:aws:cognito-idp:us-east-1:100641718971:userpool/us-east-1_y3LHvvlPG' at 'identityPoolId' failed to satisfy constraint: Member must have length less than or equal to 55"}`,
    );
  });

  it("WIRE-5: 400 for every client error, 500 for InternalErrorException, 413 for a body over the limit", () => {
    for (const type of ["ValidationException", "ResourceConflictException", "TooManyRequestsException", "NotAuthorizedException", "ResourceNotFoundException", "MissingAuthenticationTokenException", "UnknownOperationException"]) {
      expect(statusOf(type)).toBe(400);
    }
    expect(statusOf("InternalErrorException")).toBe(500);
    expect(statusOf("RequestEntityTooLargeException")).toBe(413);
  });

  it("WIRE-8: the observed GetId body: compact JSON, 63 bytes", () => {
    const answer = encodeSuccess({ IdentityId: "us-east-1:11a86fa8-fc2c-46da-a38b-e46762e447ed" }, RID);
    expect(answer.body).toBe('{"IdentityId":"us-east-1:11a86fa8-fc2c-46da-a38b-e46762e447ed"}');
    expect(Buffer.byteLength(answer.body)).toBe(63);
    expect(answer).toMatchObject({ status: 200, headers: { "Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": RID } });
    expect(answer.headers["x-amzn-ErrorType"]).toBeUndefined();
  });

  it("WIRE-8: no output is {}; undefined members are omitted", () => {
    expect(encodeSuccess(undefined, RID).body).toBe("{}");
    expect(encodeSuccess({}, RID).body).toBe("{}");
    expect(encodeSuccess({ A: 1, B: undefined, C: { D: undefined } }, RID).body).toBe('{"A":1,"C":{}}');
  });

  it("WIRE-7: x-amzn-ErrorMessage is the message when printable ASCII, else percent-encoded UTF-8, and cut at 4096", () => {
    expect(errorMessageHeader("IdentityPool 'us-east-1:x' not found.")).toBe("IdentityPool 'us-east-1:x' not found.");
    expect(errorMessageHeader("Value 'caf\u00e9\n€' at 'x'")).toBe("Value 'caf%C3%A9%0A%E2%82%AC' at 'x'");
    expect(errorMessageHeader("lone \ud800 surrogate")).toBe("lone %EF%BF%BD surrogate");
    expect(errorMessageHeader("a".repeat(10_000))).toHaveLength(MAX_ERROR_MESSAGE_HEADER);
    // A cut never leaves half an escape behind.
    const cut = errorMessageHeader(`${"a".repeat(MAX_ERROR_MESSAGE_HEADER - 2)}€`);
    expect(cut).toBe("a".repeat(MAX_ERROR_MESSAGE_HEADER - 2));
    const body = encodeError({ type: "ValidationException", message: "é".repeat(3000) }, RID);
    expect(JSON.parse(body.body).message).toBe("é".repeat(3000));
  });
});
