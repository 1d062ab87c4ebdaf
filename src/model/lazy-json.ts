// JSON written in pieces (WIRE-30): a view of a value whose long lists are LazyLists, their items
// made one at a time as they are written, so writing a snapshot of a large state needs neither
// one string of it nor a copy of the state. JSON.stringify of a view gives exactly the text that
// jsonChunks yields piece by piece.

/** A JSON array whose items are made when it is written; the state behind it is immutable, so each writing sees the same items. */
export class LazyList<T> {
  readonly #items: () => Iterable<T>;
  constructor(items: () => Iterable<T>) {
    this.#items = items;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.#items()[Symbol.iterator]();
  }

  toJSON(): T[] {
    return Array.from(this);
  }
}

/** `map` of each item, as they are taken. */
export function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U, void, undefined> {
  for (const item of items) yield map(item);
}

/** An object that holds LazyLists at some depth: jsonChunks writes it member by member. */
export class LazyRecord {
  constructor(members: Record<string, unknown>) {
    Object.assign(this, members);
  }
}

/** The JSON text of `value`, as JSON.stringify writes it, in pieces: LazyLists item by item, LazyRecords member by member. */
export function* jsonChunks(value: unknown): Generator<string, void, undefined> {
  if (value instanceof LazyList) {
    yield "[";
    let first = true;
    for (const item of value as LazyList<unknown>) {
      if (!first) yield ",";
      first = false;
      // As in JSON.stringify, an item that has no JSON text is written as null.
      if (item instanceof LazyList || item instanceof LazyRecord) yield* jsonChunks(item);
      else yield JSON.stringify(item) ?? "null";
    }
    yield "]";
  } else if (value instanceof LazyRecord) {
    yield "{";
    let first = true;
    for (const [key, member] of Object.entries(value)) {
      if (member instanceof LazyList || member instanceof LazyRecord) {
        yield `${first ? "" : ","}${JSON.stringify(key)}:`;
        yield* jsonChunks(member);
      } else {
        const text = JSON.stringify(member);
        // Members without JSON text (undefined, functions) are left out, as JSON.stringify leaves them.
        if (text === undefined) continue;
        yield `${first ? "" : ","}${JSON.stringify(key)}:${text}`;
      }
      first = false;
    }
    yield "}";
  } else {
    yield JSON.stringify(value) ?? "null";
  }
}
