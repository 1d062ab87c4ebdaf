// IDN-20: the persistent hash map behind the identity and login indexes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hash52, PHash } from "../../src/model/phash.js";

interface Entry {
  key: string;
  value: number;
}
const keyOf = (e: Entry) => e.key;

describe("PHash", () => {
  it("IDN-20: behaves as a map, also when every key collides, and leaves earlier versions unchanged", () => {
    const op = fc.oneof(
      fc.record({ set: fc.constantFrom("a", "b", "c", "d", "e"), value: fc.integer() }),
      fc.record({ del: fc.constantFrom("a", "b", "c", "d", "e", "z") }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.constantFrom(hash52, () => 7, (k: string) => k.charCodeAt(0) % 2), (ops, hash) => {
        let map = PHash.empty<Entry>(keyOf, hash);
        const model = new Map<string, number>();
        const versions: [PHash<Entry>, Map<string, number>][] = [];
        for (const o of ops) {
          versions.push([map, new Map(model)]);
          if ("set" in o) {
            map = map.set({ key: o.set, value: o.value });
            model.set(o.set, o.value);
          } else {
            map = map.delete(o.del);
            model.delete(o.del);
          }
          expect(map.size).toBe(model.size);
          for (const k of ["a", "b", "c", "d", "e", "z"]) expect(map.get(k)?.value).toBe(model.get(k));
        }
        for (const [old, expected] of versions) {
          expect(new Map(old.values().map((e) => [e.key, e.value]))).toEqual(expected);
        }
      }),
    );
  });

  it("IDN-20: hash52 gives integers below 2^52 that differ for near keys", () => {
    const a = hash52("us-east-1:00000000-0000-4000-8000-000000000001");
    const b = hash52("us-east-1:00000000-0000-4000-8000-000000000002");
    expect(Number.isSafeInteger(a) && a < 2 ** 52 && a >= 0).toBe(true);
    expect(a).not.toBe(b);
  });
});
