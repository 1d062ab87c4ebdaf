import fc from "fast-check";
import { poolSettings } from "../arbitraries/pool-settings.js";
import { referenceKey } from "../arbitraries/refs.js";
import { defineOperation, field } from "../operation.js";

export const createIdentityPool = defineOperation({
  op: "CreateIdentityPool",
  weight: 8,
  params: fc.record({ key: referenceKey, settings: poolSettings }),
  input: ({ settings }) => settings,
  mutates: true,
  creates: { kind: "pool", id: field("IdentityPoolId"), key: ({ key }) => key },
});
