// What clients send, taken as data: a key is data whatever it is named, never a member of
// Object.prototype (VAL-18); a value is measured however deep it nests (VAL-20, WIRE-27).

/** A JSON object (not null, not a list). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** `record[key]` when the record has that key of its own, else undefined. */
export const ownValue = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined => (hasOwn(record, key) ? record[key] : undefined);

/** `record[key] = value` as an own data property; an assignment to `__proto__` would set the prototype instead. */
export function setOwn<V>(record: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * VAL-20, WIRE-27: the deepest nesting of objects and lists taken from outside (request bodies,
 * trust policies). The service model's deepest input, SetIdentityPoolRoles (the input, RoleMappings,
 * a mapping, RulesConfiguration, Rules, a rule), is 6 levels.
 */
export const MAX_NESTING = 64;

/** Whether `value` nests objects and lists more than `limit` levels deep. Iterative: any depth is measured. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, depth] = top;
    if (typeof v !== "object" || v === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
