import fc from "fast-check";
import { identityRef, resolveIdentity } from "../arbitraries/identities.js";
import { defineOperation } from "../operation.js";
import { liveIdentity } from "../requires.js";

export const describeIdentity = defineOperation({
  op: "DescribeIdentity",
  weight: 2,
  params: fc.record({ identity: identityRef }),
  input: ({ identity }, world) => ({ IdentityId: resolveIdentity(identity, world) }),
  requires: liveIdentity,
  mutates: false,
  needs: ["CreateIdentityPool", "GetId"],
});
