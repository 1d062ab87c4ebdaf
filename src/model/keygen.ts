// Temporary credentials as strings of the right form (CRED-9), drawn from the state's seeded
// generator like every other id: AccessKeyId `ASIA` + 16 base-32 characters as AWS prints them,
// a 40-character secret, an opaque session token.
import { mix32, unmix32 } from "./hash.js";
import type { IdGenerator } from "./ids.js";

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** `length` characters of `alphabet`, the `stream`-th stream of the generator's current position. */
function chars(gen: IdGenerator, stream: number, alphabet: string, length: number): string {
  let out = "";
  const base = mix32(gen.seed ^ mix32(gen.counter ^ Math.imul(stream, 0x9e3779b1)));
  for (let i = 0; i < length; i++) out += alphabet[mix32(base ^ mix32(i + 0x632be5ab)) % alphabet.length];
  return out;
}

export interface CredentialStrings {
  accessKeyId: string;
  secretKey: string;
  sessionToken: string;
}

/** 7 base-32 characters that differ for every counter value: mix32 is a bijection on 32 bits. */
function uniquePart(gen: IdGenerator): string {
  let n = mix32((gen.counter ^ mix32(gen.seed)) >>> 0);
  let out = "";
  for (let i = 0; i < 7; i++, n = Math.floor(n / 32)) out += KEY_ALPHABET[n % 32];
  return out;
}

/** The access key id of the generator's current position. */
export const accessKeyIdAt = (gen: IdGenerator): string => `ASIA${uniquePart(gen)}${chars(gen, 1, KEY_ALPHABET, 9)}`;

/**
 * CRED-14: the counter (below 2^32) at which a generator of `seed` gives `accessKeyId`, read back
 * from the key's unique part; undefined when no counter gives it.
 */
export function credentialPosition(seed: number, accessKeyId: string): number | undefined {
  if (!/^ASIA[A-Z2-7]{16}$/.test(accessKeyId)) return undefined;
  let n = 0;
  for (let i = 10; i >= 4; i--) n = n * 32 + KEY_ALPHABET.indexOf(accessKeyId[i]!);
  if (n >= 2 ** 32) return undefined;
  const counter = (unmix32(n) ^ mix32(seed)) >>> 0;
  return accessKeyIdAt({ seed, counter }) === accessKeyId ? counter : undefined;
}

export function nextCredentials(gen: IdGenerator): [CredentialStrings, IdGenerator] {
  const strings = {
    accessKeyId: accessKeyIdAt(gen),
    secretKey: chars(gen, 2, SECRET_ALPHABET, 40),
    sessionToken: `IQoJb3JpZ2luX2Vj${chars(gen, 3, SECRET_ALPHABET, 300)}`,
  };
  return [strings, { seed: gen.seed, counter: gen.counter + 1 }];
}
