// Strings and numbers for a member, driven by its shape in spec/shapes.json: mostly valid
// values, plus the edges that matter (length 0, 1, max, max+1; a character outside the pattern).
import fc from "fast-check";
import { matchesPattern } from "../../model/patterns.js";
import { shapeNamed } from "../../model/shapes.js";
import { shrinkingTo } from "./shrinking.js";

const ALNUM = [..."abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"];
const SYMBOLS = [..." _-.,;:/=+@#!$%&*()[]{}|\\'\"<>?~`^", "\t"];
// Outside ASCII: Java's \w and \s are ASCII-only, Python's and JavaScript's \s are not.
const UNICODE = ["é", "ß", "中", "\u00a0", "\u2003"];

const fits = (pattern: string | undefined, c: string) => pattern === undefined || matchesPattern(pattern, c);

/** Lower case and digits first: shrinking goes to the first character, keep it readable. */
const charactersMatching = (pattern?: string) => [...ALNUM, ...SYMBOLS, ...UNICODE].filter((c) => fits(pattern, c));
const charactersOutside = (pattern?: string) => [...SYMBOLS, ...UNICODE].filter((c) => !fits(pattern, c));

/** Absent most of the time: optional members stay optional, and inputs stay readable. Shrinks to absent. */
export const sometimes = <T>(arb: fc.Arbitrary<T>, present = 1, absent = 3): fc.Arbitrary<T | undefined> =>
  shrinkingTo<T | undefined>(fc.oneof({ arbitrary: fc.constant(undefined), weight: absent }, { arbitrary: arb, weight: present }), undefined);

/** Present almost always: a required member left out now and then. */
export const mostly = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ withCrossShrink: true }, { arbitrary: arb, weight: 30 }, { arbitrary: fc.constant(undefined), weight: 1 });

export interface StringOptions {
  /** The typical valid value; short strings of the pattern's characters by default. */
  typical?: fc.Arbitrary<string>;
  typicalMaxLength?: number;
  /** Relative weight of each edge value against 20 for the typical one. */
  edgeWeight?: number;
}

export function stringFor(shapeName: string, options: StringOptions = {}): fc.Arbitrary<string> {
  const shape = shapeNamed(shapeName);
  const min = shape.min ?? 0;
  const max = shape.max;
  const good = charactersMatching(shape.pattern);
  const bad = charactersOutside(shape.pattern);
  const plain = good.filter((c) => ALNUM.includes(c));
  const unit = fc.oneof({ arbitrary: fc.constantFrom(...plain), weight: 8 }, { arbitrary: fc.constantFrom(...good), weight: 1 });
  const typical =
    options.typical ??
    fc.string({ unit, minLength: Math.max(min, 1), maxLength: Math.max(min, 1, Math.min(max ?? 8, options.typicalMaxLength ?? 8)) });
  const w = options.edgeWeight ?? 1;
  const fill = plain[0] ?? "a";
  const edges: fc.WeightedArbitrary<string>[] = [{ arbitrary: fc.constant(min > 0 ? fill.repeat(min - 1) : ""), weight: w }];
  if (max !== undefined) {
    edges.push({ arbitrary: fc.constant(fill.repeat(max)), weight: w }, { arbitrary: fc.constant(fill.repeat(max + 1)), weight: w });
  }
  if (bad.length > 0) {
    edges.push({ arbitrary: fc.tuple(typical, fc.constantFrom(...bad)).map(([s, c]) => s + c), weight: w });
  }
  return fc.oneof({ withCrossShrink: true }, { arbitrary: typical, weight: 20 }, ...edges);
}

/** Integers of a bounded shape: mostly in range, both bounds, and one step outside each. */
export function integerFor(shapeName: string): fc.Arbitrary<number> {
  const shape = shapeNamed(shapeName);
  const min = shape.min ?? 0;
  const max = shape.max ?? 2 ** 31 - 1;
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.integer({ min, max }), weight: 12 },
    { arbitrary: fc.constantFrom(min, max), weight: 3 },
    { arbitrary: fc.constantFrom(min - 1, max + 1), weight: 2 },
  );
}
