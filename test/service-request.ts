// An AWS JSON request as the service takes it (`service.respond`, `service.handle`), for tests and
// benchmarks that drive a Service without HTTP. Signed as SDKs sign; signatures are not verified
// unless the service is told to.
import type { WireRequest } from "../src/protocol/wire.js";

/** The signing headers of `account` (its access key id is the account, WIRE-9). */
export const signedBy = (account = "123456789012") => ({
  "x-amz-date": "20240101T000000Z",
  authorization: `AWS4-HMAC-SHA256 Credential=${account}/20240101/us-east-1/cognito-identity/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00`,
});

/** `op` with the JSON text `body`, to the us-east-1 endpoint; unsigned with `signed: false`. */
export function serviceRequest(op: string, body: string, options: { signed?: boolean; account?: string; host?: string } = {}): WireRequest {
  return {
    method: "POST",
    path: "/",
    headers: {
      host: options.host ?? "cognito-identity.us-east-1.amazonaws.com",
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": `AWSCognitoIdentityService.${op}`,
      ...(options.signed === false ? {} : signedBy(options.account)),
    },
    body: Buffer.from(body),
  };
}
