import fc from "fast-check";
import { idRef, resolveId } from "../arbitraries/refs.js";
import { defineOperation, field } from "../operation.js";

export const deleteIdentityPool = defineOperation({
  op: "DeleteIdentityPool",
  weight: 1,
  params: fc.record({ pool: idRef }),
  input: ({ pool }, world) => ({ IdentityPoolId: resolveId(pool, world) }),
  mutates: true,
  deletes: { kind: "pool", id: field("IdentityPoolId") },
  needs: ["CreateIdentityPool"],
});
