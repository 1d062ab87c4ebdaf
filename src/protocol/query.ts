// The AWS Query protocol as STS speaks it (spec/sts.md, rules STS-n): a form-encoded POST in,
// XML out. Beside the AWS JSON 1.1 of Cognito Identity (json.ts, decode.ts, encode.ts); a request
// is STS's by what it carries (no X-Amz-Target, a form body), never by a guess.
import { XMLBuilder } from "fast-xml-parser";
import type { ModelError } from "../model/errors.js";
import { stsOperationSpec, stsService, stsShapes, type Shape } from "../model/shapes.js";
import { callerOf, type Caller, type CallerOptions } from "./caller.js";
import type { WireError } from "./errors.js";
import { headerNames, headerValue, type WireRequest, type WireResponse } from "./wire.js";

export const XML_CONTENT_TYPE = "text/xml";
export const STS_VERSION = stsService.metadata.apiVersion;
const NAMESPACE = stsService.metadata.xmlNamespace;

/** STS-2: a POST without X-Amz-Target whose body is a form (`application/x-www-form-urlencoded`). */
export function isQueryRequest(request: WireRequest): boolean {
  if (request.method !== "POST" || headerValue(request.headers, "x-amz-target") !== undefined) return false;
  const contentType = headerValue(request.headers, "content-type");
  return contentType !== undefined && contentType.split(";")[0]!.trim().toLowerCase() === "application/x-www-form-urlencoded";
}

export interface QueryEnvelope {
  ok: true;
  op: string;
  input: Record<string, unknown>;
  caller: Caller;
}

const refuse = (type: WireError["type"], message: string): { ok: false; error: WireError } => ({ ok: false, error: { type, message } });

/**
 * STS-2, STS-3: Action and Version, the caller, then the parameters read into the operation's input
 * by its shape. The model validates the input itself.
 */
export function decodeQuery(request: WireRequest, options: CallerOptions = {}): QueryEnvelope | { ok: false; error: WireError } {
  const text = typeof request.body === "string" ? request.body : Buffer.from(request.body).toString("utf8");
  const params = new URLSearchParams(text);
  const action = params.get("Action");
  const version = params.get("Version");
  if (action === null || action === "") return refuse("MissingAction", "Missing Action");
  const spec = stsOperationSpec(action);
  if (!spec) return refuse("InvalidAction", `Could not find operation ${action} for version ${version ?? "NO_VERSION_SPECIFIED"}`);
  if (version !== STS_VERSION) return refuse("InvalidAction", `Could not find operation ${action} for version ${version ?? "NO_VERSION_SPECIFIED"}`);
  const caller = callerOf(request, options);
  if ("type" in caller) return { ok: false, error: caller };
  if (caller.authorization === undefined && spec.authtype !== "none") {
    return refuse("MissingAuthenticationToken", "Request is missing Authentication Token");
  }
  const flat = new Map<string, string>();
  for (const [key, value] of params) if (!flat.has(key)) flat.set(key, value);
  const input = spec.input ? readStructure(stsShapes.shape(spec.input.shape), flat, "") : {};
  return { ok: true, op: action, input: input ?? {}, caller };
}

/** Query serialization: `Member`, `List.member.N`, `Map.entry.N.key`/`.value`, `Struct.Member`. */
function readValue(shapeName: string, flat: ReadonlyMap<string, string>, key: string): unknown {
  const shape = stsShapes.shape(shapeName);
  switch (shape.type) {
    case "structure":
      return readStructure(shape, flat, `${key}.`);
    case "list": {
      const items: unknown[] = [];
      for (let i = 1; ; i++) {
        const item = readValue(shape.member!.shape, flat, `${key}.member.${i}`);
        if (item === undefined) break;
        items.push(item);
      }
      return items.length === 0 && !flat.has(key) ? undefined : items;
    }
    case "map": {
      const out: Record<string, unknown> = {};
      for (let i = 1; flat.has(`${key}.entry.${i}.key`); i++) out[flat.get(`${key}.entry.${i}.key`)!] = readValue(shape.value!.shape, flat, `${key}.entry.${i}.value`);
      return Object.keys(out).length === 0 ? undefined : out;
    }
    default: {
      const raw = flat.get(key);
      if (raw === undefined) return undefined;
      if (shape.type === "integer" || shape.type === "long") return /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : raw;
      if (shape.type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
      return raw;
    }
  }
}

function readStructure(shape: Shape, flat: ReadonlyMap<string, string>, prefix: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const value = readValue(ref.shape, flat, `${prefix}${name}`);
    if (value !== undefined) out[name] = value;
  }
  return prefix !== "" && Object.keys(out).length === 0 ? undefined : out;
}

// STS escapes `&`, `<` and `>` in text, not quotes (an observed body's length shows `'` unescaped).
const builder = new XMLBuilder({ format: true, indentBy: "  ", ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: false, processEntities: false });
const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** STS-4: AssumeRoleWithWebIdentity's members in the order a real answer has them. */
const OBSERVED_ORDER: Record<string, readonly string[]> = {
  AssumeRoleWithWebIdentityResponse: ["Audience", "AssumedRoleUser", "Provider", "Credentials", "SubjectFromWebIdentityToken", "PackedPolicySize", "SourceIdentity"],
};

/** Timestamps as STS writes them: ISO 8601 in UTC, whole seconds. */
const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** An output value as XML content, members in the shape's order. */
function xmlValue(shapeName: string, value: unknown): unknown {
  const shape = stsShapes.shape(shapeName);
  switch (shape.type) {
    case "structure": {
      const out: Record<string, unknown> = {};
      const members = shape.members ?? {};
      const order = OBSERVED_ORDER[shapeName] ?? Object.keys(members);
      for (const name of order) {
        const member = (value as Record<string, unknown>)[name];
        if (member !== undefined && member !== null) out[name] = xmlValue(members[name]!.shape, member);
      }
      return out;
    }
    case "list":
      return { member: (value as unknown[]).map((item) => xmlValue(shape.member!.shape, item)) };
    case "timestamp":
      return isoSeconds(value instanceof Date ? value : new Date(value as number));
    default:
      return escapeText(String(value));
  }
}

/** STS-4: `<OpResponse xmlns><OpResult>...</OpResult><ResponseMetadata><RequestId>`. */
export function encodeQuerySuccess(op: string, output: unknown, requestId: string): WireResponse {
  const spec = stsOperationSpec(op)!;
  const result = spec.output ? xmlValue(spec.output.shape, output) : {};
  const document = {
    [`${op}Response`]: {
      "@_xmlns": NAMESPACE,
      [spec.output?.resultWrapper ?? `${op}Result`]: result,
      ResponseMetadata: { RequestId: requestId },
    },
  };
  return { status: 200, headers: { [headerNames.requestId]: requestId, [headerNames.contentType]: XML_CONTENT_TYPE }, body: builder.build(document) };
}

/** STS-5: the statuses of the service model's error codes, and STS's own for its common unmodeled ones. */
const STATUS_OF_CODE: ReadonlyMap<string, number> = new Map([
  ...Object.values(stsService.shapes).flatMap((shape) => (shape.error ? [[shape.error.code, shape.error.httpStatusCode] as [string, number]] : [])),
  ...["AccessDenied", "ExpiredToken", "InvalidClientTokenId", "SignatureDoesNotMatch", "MissingAuthenticationToken"].map((code) => [code, 403] as [string, number]),
  ["InternalFailure", 500],
  ["InternalErrorException", 500],
]);

/** The error code of an STS error shape, as SDKs name their exceptions after the shape (`InvalidIdentityTokenException` -> `InvalidIdentityToken`). */
export function queryCodeOfShape(name: string): string {
  const shape = Object.prototype.hasOwnProperty.call(stsService.shapes, name) ? stsService.shapes[name] : undefined;
  return shape?.error?.code ?? name;
}

/** STS-5: the HTTP status of an STS error code; 400 for any other. */
export function queryStatusOf(code: string): number {
  return STATUS_OF_CODE.get(code) ?? 400;
}

/** STS-5: `<ErrorResponse xmlns><Error><Type>Sender</Type><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function encodeQueryError(error: ModelError | WireError, requestId: string): WireResponse {
  const status = queryStatusOf(error.type);
  const document = {
    ErrorResponse: {
      "@_xmlns": NAMESPACE,
      Error: { Type: status >= 500 ? "Receiver" : "Sender", Code: error.type, Message: escapeText(error.message) },
      RequestId: requestId,
    },
  };
  return { status, headers: { [headerNames.requestId]: requestId, [headerNames.contentType]: XML_CONTENT_TYPE }, body: builder.build(document) };
}
