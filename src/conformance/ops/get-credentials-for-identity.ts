import fc from "fast-check";
import { identityRef, resolveIdentity } from "../arbitraries/identities.js";
import { loginsRef, resolveLogins } from "../arbitraries/logins.js";
import { withoutUndefined } from "../arbitraries/pool-settings.js";
import { elsewhere } from "../arbitraries/refs.js";
import { roleArn } from "../arbitraries/roles.js";
import { sometimes } from "../arbitraries/strings.js";
import { credentialsView, issuedCredentials, viewing } from "../compare/opaque.js";
import { defineOperation, field } from "../operation.js";
import { liveIdentity } from "../requires.js";

export const getCredentialsForIdentity = defineOperation({
  op: "GetCredentialsForIdentity",
  weight: 4,
  params: fc.record({ identity: identityRef, logins: loginsRef(2, 8), customRoleArn: sometimes(roleArn), elsewhere }),
  input: ({ identity, logins, customRoleArn }, world) => {
    const id = resolveIdentity(identity, world);
    const Logins = resolveLogins(logins, { world, poolId: world.poolOfIdentity(id), identityId: id });
    return withoutUndefined({ IdentityId: id, Logins, CustomRoleArn: customRoleArn });
  },
  elsewhere: ({ elsewhere }) => elsewhere,
  requires: liveIdentity,
  mutates: true,
  names: field("IdentityId"),
  view: viewing("Credentials", credentialsView),
  issuesCredentials: issuedCredentials,
  needs: ["CreateIdentityPool", "GetId", "SetIdentityPoolRoles", "GetOpenIdTokenForDeveloperIdentity"],
});
