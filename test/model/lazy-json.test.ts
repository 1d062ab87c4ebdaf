// WIRE-30: jsonChunks writes a view exactly as JSON.stringify writes it, whatever it holds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks, LazyList, LazyRecord, snapshotState, snapshotView } from "../../src/model/index.js";
import { createPools, fresh } from "./helpers.js";

/** JSON values with, at any depth, arrays made lazy, objects made LazyRecords, and members JSON leaves out. */
const viewArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    fc.array(tie("value"), { maxLength: 4 }).map((items) => new LazyList(() => items)),
    fc
      .dictionary(fc.string({ maxLength: 6 }), fc.oneof(tie("value"), fc.constant(undefined), fc.constant(() => 1)), { maxKeys: 4 })
      .map((members) => new LazyRecord(members)),
    fc.array(tie("value"), { maxLength: 3 }),
  ),
})).value;

describe("jsonChunks", () => {
  it("WIRE-30: the pieces joined are JSON.stringify's text of the same view", () => {
    fc.assert(
      fc.property(viewArb, (view) => {
        expect([...jsonChunks(view)].join("")).toBe(JSON.stringify(view));
      }),
      { numRuns: 500 },
    );
  });

  it("WIRE-30: a snapshot view writes the snapshot, and can be written again", () => {
    const [state] = createPools(fresh({ seed: 4 }), 3);
    const view = snapshotView(state);
    const text = [...jsonChunks(view)].join("");
    expect(JSON.parse(text)).toEqual(snapshotState(state));
    expect([...jsonChunks(view)].join("")).toBe(text);
  });
});
