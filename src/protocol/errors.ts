// Errors the protocol answers before (or instead of) the model, with their exact texts.
// Each text is a rule of spec/protocol.md, with its source or the reason for our choice.
import type { ErrorType } from "../model/errors.js";
import { SIGNING_NAME } from "./wire.js";

/** The model's error types plus those only the wire layer produces. */
export type WireErrorType =
  | ErrorType
  | "MissingAuthenticationTokenException"
  | "IncompleteSignatureException"
  | "InvalidSignatureException"
  | "UnrecognizedClientException"
  | "RequestEntityTooLargeException"
  // STS's Query protocol (query.ts)
  | "MissingAction"
  | "InvalidAction"
  | "MissingAuthenticationToken"
  | "SignatureDoesNotMatch";

export interface WireError {
  type: WireErrorType;
  message: string;
}

const wireError = (type: WireErrorType, message: string): WireError => ({ type, message });

export const protocolErrors = {
  /** WIRE-3 */
  missingTarget: () => wireError("UnknownOperationException", "Missing X-Amz-Target header."),
  /** WIRE-3: a target outside this service names no operation of it. */
  unknownTarget: (target: string) => wireError("UnknownOperationException", `Operation ${target} is not supported.`),
  /** WIRE-2 */
  methodNotAllowed: (method: string) =>
    wireError("UnknownOperationException", `Method ${method} is not supported: the AWS JSON protocol uses POST.`),
  /** WIRE-4 */
  unsupportedContentType: (contentType: string | undefined) =>
    wireError(
      "UnknownOperationException",
      contentType === undefined
        ? "Missing Content-Type header: expected application/x-amz-json-1.1."
        : `Unsupported Content-Type '${contentType}': expected application/x-amz-json-1.1.`,
    ),
  /** WIRE-10 */
  missingAuthentication: () => wireError("MissingAuthenticationTokenException", "Missing Authentication Token"),
  /** WIRE-11: the parts a SigV4 Authorization header lacks, as AWS lists them. */
  incompleteSignature: (missing: readonly string[], authorization: string) =>
    wireError("IncompleteSignatureException", `${missing.join(" ")} Authorization=${authorization}`),
  /** WIRE-11 */
  notKeyValuePair: (part: string, authorization: string) =>
    wireError(
      "IncompleteSignatureException",
      `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
    ),
  /** WIRE-11 */
  malformedCredential: (credential: string) =>
    wireError(
      "IncompleteSignatureException",
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    ),
  /** WIRE-13 */
  unrecognizedClient: () => wireError("UnrecognizedClientException", "The security token included in the request is invalid."),
  /** WIRE-13 */
  invalidSignature: () =>
    wireError(
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    ),
  /** WIRE-13 */
  wrongService: (service: string = SIGNING_NAME) => wireError("InvalidSignatureException", `Credential should be scoped to correct service: '${service}'.`),
  /** WIRE-33: the times as X-Amz-Date writes them. */
  signatureExpired: (signedAt: string, earliest: string, now: string, minutes: number) =>
    wireError("InvalidSignatureException", `Signature expired: ${signedAt} is now earlier than ${earliest} (${now} - ${minutes} min.)`),
  /** WIRE-33 */
  signatureNotYetCurrent: (signedAt: string, latest: string, now: string, minutes: number) =>
    wireError("InvalidSignatureException", `Signature not yet current: ${signedAt} is still later than ${latest} (${now} + ${minutes} min.)`),
  /** WIRE-9: a credential scope whose Region is no Region name (the trailing space is AWS's). */
  invalidScopeRegion: () => wireError("InvalidSignatureException", "Credential should be scoped to a valid region. "),
  /** WIRE-13 */
  wrongTerminator: (terminator: string) =>
    wireError("InvalidSignatureException", `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`),
  /** WIRE-6 */
  malformedJson: (problem: string) => wireError("SerializationException", `Malformed JSON request body: ${problem}.`),
  /** WIRE-6 */
  invalidUtf8: () => wireError("SerializationException", "Malformed request body: it is not valid UTF-8."),
  /** WIRE-27 */
  nestedTooDeep: (limit: number) => wireError("SerializationException", `Request body is nested deeper than the limit of ${limit} levels.`),
  /** WIRE-16 */
  bodyTooLarge: (limit: number) =>
    wireError("RequestEntityTooLargeException", `Request body is larger than the limit of ${limit} bytes.`),
  /** WIRE-15 */
  internalError: () => wireError("InternalErrorException", "An internal error occurred."),
} as const;
