import fc from "fast-check";
import { idRef, resolveId } from "../arbitraries/refs.js";
import { defineOperation } from "../operation.js";

export const describeIdentityPool = defineOperation({
  op: "DescribeIdentityPool",
  weight: 2,
  params: fc.record({ pool: idRef }),
  input: ({ pool }, world) => ({ IdentityPoolId: resolveId(pool, world) }),
  mutates: false,
  needs: ["CreateIdentityPool"],
});
