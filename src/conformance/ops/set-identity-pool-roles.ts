import fc from "fast-check";
import { withoutUndefined } from "../arbitraries/pool-settings.js";
import { roleMappingKeyOf, roleMappingKeys } from "../arbitraries/providers.js";
import { liveRef, resolveId } from "../arbitraries/refs.js";
import { mappingKeyRef, resolveMappingKey, roleMapping, roles } from "../arbitraries/roles.js";
import { edgeCount, nonEmptyArray } from "../arbitraries/shrinking.js";
import { sometimes } from "../arbitraries/strings.js";
import { defineOperation } from "../operation.js";
import { livePool } from "../requires.js";

/** One or two mappings keyed by the pool's providers (or not), none, or more than the map allows. */
const mappings = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: nonEmptyArray(fc.record({ key: mappingKeyRef, mapping: roleMapping }), 2), weight: 8 },
  { arbitrary: fc.constant([]), weight: 1 },
  {
    arbitrary: edgeCount([11]).map((n) =>
      Array.from({ length: n }, (_, i) => ({ key: { unconfigured: `provider${i}.example.com` }, mapping: { Type: "Token", AmbiguousRoleResolution: "Deny" } })),
    ),
    weight: 1,
  },
);

export const setIdentityPoolRoles = defineOperation({
  op: "SetIdentityPoolRoles",
  weight: 4,
  params: fc.record({ pool: liveRef, roles, mappings: sometimes(mappings, 3, 2) }),
  input: ({ pool, roles, mappings }, world) => {
    const id = resolveId(pool, world);
    const settings = world.pool(id);
    const developer = settings?.developerProviderName;
    const logins = world.identitiesOf(id).flatMap((identity) => world.identity(identity)!.logins.filter((l) => l.provider !== developer));
    const used = [...new Set(logins.map((l) => roleMappingKeyOf(settings, l.provider)))];
    const configured = roleMappingKeys(settings);
    const RoleMappings = mappings && Object.fromEntries(mappings.map(({ key, mapping }) => [resolveMappingKey(key, used, configured), mapping]));
    return withoutUndefined({ IdentityPoolId: id, Roles: roles, RoleMappings });
  },
  requires: livePool,
  mutates: true,
  needs: ["CreateIdentityPool"],
});
