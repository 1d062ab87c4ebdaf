// A persistent map from string keys to values that know their key, stored in a PMap under a 52-bit
// hash of the key. Comparing numbers inside the B-tree touches no string, so a lookup among a
// million entries costs about what it costs among a thousand (bench/identities.bench.ts); values
// whose keys share a hash sit together in a Bucket, so a collision never loses or confuses a value.
import { PMap } from "./pmap.js";

class Bucket<V> {
  constructor(readonly values: readonly V[]) {}
}

/** FNV-1a twice (two offsets), combined into an integer below 2^52. */
export function hash52(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

export class PHash<V extends object> {
  private constructor(
    private readonly entries: PMap<number, V | Bucket<V>>,
    private readonly keyOf: (value: V) => string,
    private readonly hash: (key: string) => number,
    readonly size: number,
  ) {}

  /** `hash` is for tests that need collisions. */
  static empty<V extends object>(keyOf: (value: V) => string, hash: (key: string) => number = hash52): PHash<V> {
    return new PHash<V>(PMap.empty(), keyOf, hash, 0);
  }

  static fromValues<V extends object>(keyOf: (value: V) => string, values: Iterable<V>): PHash<V> {
    let map = PHash.empty(keyOf);
    for (const v of values) map = map.set(v);
    return map;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(this.hash(key));
    if (entry instanceof Bucket) return entry.values.find((v) => this.keyOf(v) === key);
    return entry !== undefined && this.keyOf(entry) === key ? entry : undefined;
  }

  /** Adds the value, or replaces the value with the same key. */
  set(value: V): PHash<V> {
    const key = this.keyOf(value);
    const h = this.hash(key);
    const entry = this.entries.get(h);
    if (entry === undefined) return new PHash(this.entries.set(h, value), this.keyOf, this.hash, this.size + 1);
    const others = (entry instanceof Bucket ? entry.values : [entry]).filter((v) => this.keyOf(v) !== key);
    const replaced = others.length < (entry instanceof Bucket ? entry.values.length : 1);
    const next = others.length === 0 ? value : new Bucket([...others, value]);
    return new PHash(this.entries.set(h, next), this.keyOf, this.hash, this.size + (replaced ? 0 : 1));
  }

  delete(key: string): PHash<V> {
    const h = this.hash(key);
    const entry = this.entries.get(h);
    if (entry === undefined) return this;
    const values = entry instanceof Bucket ? entry.values : [entry];
    const others = values.filter((v) => this.keyOf(v) !== key);
    if (others.length === values.length) return this;
    const entries = others.length === 0 ? this.entries.delete(h) : this.entries.set(h, others.length === 1 ? others[0]! : new Bucket(others));
    return new PHash(entries, this.keyOf, this.hash, this.size - 1);
  }

  values(): V[] {
    return this.entries.values().flatMap((e) => (e instanceof Bucket ? e.values : [e]));
  }
}
