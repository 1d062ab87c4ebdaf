// A small schema-as-data validator for plain JSON (state snapshots, WIRE-29): a schema describes a
// value, `firstProblem` walks value and schema together and names the first place they disagree,
// as a path (`snapshot.namespaces[0].pools[1].tags`) and a reason. Shapes of the service model
// (spec/shapes.json) are schemas too, so ids and names are checked against the model's own
// patterns and lengths.
import { matchesPattern } from "./patterns.js";
import type { Shape, ShapeLookup } from "./shapes.js";

/**
 * A further check of a value that passed its schema: undefined when it holds, else a reason, or a
 * reason about one of its members.
 */
export type Refinement = (value: never) => string | { member: string; reason: string } | undefined;

export type Schema = (
  | { type: "any" }
  /** Any JSON data (null, booleans, numbers, strings, lists, plain objects) nested at most `maxDepth` levels. */
  | { type: "json"; maxDepth: number }
  | { type: "string"; min?: number }
  | { type: "integer"; min: number; max: number }
  | { type: "number" }
  | { type: "boolean" }
  | { type: "literal"; value: string | number | boolean }
  | { type: "list"; item: Schema; min?: number }
  | { type: "tuple"; items: readonly Schema[] }
  | { type: "map"; key?: Schema; value: Schema }
  /** Members not listed are refused unless `rest` says what they may be; `optional` ones may be absent (or undefined). */
  | { type: "record"; members: Readonly<Record<string, Schema>>; optional?: readonly string[]; rest?: Schema }
  /** A shape of the service model; `nonEmpty` for lists and maps the model never stores empty. */
  | { type: "shape"; name: string; shapes: ShapeLookup; nonEmpty?: boolean }
) & { refine?: Refinement };

export interface Problem {
  path: string;
  reason: string;
}

const hasOwn = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);

/** Objects as JSON.parse makes them: no arrays, no class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `path.member`, or `path["odd key"]` when the member is not an identifier. */
export const memberPath = (path: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

const problem = (path: string, reason: string): Problem => ({ path, reason });

function wholeNumberReason(min: number, max: number): string {
  if (max === Number.MAX_SAFE_INTEGER) return min === Number.MIN_SAFE_INTEGER ? "expected a whole number" : `expected a whole number of at least ${min}`;
  return `expected a whole number from ${min} to ${max}`;
}

/** The first problem of `value` against `schema`, or undefined when it conforms. */
export function firstProblem(schema: Schema, value: unknown, path: string): Problem | undefined {
  const found = ownProblem(schema, value, path);
  if (found || !schema.refine) return found;
  const refused = schema.refine(value as never);
  if (refused === undefined) return undefined;
  return typeof refused === "string" ? problem(path, refused) : problem(memberPath(path, refused.member), refused.reason);
}

function ownProblem(schema: Schema, value: unknown, path: string): Problem | undefined {
  switch (schema.type) {
    case "any":
      return undefined;
    case "json":
      return jsonProblem(value, path, schema.maxDepth);
    case "string":
      if (typeof value !== "string") return problem(path, "expected a string");
      return value.length < (schema.min ?? 0) ? problem(path, "expected a non-empty string") : undefined;
    case "integer":
      return Number.isInteger(value) && (value as number) >= schema.min && (value as number) <= schema.max ? undefined : problem(path, wholeNumberReason(schema.min, schema.max));
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : problem(path, "expected a number");
    case "boolean":
      return typeof value === "boolean" ? undefined : problem(path, "expected true or false");
    case "literal":
      return value === schema.value ? undefined : problem(path, `expected ${JSON.stringify(schema.value)}`);
    case "list": {
      if (!Array.isArray(value)) return problem(path, "expected a list");
      if (value.length < (schema.min ?? 0)) return problem(path, `expected a list of at least ${schema.min} item${schema.min === 1 ? "" : "s"}`);
      for (let i = 0; i < value.length; i++) {
        const found = firstProblem(schema.item, value[i], `${path}[${i}]`);
        if (found) return found;
      }
      return undefined;
    }
    case "tuple": {
      if (!Array.isArray(value) || value.length !== schema.items.length) return problem(path, `expected a list of ${schema.items.length} items`);
      for (let i = 0; i < value.length; i++) {
        const found = firstProblem(schema.items[i]!, value[i], `${path}[${i}]`);
        if (found) return found;
      }
      return undefined;
    }
    case "map": {
      if (!isPlainObject(value)) return problem(path, "expected an object");
      for (const key of Object.keys(value)) {
        const at = memberPath(path, key);
        const keyProblem = schema.key && firstProblem(schema.key, key, at);
        if (keyProblem) return problem(at, `not a valid key: ${keyProblem.reason}`);
        const found = firstProblem(schema.value, value[key], at);
        if (found) return found;
      }
      return undefined;
    }
    case "record":
      return recordProblem(schema.members, schema.optional ?? [], schema.rest, value, path);
    case "shape":
      return shapeProblem(schema.shapes, schema.name, value, path, schema.nonEmpty === true);
  }
}

/** Plain JSON data no deeper than `depth` levels (the value itself is level 1), so that copying and writing it never run out of stack. */
function jsonProblem(value: unknown, path: string, depth: number): Problem | undefined {
  if (value === null || typeof value === "boolean" || typeof value === "string") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : problem(path, "expected a number");
  if (!Array.isArray(value) && !isPlainObject(value)) return problem(path, "expected JSON data");
  if (depth < 1) return problem(path, "nested too deep");
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = jsonProblem(value[i], `${path}[${i}]`, depth - 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const found = jsonProblem(value[key], memberPath(path, key), depth - 1);
    if (found) return found;
  }
  return undefined;
}

function recordProblem(members: Readonly<Record<string, Schema>>, optional: readonly string[], rest: Schema | undefined, value: unknown, path: string): Problem | undefined {
  if (!isPlainObject(value)) return problem(path, "expected an object");
  for (const [name, member] of Object.entries(members)) {
    const present = hasOwn(value, name) && value[name] !== undefined;
    if (!present) {
      if (optional.includes(name)) continue;
      return problem(memberPath(path, name), "missing");
    }
    const found = firstProblem(member, value[name], memberPath(path, name));
    if (found) return found;
  }
  for (const key of Object.keys(value)) {
    if (hasOwn(members, key) || value[key] === undefined) continue;
    if (!rest) return problem(memberPath(path, key), `unknown member (expected ${Object.keys(members).join(", ")})`);
    const found = firstProblem(rest, value[key], memberPath(path, key));
    if (found) return found;
  }
  return undefined;
}

function lengthReason(shape: Shape, name: string, noun: string): string {
  if (shape.min !== undefined && shape.max !== undefined) return `expected ${shape.min} to ${shape.max} ${noun} (${name})`;
  if (shape.min !== undefined) return `expected at least ${shape.min} ${noun} (${name})`;
  return `expected at most ${shape.max} ${noun} (${name})`;
}

const outside = (shape: Shape, size: number) => (shape.min !== undefined && size < shape.min) || (shape.max !== undefined && size > shape.max);

/** A value against a shape of the service model: JSON kind, then length, pattern and enum, at every depth. */
function shapeProblem(shapes: ShapeLookup, name: string, value: unknown, path: string, nonEmpty = false): Problem | undefined {
  const shape = shapes.shape(name);
  switch (shape.type) {
    case "string":
      if (typeof value !== "string") return problem(path, "expected a string");
      if (outside(shape, value.length)) return problem(path, lengthReason(shape, name, "characters"));
      if (shape.pattern !== undefined && !matchesPattern(shape.pattern, value)) return problem(path, `expected a string matching ${shape.pattern} (${name})`);
      if (shape.enum !== undefined && !shape.enum.includes(value)) return problem(path, `expected one of ${shape.enum.join(", ")} (${name})`);
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : problem(path, "expected true or false");
    case "integer":
    case "long":
      return Number.isInteger(value) && !outside(shape, value as number)
        ? undefined
        : problem(path, wholeNumberReason(shape.min ?? Number.MIN_SAFE_INTEGER, shape.max ?? Number.MAX_SAFE_INTEGER));
    case "timestamp":
      return typeof value === "number" && Number.isFinite(value) ? undefined : problem(path, "expected a number");
    case "list": {
      if (!Array.isArray(value)) return problem(path, "expected a list");
      if (nonEmpty && value.length === 0) return problem(path, "expected a non-empty list (an empty one is stored as none)");
      if (outside(shape, value.length)) return problem(path, lengthReason(shape, name, "items"));
      for (let i = 0; i < value.length; i++) {
        const found = shapeProblem(shapes, shape.member!.shape, value[i], `${path}[${i}]`);
        if (found) return found;
      }
      return undefined;
    }
    case "map": {
      if (!isPlainObject(value)) return problem(path, "expected an object");
      const keys = Object.keys(value);
      if (nonEmpty && keys.length === 0) return problem(path, "expected a non-empty object (an empty one is stored as none)");
      if (outside(shape, keys.length)) return problem(path, lengthReason(shape, name, "entries"));
      for (const key of keys) {
        const at = memberPath(path, key);
        const keyProblem = shapeProblem(shapes, shape.key!.shape, key, at);
        if (keyProblem) return problem(at, `not a valid key: ${keyProblem.reason}`);
        const found = shapeProblem(shapes, shape.value!.shape, value[key], at);
        if (found) return found;
      }
      return undefined;
    }
    case "structure": {
      const members: Record<string, Schema> = {};
      for (const [member, ref] of Object.entries(shape.members ?? {})) members[member] = { type: "shape", name: ref.shape, shapes };
      const optional = Object.keys(members).filter((member) => !(shape.required ?? []).includes(member));
      return recordProblem(members, optional, undefined, value, path);
    }
  }
}
