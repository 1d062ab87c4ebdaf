import fc from "fast-check";
import { loginsRef, resolveLogins } from "../arbitraries/logins.js";
import { withoutUndefined } from "../arbitraries/pool-settings.js";
import { elsewhere, liveRef, referenceKey, resolveId } from "../arbitraries/refs.js";
import { sometimes, stringFor } from "../arbitraries/strings.js";
import { defineOperation, field } from "../operation.js";
import { livePool } from "../requires.js";

/** AccountId: the pool's account, another one, or outside the shape. */
const account = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constant({ own: true as const }), weight: 4 },
  { arbitrary: fc.record({ other: fc.oneof({ arbitrary: fc.constant("111122223333"), weight: 2 }, { arbitrary: stringFor("AccountId"), weight: 1 }) }), weight: 1 },
);

export const getId = defineOperation({
  op: "GetId",
  weight: 8,
  params: fc.record({ key: referenceKey, pool: liveRef, account: sometimes(account), logins: loginsRef(6), elsewhere }),
  input: ({ pool, account, logins }, world) => {
    const id = resolveId(pool, world);
    const accountId = account === undefined ? undefined : "own" in account ? world.account : account.other;
    return withoutUndefined({ IdentityPoolId: id, AccountId: accountId, Logins: resolveLogins(logins, { world, poolId: id }) });
  },
  elsewhere: ({ elsewhere }) => elsewhere,
  requires: livePool,
  mutates: true,
  creates: { kind: "identity", id: field("IdentityId"), key: ({ key }) => key },
  needs: ["CreateIdentityPool"],
});
