// Pagination tokens to send: none, one an earlier answer gave (followed with the input that got
// it, or sent with another input), one of another operation, one altered (not issued here), or
// any string.
import fc from "fast-check";
import type { World } from "../world.js";
import { integerFor, stringFor } from "./strings.js";

export type TokenRef =
  | { none: true }
  | { earlier: number }
  | { elsewhere: number }
  | { foreign: number }
  | { altered: number }
  | { raw: string };

export const tokenRef: fc.Arbitrary<TokenRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.constant({ none: true as const }), weight: 6 },
  { arbitrary: fc.record({ earlier: fc.nat({ max: 10 }) }), weight: 4 },
  { arbitrary: fc.record({ elsewhere: fc.nat({ max: 10 }) }), weight: 1 },
  { arbitrary: fc.record({ foreign: fc.nat({ max: 10 }) }), weight: 1 },
  { arbitrary: fc.record({ altered: fc.nat({ max: 10 }) }), weight: 1 },
  { arbitrary: fc.record({ raw: stringFor("PaginationKey", { typicalMaxLength: 12 }) }), weight: 1 },
);

export interface ResolvedToken {
  NextToken?: string;
  /** The input of the call that got the token, when the token is followed. */
  earlier?: Readonly<Record<string, unknown>>;
}

const at = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

/** The operations that hand out pagination tokens. */
const pagingOperations = ["ListIdentityPools", "ListIdentities", "LookupDeveloperIdentity"];

export function resolveToken(ref: TokenRef, world: World, op: string): ResolvedToken {
  if ("raw" in ref) return { NextToken: ref.raw };
  if ("earlier" in ref) {
    const page = at(world.tokensOf(op), ref.earlier);
    return page ? { NextToken: page.token, earlier: page.input } : {};
  }
  if ("elsewhere" in ref) {
    const page = at(world.tokensOf(op), ref.elsewhere);
    return page ? { NextToken: page.token } : {};
  }
  if ("foreign" in ref) {
    const page = at(pagingOperations.filter((other) => other !== op).flatMap((other) => world.tokensOf(other)), ref.foreign);
    return page ? { NextToken: page.token } : {};
  }
  if ("altered" in ref) {
    const original = at(world.tokensOf(op), ref.altered)?.token;
    return original ? { NextToken: original.slice(0, -1) + (original.endsWith("0") ? "1" : "0") } : {};
  }
  return {};
}

/** MaxResults of a listing: small pages often (so listings have several), and the shape's edges. */
export const pageSize: fc.Arbitrary<number> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 3 },
  { arbitrary: integerFor("QueryLimit"), weight: 2 },
);
