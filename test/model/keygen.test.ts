import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accessKeyIdAt, credentialPosition, nextCredentials } from "../../src/model/keygen.js";

const seed = fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 });
const counter = fc.integer({ min: 0, max: 2 ** 32 - 1 });

describe("access key ids", () => {
  it("CRED-14: an access key id gives back the counter it was made at, for the seed that made it", () => {
    fc.assert(
      fc.property(seed, counter, (s, c) => {
        const key = accessKeyIdAt({ seed: s, counter: c });
        expect(key).toBe(nextCredentials({ seed: s, counter: c })[0].accessKeyId);
        expect(credentialPosition(s, key)).toBe(c);
      }),
    );
  });

  it("CRED-14: a key of another seed, or of no counter, gives none", () => {
    fc.assert(fc.property(seed, counter, (s, c) => credentialPosition(s + 1, accessKeyIdAt({ seed: s, counter: c })) === undefined));
    for (const key of ["ASIAAAAAAAAAAAAAAAAA", "ASIA777777777777777A", "AKIAIOSFODNN7EXAMPLE", "asia", ""]) expect(credentialPosition(0, key)).toBeUndefined();
  });
});
