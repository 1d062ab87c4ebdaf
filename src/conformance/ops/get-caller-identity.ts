import fc from "fast-check";
import { roleSessionIdView } from "../compare/opaque.js";
import { defineOperation } from "../operation.js";

/** GetCallerIdentity signed with credentials issued earlier in the run (either flow's). */
export const getCallerIdentity = defineOperation({
  op: "GetCallerIdentity",
  service: "sts",
  weight: 5,
  params: fc.record({ credentials: fc.nat({ max: 9 }) }),
  input: () => ({}),
  signedWith: ({ credentials }, world) => world.credentials[credentials % world.credentials.length],
  requires: (world) => world.credentials.length > 0,
  mutates: false,
  view: (output) => ({ ...(output as Record<string, unknown>), UserId: roleSessionIdView((output as { UserId?: unknown }).UserId) }),
  needs: ["AssumeRoleWithWebIdentity", "GetCredentialsForIdentity"],
});
