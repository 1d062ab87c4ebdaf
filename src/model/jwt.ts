// Compact JWS: encoding, decoding, signing and verifying. Signing uses node:crypto's RSA PKCS#1 v1.5,
// which is deterministic (the same key and bytes always give the same signature), so the model stays
// replayable; no clock and no randomness are involved (spec/operations/GetOpenIdToken.md, OIDC-3).
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import type { Jwk } from "./token-config.js";

export type JwtAlgorithm = "RS256" | "RS384" | "RS512" | "ES256" | "ES384";

const HASH: Record<JwtAlgorithm, string> = { RS256: "sha256", RS384: "sha384", RS512: "sha512", ES256: "sha256", ES384: "sha384" };

export const isJwtAlgorithm = (alg: unknown): alg is JwtAlgorithm => typeof alg === "string" && Object.prototype.hasOwnProperty.call(HASH, alg);

export const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes a base64url JSON object; undefined when it is not one. */
export function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  if (!BASE64URL.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Splits and decodes a compact JWS without checking its signature; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !BASE64URL.test(parts[2]!)) return undefined;
  const header = decodeJsonPart(parts[0]!);
  const payload = decodeJsonPart(parts[1]!);
  if (!header || !payload) return undefined;
  return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, "base64url") };
}

// Parsing a JWK into a KeyObject costs far more than a step; keys are immutable config data, so
// remembering the parsed form per JWK object changes no answer.
const privateKeys = new WeakMap<Jwk, KeyObject>();
const publicKeys = new WeakMap<Jwk, KeyObject>();

function privateKeyOf(jwk: Jwk): KeyObject {
  let key = privateKeys.get(jwk);
  if (!key) privateKeys.set(jwk, (key = createPrivateKey({ key: jwk, format: "jwk" })));
  return key;
}

function publicKeyOf(jwk: Jwk): KeyObject {
  let key = publicKeys.get(jwk);
  if (!key) publicKeys.set(jwk, (key = createPublicKey({ key: jwk, format: "jwk" })));
  return key;
}

const CURVE_OF: Partial<Record<JwtAlgorithm, string>> = { ES256: "prime256v1", ES384: "secp384r1" };

/** Why `jwk` cannot sign tokens of `alg` (not a private key node:crypto reads, or of another kind); undefined when it can. */
export function signingKeyProblem(jwk: Jwk, alg: JwtAlgorithm): string | undefined {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: jwk, format: "jwk" });
  } catch (error) {
    return `not a private key of ${alg}: ${error instanceof Error ? error.message : String(error)}`;
  }
  const curve = CURVE_OF[alg];
  const fits = curve === undefined ? key.asymmetricKeyType === "rsa" : key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === curve;
  return fits ? undefined : `not a private key of ${alg}: it is a ${key.asymmetricKeyType ?? "symmetric"} key${key.asymmetricKeyDetails?.namedCurve ? ` on ${key.asymmetricKeyDetails.namedCurve}` : ""}`;
}

/** A compact JWS over the header and payload exactly in the given member order. */
export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, alg: JwtAlgorithm, privateJwk: Jwk): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign(HASH[alg], Buffer.from(signingInput), { key: privateKeyOf(privateJwk), dsaEncoding: "ieee-p1363" });
  return `${signingInput}.${signature.toString("base64url")}`;
}

/** An unsigned compact JWS (`alg: none`, empty signature). */
export function unsignedJwt(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.`;
}

/** True when one of the keys (the one named by `kid` when the header has one) verifies the signature. */
export function verifyJwt(jwt: DecodedJwt, keys: readonly Jwk[]): boolean {
  const alg = jwt.header.alg;
  if (!isJwtAlgorithm(alg) || jwt.signature.length === 0) return false;
  const kid = jwt.header.kid;
  const candidates = keys.filter((k) => kid === undefined || (k as { kid?: unknown }).kid === kid);
  return candidates.some((jwk) => {
    try {
      return verify(HASH[alg], Buffer.from(jwt.signingInput), { key: publicKeyOf(jwk), dsaEncoding: "ieee-p1363" }, jwt.signature);
    } catch {
      return false;
    }
  });
}

/** The public half of a private JWK (RSA or EC). */
export function publicJwkOf(privateJwk: Jwk): Jwk {
  if (privateJwk.kty === "RSA") return { kty: "RSA", n: privateJwk.n, e: privateJwk.e };
  return { kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x, y: privateJwk.y };
}
