// Result -> status, headers, body (WIRE-5, WIRE-7, WIRE-8).
import type { ModelError } from "../model/errors.js";
import type { WireError } from "./errors.js";
import { serializeOutput } from "./json.js";
import { JSON_CONTENT_TYPE, headerNames, type WireResponse } from "./wire.js";

/** WIRE-5: 500 for InternalErrorException, 413 for a body over the limit, 400 for every other error. */
export function statusOf(type: string): number {
  if (type === "InternalErrorException") return 500;
  if (type === "RequestEntityTooLargeException") return 413;
  return 400;
}

/** The longest x-amzn-ErrorMessage value written; the body always carries the whole message. */
export const MAX_ERROR_MESSAGE_HEADER = 4096;

/**
 * WIRE-7: the message as an HTTP header value. Printable ASCII passes unchanged; any other
 * character is percent-encoded as UTF-8, so no message can make an invalid header; overlong
 * values are cut.
 */
export function errorMessageHeader(message: string): string {
  let out = PRINTABLE_ASCII.test(message) ? message : message.replace(NOT_PRINTABLE_ASCII, percentEncode);
  if (out.length > MAX_ERROR_MESSAGE_HEADER) out = out.slice(0, MAX_ERROR_MESSAGE_HEADER).replace(/%[0-9A-F]?$/, "");
  return out;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]+/g;

/** UTF-8 percent-encoding; a lone surrogate becomes U+FFFD as Buffer encodes it. */
function percentEncode(run: string): string {
  let out = "";
  for (const byte of Buffer.from(run, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return out;
}

/** WIRE-7: `{"__type":"<Type>","message":"<text>"}`, compact, `__type` first. */
export function errorBody(error: ModelError | WireError): string {
  return JSON.stringify({ __type: error.type, message: error.message });
}

export function encodeError(error: ModelError | WireError, requestId: string): WireResponse {
  return {
    status: statusOf(error.type),
    headers: {
      [headerNames.contentType]: JSON_CONTENT_TYPE,
      [headerNames.requestId]: requestId,
      [headerNames.errorType]: `${error.type}:`,
      [headerNames.errorMessage]: errorMessageHeader(error.message),
    },
    body: errorBody(error),
  };
}

export function encodeSuccess(output: unknown, requestId: string): WireResponse {
  return {
    status: 200,
    headers: { [headerNames.contentType]: JSON_CONTENT_TYPE, [headerNames.requestId]: requestId },
    body: serializeOutput(output),
  };
}
