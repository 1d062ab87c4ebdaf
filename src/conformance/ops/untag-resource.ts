import fc from "fast-check";
import { arnRef, resolveArn } from "../arbitraries/refs.js";
import { resolveTagKey, tagKeyRef } from "../arbitraries/tags.js";
import { defineOperation } from "../operation.js";

export const untagResource = defineOperation({
  op: "UntagResource",
  weight: 2,
  params: fc.record({ resource: arnRef, keys: fc.array(tagKeyRef, { maxLength: 3 }) }),
  input: ({ resource, keys }, world) => {
    const arn = resolveArn(resource, world);
    const poolId = arn.slice(arn.indexOf("/") + 1);
    return { ResourceArn: arn, TagKeys: [...new Set(keys.map((k) => resolveTagKey(k, world, poolId)))] };
  },
  mutates: true,
  needs: ["CreateIdentityPool", "TagResource"],
});
