import fc from "fast-check";
import { liveRef, resolveId } from "../arbitraries/refs.js";
import { defineOperation } from "../operation.js";
import { livePool } from "../requires.js";

export const getIdentityPoolRoles = defineOperation({
  op: "GetIdentityPoolRoles",
  weight: 1,
  params: fc.record({ pool: liveRef }),
  input: ({ pool }, world) => ({ IdentityPoolId: resolveId(pool, world) }),
  requires: livePool,
  mutates: false,
  needs: ["CreateIdentityPool", "SetIdentityPoolRoles"],
});
