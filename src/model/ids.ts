// Deterministic ids: `REGION:uuid` (lowercase, version-4 form) from the seed and a counter kept in the state.
import { mix32, hex8 } from "./hash.js";

export interface IdGenerator {
  seed: number;
  counter: number;
}

/** The uuid for (seed, n): four mixed 32-bit words with the version and variant bits of a v4 uuid. */
export function uuidFor(seed: number, n: number): string {
  const base = mix32(seed ^ mix32(n));
  const w0 = mix32(base ^ 0x243f6a88);
  const w1 = (mix32(base ^ 0x85a308d3) & 0xffff0fff) | 0x00004000;
  const w2 = (mix32(base ^ 0x13198a2e) & 0x3fffffff) | 0x80000000;
  const w3 = mix32(base ^ mix32(n ^ 0x03707344));
  const h = hex8(w0) + hex8(w1) + hex8(w2) + hex8(w3);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The next `region:uuid` id and the generator advanced past it. */
export function nextId(gen: IdGenerator, region: string): [string, IdGenerator] {
  return [`${region}:${uuidFor(gen.seed, gen.counter)}`, { seed: gen.seed, counter: gen.counter + 1 }];
}
