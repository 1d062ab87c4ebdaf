// Preconditions of commands (OperationHarness.requires): a command is skipped while the run has
// nothing it could act on, so that the run's commands go where there is something to check.
import type { World } from "./world.js";

export const livePool = (world: World): boolean => world.live("pool").length > 0;

export const liveIdentity = (world: World): boolean => world.live("identity").length > 0;

/** A developer user identifier linked in some pool. */
export const linkedIdentifier = (world: World): boolean => world.live("pool").some((pool) => world.developerIdentifiers(pool).length > 0);

/** A pool with a developer provider. */
export const developerPool = (world: World): boolean => world.live("pool").some((pool) => world.pool(pool)?.developerProviderName !== undefined);
