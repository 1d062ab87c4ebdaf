// Request -> { op, input, caller } or the protocol error that answers it. The checks run in
// the order of spec/protocol.md WIRE-1: method, target, content type, authentication,
// (signature), body. The model then decides everything about the operation and its input.
import { isPublicOperation } from "../model/shapes.js";
import { callerOf, type Caller, type CallerOptions } from "./caller.js";
import { protocolErrors, type WireError } from "./errors.js";
import { parseJsonBody } from "./json.js";
import { TARGET_PREFIX, headerValue, type WireRequest } from "./wire.js";

export interface Envelope {
  ok: true;
  /** The operation name after `AWSCognitoIdentityService.`; the model decides whether it exists. */
  op: string;
  caller: Caller;
}

export type EnvelopeResult = Envelope | { ok: false; error: WireError };

export interface DecodedRequest {
  ok: true;
  op: string;
  input: unknown;
  caller: Caller;
}

export type DecodeResult = DecodedRequest | { ok: false; error: WireError };

const fail = (error: WireError): { ok: false; error: WireError } => ({ ok: false, error });

/** WIRE-4: the media types of AWS JSON, with optional parameters such as `; charset=utf-8`. */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const semi = value.indexOf(";");
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  return type === "application/x-amz-json-1.1" || type === "application/x-amz-json-1.0";
}

/** Everything but the body: method, target, content type and caller (WIRE-1 to WIRE-4, WIRE-9 to WIRE-12). */
export function decodeEnvelope(request: WireRequest, options: CallerOptions = {}): EnvelopeResult {
  if (request.method !== "POST") return fail(protocolErrors.methodNotAllowed(request.method));
  const target = headerValue(request.headers, "x-amz-target");
  if (target === undefined) return fail(protocolErrors.missingTarget());
  if (!target.startsWith(TARGET_PREFIX) || target.charCodeAt(TARGET_PREFIX.length) !== 0x2e /* . */) {
    return fail(protocolErrors.unknownTarget(target));
  }
  const op = target.slice(TARGET_PREFIX.length + 1);
  const contentType = headerValue(request.headers, "content-type");
  if (!isJsonContentType(contentType)) return fail(protocolErrors.unsupportedContentType(contentType));
  const caller = callerOf(request, options);
  if ("type" in caller) return fail(caller);
  if (caller.authorization === undefined && !isPublicOperation(op)) return fail(protocolErrors.missingAuthentication());
  return { ok: true, op, caller };
}

/** The whole request, without signature verification (which is asynchronous and opt-in). */
export function decodeRequest(request: WireRequest, options: CallerOptions = {}): DecodeResult {
  const envelope = decodeEnvelope(request, options);
  if (!envelope.ok) return envelope;
  const body = parseJsonBody(request.body);
  if (!body.ok) return fail(body.error);
  return { ok: true, op: envelope.op, input: body.value, caller: envelope.caller };
}
