// Opaque pagination tokens. A token names the position after which the next page starts (a
// creation sequence number) and carries a checksum over the seed, the scope (account, Region,
// operation, pool) and the position, so a token the model did not issue is recognised (LIST-4, LIST-5).
import { fnv1a, hex8 } from "./hash.js";

const PREFIX = "cim1";

export function encodeToken(seed: number, scope: string, position: number): string {
  const pos = position.toString(36);
  return `${PREFIX}.${pos}.${hex8(fnv1a(`${scope}|${pos}`, seed ^ 0x5bd1e995))}`;
}

/** The position a token names, or undefined when this model did not issue it for this scope. */
export function decodeToken(seed: number, scope: string, token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX || !/^[0-9a-z]{1,11}$/.test(parts[1]!)) return undefined;
  if (encodeToken(seed, scope, parseInt(parts[1]!, 36)) !== token) return undefined;
  return parseInt(parts[1]!, 36);
}

const KEY_PREFIX = "cim1k";

/**
 * A token that names a string position instead of a number (DEV-17: the last developer user
 * identifier of a page). UTF-16 code units are encoded as they are, so every string round-trips.
 */
export function encodeKeyToken(seed: number, scope: string, key: string): string {
  const pos = Buffer.from(key, "utf16le").toString("base64url");
  return `${KEY_PREFIX}.${pos}.${hex8(fnv1a(`${scope}|${pos}`, seed ^ 0x5bd1e995))}`;
}

/** The string a key token names, or undefined when this model did not issue it for this scope. */
export function decodeKeyToken(seed: number, scope: string, token: string): string | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== KEY_PREFIX || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) return undefined;
  const key = Buffer.from(parts[1]!, "base64url").toString("utf16le");
  return encodeKeyToken(seed, scope, key) === token ? key : undefined;
}
