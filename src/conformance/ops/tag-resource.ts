import fc from "fast-check";
import { arnRef, resolveArn } from "../arbitraries/refs.js";
import { tagMap } from "../arbitraries/tags.js";
import { defineOperation } from "../operation.js";

export const tagResource = defineOperation({
  op: "TagResource",
  weight: 2,
  params: fc.record({ resource: arnRef, tags: tagMap }),
  input: ({ resource, tags }, world) => ({ ResourceArn: resolveArn(resource, world), Tags: tags }),
  mutates: true,
  needs: ["CreateIdentityPool"],
});
