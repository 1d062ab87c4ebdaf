import fc from "fast-check";
import { arnRef, resolveArn } from "../arbitraries/refs.js";
import { defineOperation } from "../operation.js";

export const listTagsForResource = defineOperation({
  op: "ListTagsForResource",
  weight: 2,
  params: fc.record({ resource: arnRef }),
  input: ({ resource }, world) => ({ ResourceArn: resolveArn(resource, world) }),
  mutates: false,
  needs: ["CreateIdentityPool", "TagResource"],
});
