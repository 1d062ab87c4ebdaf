// A persistent sorted map: every update returns a new map and leaves the old one untouched, at
// O(log n) cost (a copy-on-write B+ tree), so state snapshots are free and steps stay flat as
// collections grow (bench/model.bench.ts measures it).
import * as btree from "sorted-btree";
type BTree<K, V> = btree.default<K, V>;
type BTreeConstructor = new <K, V>(entries?: [K, V][]) => BTree<K, V>;

// sorted-btree is CommonJS with `exports.default`; Node's ESM loader and bundlers disagree on
// where that lands, so look in both places.
const moduleObject = btree as unknown as { default: BTreeConstructor | { default: BTreeConstructor } };
const BTreeClass: BTreeConstructor =
  typeof moduleObject.default === "function" ? moduleObject.default : moduleObject.default.default;

export class PMap<K extends string | number, V> {
  private constructor(private readonly tree: BTree<K, V>) {}

  static empty<K extends string | number, V>(): PMap<K, V> {
    return new PMap<K, V>(new BTreeClass<K, V>());
  }

  static fromEntries<K extends string | number, V>(entries: Iterable<[K, V]>): PMap<K, V> {
    return new PMap<K, V>(new BTreeClass<K, V>([...entries]));
  }

  get size(): number {
    return this.tree.size;
  }

  get(key: K): V | undefined {
    return this.tree.get(key);
  }

  has(key: K): boolean {
    return this.tree.has(key);
  }

  set(key: K, value: V): PMap<K, V> {
    return new PMap<K, V>(this.tree.with(key, value, true) as BTree<K, V>);
  }

  delete(key: K): PMap<K, V> {
    return new PMap<K, V>(this.tree.without(key));
  }

  /** The entry with the greatest key at or below `key`. */
  atOrBefore(key: K): [K, V] | undefined {
    return this.tree.getPairOrNextLower(key);
  }

  /** The entry with the least key. */
  first(): [K, V] | undefined {
    return this.tree.size === 0 ? undefined : this.tree.getPairOrNextHigher(this.tree.minKey() as K);
  }

  /** Entries in key order, starting at the first key strictly greater than `after` (all when undefined). */
  *entriesAfter(after?: K): IterableIterator<[K, V]> {
    if (this.tree.size === 0) return;
    let pair = after === undefined ? this.tree.getPairOrNextHigher(this.tree.minKey() as K) : this.tree.nextHigherPair(after);
    while (pair) {
      yield [pair[0], pair[1]];
      pair = this.tree.nextHigherPair(pair[0]);
    }
  }

  entries(): [K, V][] {
    return this.tree.toArray();
  }

  values(): V[] {
    return this.tree.valuesArray();
  }
}
