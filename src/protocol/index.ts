// AWS JSON 1.1 as the service speaks it: decode requests, encode results (spec/protocol.md).
export {
  TARGET_PREFIX,
  SIGNING_NAME,
  JSON_CONTENT_TYPE,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_REGION,
  DEFAULT_ACCOUNT,
  headerNames,
  headerValue,
  type WireRequest,
  type WireResponse,
} from "./wire.js";
export { protocolErrors, type WireError, type WireErrorType } from "./errors.js";
export { parseJsonBody, serializeOutput, describeSyntaxError, type ParsedBody } from "./json.js";
export {
  accountFor,
  callerOf,
  parseAuthorization,
  SIGV4_ALGORITHM,
  type Caller,
  type CallerOptions,
  type ParsedAuthorization,
} from "./caller.js";
export { verifySignature, parseAmzDate } from "./sigv4.js";
export {
  decodeEnvelope,
  decodeRequest,
  isJsonContentType,
  type DecodeResult,
  type DecodedRequest,
  type Envelope,
  type EnvelopeResult,
} from "./decode.js";
export { encodeError, encodeSuccess, errorBody, errorMessageHeader, statusOf, MAX_ERROR_MESSAGE_HEADER } from "./encode.js";
