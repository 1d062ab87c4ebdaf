// Who calls and where: the SigV4 Authorization header read as AWS reads it (WIRE-9 to WIRE-12).
import { isRegionName } from "../model/regions.js";
import { protocolErrors, type WireError } from "./errors.js";
import { DEFAULT_ACCOUNT, DEFAULT_REGION, headerValue, type WireRequest } from "./wire.js";

export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";

/** The parts of a SigV4 `Authorization` header. */
export interface ParsedAuthorization {
  accessKeyId: string;
  /** The credential scope: `date/region/service/terminator`. */
  scope: { date: string; region: string; service: string; terminator: string };
  signedHeaders: string[];
  signature: string;
}

/** How access keys map to accounts (WIRE-12). */
export interface CallerOptions {
  /** Region of a request without a credential scope. Default `us-east-1`. */
  region?: string;
  /** Account of an access key that is neither mapped nor 12 digits. Default `000000000000`. */
  account?: string;
  /** Access key id -> account id; wins over the 12-digit rule. */
  accounts?: Readonly<Record<string, string>>;
}

export interface Caller {
  account: string;
  region: string;
  /** WIRE-24: false when nothing in the request named its Region, and `region` is the default. */
  regionKnown: boolean;
  /** Undefined for an unsigned request. */
  accessKeyId?: string;
  authorization?: ParsedAuthorization;
}

const TWELVE_DIGITS = /^\d{12}$/;

/** WIRE-12: explicit map, then a 12-digit key names its account, else the default account. */
export function accountFor(accessKeyId: string, options: CallerOptions = {}): string {
  const mapped = options.accounts && Object.prototype.hasOwnProperty.call(options.accounts, accessKeyId) ? options.accounts[accessKeyId] : undefined;
  if (mapped !== undefined) return mapped;
  return TWELVE_DIGITS.test(accessKeyId) ? accessKeyId : (options.account ?? DEFAULT_ACCOUNT);
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/cognito-identity/aws4_request,
 * SignedHeaders=a;b, Signature=hex`. A header that lacks a part is an IncompleteSignatureException
 * worded as AWS words it (WIRE-11). `hasDate` tells whether the request carries X-Amz-Date or Date.
 */
export function parseAuthorization(header: string, hasDate: boolean): ParsedAuthorization | WireError {
  // The form every SDK sends, read with one regular expression; anything else takes the general path.
  const m = hasDate ? SDK_FORM.exec(header) : null;
  if (m) {
    const [, accessKeyId, date, region, service, terminator, signedHeaders, signature] = m as unknown as string[];
    return {
      accessKeyId: accessKeyId!,
      scope: { date: date!, region: region!, service: service!, terminator: terminator! },
      signedHeaders: splitSignedHeaders(signedHeaders!),
      signature: signature!,
    };
  }
  const params = new Map<string, string>();
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm === SIGV4_ALGORITHM) {
    // AWS separates the parameters by commas and by whitespace alike.
    for (const part of header.slice(space + 1).split(/[\s,]+/)) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      if (eq < 0) return protocolErrors.notKeyValuePair(part, header);
      params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  const missing: string[] = [];
  for (const name of ["Credential", "Signature", "SignedHeaders"]) {
    if (!params.get(name)) missing.push(`Authorization header requires '${name}' parameter.`);
  }
  if (!hasDate) missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (missing.length > 0) return protocolErrors.incompleteSignature(missing, header);

  const credential = params.get("Credential")!;
  const elements = credential.split("/");
  if (elements.length !== 5 || elements.some((e) => e === "")) return protocolErrors.malformedCredential(credential);
  const [accessKeyId, date, region, service, terminator] = elements as [string, string, string, string, string];
  return {
    accessKeyId,
    scope: { date, region, service, terminator },
    signedHeaders: splitSignedHeaders(params.get("SignedHeaders")!),
    signature: params.get("Signature")!,
  };
}

const SDK_FORM =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/([^/,\s]+)\/([^/,\s]+)\/([^/,\s]+)\/([^/,\s]+), ?SignedHeaders=([^,\s]+), ?Signature=([^,\s]+)$/;

const splitSignedHeaders = (value: string) =>
  value
    .split(";")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");

const isWireError = (value: ParsedAuthorization | WireError): value is WireError => "type" in value;

/**
 * WIRE-24: the Region a `Host` header names: its first label that is a Region name of one of
 * botocore's partitions (`cognito-identity.us-east-2.amazonaws.com`, `us-east-2.localhost:4568`);
 * undefined for an address (`127.0.0.1`, `[::1]`) or a name without one (`localhost`).
 */
export function regionOfHost(host: string | undefined): string | undefined {
  if (host === undefined || host.startsWith("[")) return undefined;
  const name = host.replace(/:\d*$/, "").toLowerCase();
  return name.split(".").find(isRegionName);
}

/**
 * WIRE-9, WIRE-12, WIRE-24: the caller of a request. Region from the credential scope, account from
 * the access key id; an unsigned request gets the Region its Host names, else the default Region
 * (marked unknown), and the default account.
 */
export function callerOf(request: Pick<WireRequest, "headers">, options: CallerOptions = {}): Caller | WireError {
  const header = headerValue(request.headers, "authorization");
  if (header === undefined || header.trim() === "") {
    const named = regionOfHost(headerValue(request.headers, "host"));
    return { account: options.account ?? DEFAULT_ACCOUNT, region: named ?? options.region ?? DEFAULT_REGION, regionKnown: named !== undefined };
  }
  const hasDate = request.headers["x-amz-date"] !== undefined || request.headers["date"] !== undefined;
  const parsed = parseAuthorization(header, hasDate);
  if (isWireError(parsed)) return parsed;
  // WIRE-9: a scope Region that is none would make pools whose ids break their own pattern.
  if (!isRegionName(parsed.scope.region)) return protocolErrors.invalidScopeRegion();
  return {
    account: accountFor(parsed.accessKeyId, options),
    region: parsed.scope.region,
    regionKnown: true,
    accessKeyId: parsed.accessKeyId,
    authorization: parsed,
  };
}
