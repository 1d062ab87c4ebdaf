import fc from "fast-check";
import { developerProviderName, poolSettings, withoutUndefined } from "../arbitraries/pool-settings.js";
import { idRef, resolveId } from "../arbitraries/refs.js";
import { defineOperation } from "../operation.js";

/** The developer provider name cannot change once set: send the pool's own, a new one, or none. */
const developer = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constant({ keep: "omit" as const }), weight: 4 },
  { arbitrary: fc.constant({ keep: "same" as const }), weight: 1 },
  { arbitrary: fc.record({ keep: fc.constant("new" as const), name: developerProviderName }), weight: 1 },
);

export const updateIdentityPool = defineOperation({
  op: "UpdateIdentityPool",
  weight: 2,
  params: fc.record({ pool: idRef, settings: poolSettings, developer }),
  input: ({ pool, settings, developer }, world) => {
    const id = resolveId(pool, world);
    const { DeveloperProviderName: _, ...rest } = settings;
    const current = world.pool(id)?.developerProviderName;
    const name = developer.keep === "new" ? developer.name : developer.keep === "same" ? current : undefined;
    return withoutUndefined({ IdentityPoolId: id, ...rest, DeveloperProviderName: name });
  },
  mutates: true,
  needs: ["CreateIdentityPool"],
});
