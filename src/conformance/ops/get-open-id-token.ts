import fc from "fast-check";
import { identityRef, resolveIdentity } from "../arbitraries/identities.js";
import { loginsRef, resolveLogins } from "../arbitraries/logins.js";
import { withoutUndefined } from "../arbitraries/pool-settings.js";
import { elsewhere } from "../arbitraries/refs.js";
import { openIdTokenView, viewing } from "../compare/opaque.js";
import { defineOperation, field } from "../operation.js";
import { liveIdentity } from "../requires.js";

export const getOpenIdToken = defineOperation({
  op: "GetOpenIdToken",
  weight: 3,
  params: fc.record({ identity: identityRef, logins: loginsRef(2, 8), elsewhere }),
  input: ({ identity, logins }, world) => {
    const id = resolveIdentity(identity, world);
    return withoutUndefined({ IdentityId: id, Logins: resolveLogins(logins, { world, poolId: world.poolOfIdentity(id), identityId: id }) });
  },
  elsewhere: ({ elsewhere }) => elsewhere,
  requires: liveIdentity,
  mutates: true,
  names: field("IdentityId"),
  openIdToken: field("Token"),
  view: viewing("Token", openIdTokenView),
  needs: ["CreateIdentityPool", "GetId"],
});
