import fc from "fast-check";
import { elsewhere, idRef, resolveId } from "../arbitraries/refs.js";
import { defineOperation } from "../operation.js";

export const describeIdentityPool = defineOperation({
  op: "DescribeIdentityPool",
  weight: 2,
  params: fc.record({ pool: idRef, elsewhere }),
  input: ({ pool }, world) => ({ IdentityPoolId: resolveId(pool, world) }),
  elsewhere: ({ elsewhere }) => elsewhere,
  mutates: false,
  needs: ["CreateIdentityPool"],
});
