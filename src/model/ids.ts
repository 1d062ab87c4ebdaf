// Deterministic ids: `REGION:uuid` (lowercase, version-4 form) from the seed and a counter kept in the state.
import { hex4, hex8, mix32 } from "./hash.js";

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
  return `${hex8(w0)}-${hex4(w1 >>> 16)}-${hex4(w1)}-${hex4(w2 >>> 16)}-${hex4(w2)}${hex8(w3)}`;
}

/** The next `region:uuid` id and the generator advanced past it. */
export function nextId(gen: IdGenerator, region: string): [string, IdGenerator] {
  return [`${region}:${uuidFor(gen.seed, gen.counter)}`, { seed: gen.seed, counter: gen.counter + 1 }];
}
