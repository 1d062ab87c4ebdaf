// The wire constants of AWS JSON 1.1 for this service, and the request/response records shared
// by the in-process handler and the HTTP server (spec/protocol.md).
import { ownValue } from "../model/records.js";
import { service } from "../model/shapes.js";

/** `AWSCognitoIdentityService`: the part of `X-Amz-Target` before the operation name. */
export const TARGET_PREFIX = service.metadata.targetPrefix;
/** The signing name, the service element of a SigV4 credential scope. */
export const SIGNING_NAME = service.metadata.endpointPrefix;
export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
/** WIRE-16: the largest request body accepted, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_REGION = "us-east-1";
export const DEFAULT_ACCOUNT = "000000000000";

/** Header names as they appear on the wire (WIRE-5, WIRE-7, WIRE-17). */
export const headerNames = {
  requestId: "x-amzn-RequestId",
  errorType: "x-amzn-ErrorType",
  errorMessage: "x-amzn-ErrorMessage",
  contentType: "Content-Type",
  contentLength: "Content-Length",
} as const;

/** An HTTP request as the protocol sees it. Header names are lowercase. */
export interface WireRequest {
  method: string;
  /** The request target: path and optional query string, e.g. `/` or `/?a=b`. */
  path: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array | string;
}

/** An HTTP response: header names in their wire spelling, the body as text (UTF-8 on the wire). */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** FAULT-3: an injected fault gives no answer: the transport times out or drops the connection. */
  cut?: "timeout" | "drop";
}

/** One header value: repeated headers are joined as HTTP joins them. Only the request's own headers count (VAL-18). */
export function headerValue(headers: WireRequest["headers"], name: string): string | undefined {
  const value = ownValue(headers, name);
  return Array.isArray(value) ? value.join(", ") : value;
}
