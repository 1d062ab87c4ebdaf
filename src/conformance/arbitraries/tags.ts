// Tag maps and tag keys: a few tags usually, and now and then a map at the edge of the
// 50-tag quota (49, 50, 51 entries) so merges and creates cross it.
import fc from "fast-check";
import { defaultQuotas } from "../../model/index.js";
import type { World } from "../world.js";
import { edgeCount } from "./shrinking.js";
import { stringFor } from "./strings.js";

const tagKey = stringFor("TagKeysType");
const tagValue = stringFor("TagValueType");

const limit = defaultQuotas.tagsPerPool;

/** `count` distinct keys sharing a prefix, so two such maps overlap or not by prefix. */
const manyTags = (prefix: string, count: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, "v"]));

export const tagMap: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.dictionary(tagKey, tagValue, { maxKeys: 3 }), weight: 10 },
  {
    arbitrary: fc
      .record({ prefix: fc.constantFrom("k", "t"), count: edgeCount([1, limit - 1, limit, limit + 1], 1) })
      .map(({ prefix, count }) => manyTags(prefix, count)),
    weight: 2,
  },
);

/** A key to remove: one the pool has (by index), or any key. */
export type TagKeyRef = { existing: number } | { any: string };

export const tagKeyRef: fc.Arbitrary<TagKeyRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ existing: fc.nat({ max: 60 }) }), weight: 3 },
  { arbitrary: fc.record({ any: tagKey }), weight: 1 },
);

export function resolveTagKey(ref: TagKeyRef, world: World, poolId: string): string {
  if ("any" in ref) return ref.any;
  const keys = Object.keys(world.pool(poolId)?.tags ?? {});
  return keys.length === 0 ? `k${ref.existing}` : keys[ref.existing % keys.length]!;
}
