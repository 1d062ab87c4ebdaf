import fc from "fast-check";
import { resolveIdentity } from "../arbitraries/identities.js";
import { idRef, type IdRef } from "../arbitraries/refs.js";
import { edgeCount, nonEmptyArray } from "../arbitraries/shrinking.js";
import { defineOperation } from "../operation.js";
import { liveIdentity } from "../requires.js";

/** One to three identities usually; now and then none, or 60 and 61 (the list's limit). */
const ids: fc.Arbitrary<IdRef[]> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: nonEmptyArray(idRef, 3), weight: 10 },
  { arbitrary: edgeCount([0, 60, 61]).map((n) => Array.from({ length: n }, (_, i) => ({ live: i }))), weight: 1 },
);

export const deleteIdentities = defineOperation({
  op: "DeleteIdentities",
  weight: 2,
  params: fc.record({ ids }),
  input: ({ ids }, world) => ({ IdentityIdsToDelete: ids.map((ref) => resolveIdentity(ref, world)) }),
  requires: liveIdentity,
  mutates: true,
  needs: ["CreateIdentityPool", "GetId"],
});
