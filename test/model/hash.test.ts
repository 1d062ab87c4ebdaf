import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mix32, unmix32 } from "../../src/model/hash.js";

describe("mix32", () => {
  it("is undone by unmix32, so ids and keys can be read back to the counter that made them", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (x) => unmix32(mix32(x)) === x && mix32(unmix32(x)) === x));
    for (const x of [0, 1, 0x9e3779b9, 2 ** 31, 2 ** 32 - 1]) expect(unmix32(mix32(x))).toBe(x);
  });
});
