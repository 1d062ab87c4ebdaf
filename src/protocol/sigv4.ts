// Opt-in SigV4 verification (WIRE-13): the request is signed again with the SDK's own signer
// and the configured secret, and the two signatures are compared; the signing time must be near
// the service's clock (WIRE-33).
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from "node:crypto";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Checksum, SourceData } from "@smithy/types";
import { stsService } from "../model/shapes.js";
import type { ParsedAuthorization } from "./caller.js";
import { ownValue, setOwn } from "../model/records.js";
import { protocolErrors, type WireError } from "./errors.js";
import { SIGNING_NAME, headerValue, type WireRequest } from "./wire.js";

const toBytes = (data: SourceData): Uint8Array | string =>
  typeof data === "string" ? data : data instanceof Uint8Array ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** SHA-256 and HMAC-SHA-256 from node:crypto in the shape the signer expects. */
class Sha256 implements Checksum {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBytes(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

/** What a signature is checked against: the signing name its scope must name, and how far its time may be from the clock. */
export interface SigningRules {
  service: string;
  skewMinutes: number;
}

/** WIRE-33: Cognito Identity allows five minutes, as the AWS JSON services observed do. */
export const COGNITO_SIGNING: SigningRules = { service: SIGNING_NAME, skewMinutes: 5 };
/** WIRE-33: STS allows fifteen. */
export const STS_SIGNING: SigningRules = { service: stsService.metadata.endpointPrefix, skewMinutes: 15 };

/** A time as X-Amz-Date writes it: `20240101T000000Z`. */
const amzDateOf = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}/, "").replace(/[-:]/g, "");

/** WIRE-33: AWS's refusal of a signing time more than `minutes` from the clock `now` (epoch ms); undefined when near. */
export function signingTimeRefusal(amzDate: string, signedAt: Date, now: number, minutes: number): WireError | undefined {
  const second = Math.floor(now / 1000) * 1000;
  const skew = minutes * 60_000;
  if (signedAt.getTime() < second - skew) return protocolErrors.signatureExpired(amzDate, amzDateOf(second - skew), amzDateOf(second), minutes);
  if (signedAt.getTime() > second + skew) return protocolErrors.signatureNotYetCurrent(amzDate, amzDateOf(second + skew), amzDateOf(second), minutes);
  return undefined;
}

/** `20240101T000000Z` -> Date; undefined when it is not that form. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function splitTarget(target: string): { path: string; query: Record<string, string | string[]> } {
  const q = target.indexOf("?");
  if (q < 0) return { path: target, query: {} };
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(target.slice(q + 1))) {
    const prev = ownValue(query, k);
    setOwn(query, k, prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]);
  }
  return { path: target.slice(0, q), query };
}

const sameSignature = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, "latin1"), Buffer.from(b, "latin1"));

/**
 * WIRE-13, WIRE-33: verifies the signature of `request` against `secretAccessKey`, its scope against
 * `rules.service` and its time against the clock `now` (epoch milliseconds).
 */
export async function verifySignature(
  request: WireRequest,
  auth: ParsedAuthorization,
  secretAccessKey: string,
  now: number,
  rules: SigningRules = COGNITO_SIGNING,
): Promise<WireError | undefined> {
  if (auth.scope.service !== rules.service) return protocolErrors.wrongService(rules.service);
  if (auth.scope.terminator !== "aws4_request") return protocolErrors.wrongTerminator(auth.scope.terminator);
  const amzDate = headerValue(request.headers, "x-amz-date");
  const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (signingDate === undefined) return protocolErrors.invalidSignature();
  const late = signingTimeRefusal(amzDate!, signingDate, now, rules.skewMinutes);
  if (late) return late;

  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = headerValue(request.headers, name);
    if (value === undefined) return protocolErrors.invalidSignature();
    setOwn(headers, name, value);
  }
  // The signer takes a declared payload hash on trust; AWS hashes what it received.
  const declaredHash = headers["x-amz-content-sha256"];
  if (declaredHash !== undefined && declaredHash !== createHash("sha256").update(request.body).digest("hex")) {
    return protocolErrors.invalidSignature();
  }
  const { path, query } = splitTarget(request.path);
  const toSign = new HttpRequest({
    method: request.method,
    protocol: "https:",
    hostname: headers["host"] ?? "",
    path,
    query,
    headers,
    body: request.body,
  });
  const signer = new SignatureV4({
    service: auth.scope.service,
    region: auth.scope.region,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
    sha256: Sha256,
    applyChecksum: false,
  });
  try {
    const signed = await signer.sign(toSign, {
      signingDate,
      signingRegion: auth.scope.region,
      signingService: auth.scope.service,
      signableHeaders: new Set(auth.signedHeaders),
    });
    const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers["authorization"]))?.[1] ?? "";
    return sameSignature(expected, auth.signature) ? undefined : protocolErrors.invalidSignature();
  } catch {
    return protocolErrors.invalidSignature();
  }
}
