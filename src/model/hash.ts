// Small deterministic hashing and number generation: the model has no randomness of its own.

/** 32-bit FNV-1a over a string. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** splitmix32: a well-mixed 32-bit output for each 32-bit input. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** The multiplicative inverse of an odd number modulo 2^32 (Newton's iteration doubles the bits each round). */
function inverseOdd(m: number): number {
  let x = m;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(m, x));
  return x >>> 0;
}
const MIX_INVERSE_1 = inverseOdd(0x85ebca6b);
const MIX_INVERSE_2 = inverseOdd(0xc2b2ae35);

/** The inverse of mix32: `unmix32(mix32(x)) === x >>> 0`. */
export function unmix32(y: number): number {
  let z = (y ^ (y >>> 16)) >>> 0;
  z = Math.imul(z, MIX_INVERSE_2) >>> 0;
  z = (z ^ (z >>> 13) ^ (z >>> 26)) >>> 0;
  z = Math.imul(z, MIX_INVERSE_1) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return (z - 0x9e3779b9) >>> 0;
}

// Hex through a byte table: `toString(16)` per word made a uuid cost about eight times as much.
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** The low 16 bits as four lowercase hex digits. */
export const hex4 = (w: number) => HEX2[(w >>> 8) & 0xff]! + HEX2[w & 0xff]!;

/** A 32-bit word as eight lowercase hex digits. */
export const hex8 = (w: number) => hex4(w >>> 16) + hex4(w);
