// Deterministic ids: `REGION:uuid` (lowercase, version-4 form) from the seed and a counter kept in the state.
import { hex4, hex8, mix32, unmix32 } from "./hash.js";

export interface IdGenerator {
  seed: number;
  counter: number;
}

/** The counter wraps here: `uuidFor` and the access key ids read it as a 32-bit number. */
export const COUNTER_LIMIT = 2 ** 32;

const W0_SALT = 0x243f6a88;

/** The uuid for (seed, n): four mixed 32-bit words with the version and variant bits of a v4 uuid. */
export function uuidFor(seed: number, n: number): string {
  const base = mix32(seed ^ mix32(n));
  const w0 = mix32(base ^ W0_SALT);
  const w1 = (mix32(base ^ 0x85a308d3) & 0xffff0fff) | 0x00004000;
  const w2 = (mix32(base ^ 0x13198a2e) & 0x3fffffff) | 0x80000000;
  const w3 = mix32(base ^ mix32(n ^ 0x03707344));
  return `${hex8(w0)}-${hex4(w1 >>> 16)}-${hex4(w1)}-${hex4(w2 >>> 16)}-${hex4(w2)}${hex8(w3)}`;
}

/** The next `region:uuid` id and the generator advanced past it. */
export function nextId(gen: IdGenerator, region: string): [string, IdGenerator] {
  return [`${region}:${uuidFor(gen.seed, gen.counter)}`, { seed: gen.seed, counter: gen.counter + 1 }];
}

/** The counter `n` with `uuidFor(seed, n) === uuid`; undefined when the generator of this seed never makes it. */
export function counterOfUuid(seed: number, uuid: string): number | undefined {
  if (!/^[0-9a-f]{8}-/.test(uuid)) return undefined;
  const base = unmix32(Number.parseInt(uuid.slice(0, 8), 16)) ^ W0_SALT;
  const n = unmix32((unmix32(base >>> 0) ^ seed) >>> 0);
  return uuidFor(seed, n) === uuid ? n : undefined;
}

/** ID-10: the generator after `uuid` was given instead of made: past it when this seed's generator makes it too (ID-7). */
export function afterGivenUuid(gen: IdGenerator, uuid: string): IdGenerator {
  const n = counterOfUuid(gen.seed, uuid);
  return n === undefined || n < gen.counter ? gen : { seed: gen.seed, counter: n + 1 };
}
