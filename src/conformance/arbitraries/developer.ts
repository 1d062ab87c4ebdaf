// What the developer operations name: a pool with a developer provider, the provider's name, and
// developer user identifiers. Identifiers come from a small shared set, so that commands name the
// same developer user and their owners collide.
import fc from "fast-check";
import type { World } from "../world.js";
import { liveRef, referenceKey, resolveId, type IdRef } from "./refs.js";
import { stringFor } from "./strings.js";

/** Mostly a live pool with a developer provider (the developer operations need one), else any reference. */
export type DeveloperPoolRef = { withDeveloper: number } | { any: IdRef };

export const developerPoolRef: fc.Arbitrary<DeveloperPoolRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ withDeveloper: referenceKey }), weight: 3 },
  { arbitrary: fc.record({ any: liveRef }), weight: 1 },
);

export function resolveDeveloperPool(ref: DeveloperPoolRef, world: World): string {
  if ("any" in ref) return resolveId(ref.any, world);
  const having = new Set(world.live("pool").filter((id) => world.pool(id)?.developerProviderName !== undefined));
  return world.nearest("pool", ref.withDeveloper, "live", having) ?? resolveId({ live: ref.withDeveloper }, world);
}

const IDENTIFIERS = 5;

export type IdentifierRef =
  | { name: number }
  | { linked: number }
  | { ofIdentity: number }
  /** Linked to another identity than the one given (a merge's destination: another than the source's). */
  | { elsewhere: number }
  | { edge: "empty" | "longest" | "tooLong" };

/** `linked`: the weight of identifiers linked in the pool, against 6 for names of the shared set. */
export const identifierRefWith = (linked: number): fc.Arbitrary<IdentifierRef> =>
  fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.record({ name: fc.nat({ max: IDENTIFIERS - 1 }) }), weight: 6 },
    { arbitrary: fc.record({ linked: fc.nat({ max: 9 }) }), weight: linked },
    { arbitrary: fc.record({ ofIdentity: fc.nat({ max: 9 }) }), weight: 2 },
    { arbitrary: fc.record({ edge: fc.constantFrom("empty" as const, "longest" as const, "tooLong" as const) }), weight: 1 },
  );

export const identifierRef = identifierRefWith(4);

/** A developer user identifier; `identityId` is the identity the command names, if any. */
export function resolveIdentifier(ref: IdentifierRef, world: World, poolId: string, identityId?: string): string {
  if ("name" in ref) return `d${ref.name}`;
  if ("edge" in ref) return ref.edge === "empty" ? "" : "d".repeat(ref.edge === "longest" ? 1024 : 1025);
  const provider = world.pool(poolId)?.developerProviderName;
  const all = world.developerIdentifiers(poolId);
  const own = identityId === undefined ? [] : (world.identity(identityId)?.logins ?? []).filter((l) => l.provider === provider).map((l) => l.subject);
  const candidates = "ofIdentity" in ref ? own : "elsewhere" in ref ? all.filter((i) => !own.includes(i)) : all;
  const from = candidates.length > 0 ? candidates : all;
  const n = "linked" in ref ? ref.linked : "ofIdentity" in ref ? ref.ofIdentity : ref.elsewhere;
  return from.length === 0 ? `d${n % IDENTIFIERS}` : from[n % from.length]!;
}

/** The identity a developer user identifier is linked to in a pool, if any. */
export function ownerOfIdentifier(world: World, poolId: string, identifier: string): string | undefined {
  const provider = world.pool(poolId)?.developerProviderName;
  return world.identitiesOf(poolId).find((id) => world.identity(id)!.logins.some((l) => l.provider === provider && l.subject === identifier));
}

/** The developer provider name a command sends: the pool's own, another, or one outside its shape. */
export type ProviderRef = { ofPool: true } | { other: string };

export const providerRef: fc.Arbitrary<ProviderRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constant({ ofPool: true as const }), weight: 10 },
  { arbitrary: fc.record({ other: fc.oneof({ arbitrary: fc.constant("login.other.example"), weight: 2 }, { arbitrary: stringFor("DeveloperProviderName"), weight: 1 }) }), weight: 1 },
);

export function resolveProvider(ref: ProviderRef, world: World, poolId: string): string {
  return "other" in ref ? ref.other : (world.pool(poolId)?.developerProviderName ?? "login.cim.example");
}
