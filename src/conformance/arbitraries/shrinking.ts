// Arbitraries whose values shrink all the way, so that a reported case keeps only what its
// divergence needs. fast-check's own fall short in three ways that matter here:
// - `fc.oneof({ withCrossShrink: true }, ...)` offers its first arbitrary's value only on the
//   first shrink step: an optional member that was needed then is never dropped later;
// - an array (or dictionary) with `minLength` 1 or more never drops its last item, only
//   leading ones ([a, b] shrinks to [b], never to [a]);
// - a collection made from a count (`fc.constantFrom(50, 51).map(...)`) shrinks among those
//   counts only, so a pool keeps 50 user-pool providers when one would do.
import fc from "fast-check";

/**
 * `arb`, whose values other than `simplest` offer `simplest` first at every shrink step: an
 * optional member (`simplest` undefined) can be dropped as soon as nothing needs it any more.
 */
export function shrinkingTo<T>(arb: fc.Arbitrary<T>, simplest: T): fc.Arbitrary<T> {
  return new ShrinkingTo(arb, simplest);
}

const SIMPLEST: unique symbol = Symbol("simplest");

class ShrinkingTo<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly arb: fc.Arbitrary<T>,
    private readonly simplest: T,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return this.arb.generate(mrng, biasFactor);
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return Object.is(value, this.simplest) || this.arb.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    if (context === SIMPLEST || Object.is(value, this.simplest)) return fc.Stream.nil();
    const others = this.arb.shrink(value, context).filter((v) => !Object.is(v.value, this.simplest));
    return fc.Stream.of(new fc.Value(this.simplest, SIMPLEST)).join(others);
  }
}

/**
 * A count: one of `edges` (a quota and one past it, say), shrinking like an integer toward `min`,
 * so a collection built from it (with `.map`, which keeps shrinking) loses its needless items.
 */
export function edgeCount(edges: readonly number[], min = 0): fc.Arbitrary<number> {
  return new EdgeCount(fc.constantFrom(...edges), fc.integer({ min, max: Math.max(min, ...edges) }));
}

class EdgeCount extends fc.Arbitrary<number> {
  constructor(
    private readonly edges: fc.Arbitrary<number>,
    private readonly range: fc.Arbitrary<number>,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<number> {
    return new fc.Value(this.edges.generate(mrng, biasFactor).value, undefined);
  }

  canShrinkWithoutContext(value: unknown): value is number {
    return this.range.canShrinkWithoutContext(value);
  }

  shrink(value: number, context: unknown): fc.Stream<fc.Value<number>> {
    return this.range.shrink(value, context);
  }
}

/** One to `maxLength` items; shrinks to any one of them (see above: not `minLength: 1`). */
export const nonEmptyArray = <T>(arb: fc.Arbitrary<T>, maxLength: number): fc.Arbitrary<T[]> =>
  fc.array(arb, { maxLength }).filter((items) => items.length > 0);

/** One to `maxKeys` entries; shrinks to any one of them. */
export const nonEmptyDictionary = <V>(key: fc.Arbitrary<string>, value: fc.Arbitrary<V>, maxKeys: number): fc.Arbitrary<Record<string, V>> =>
  fc.dictionary(key, value, { maxKeys }).filter((entries) => Object.keys(entries).length > 0);
