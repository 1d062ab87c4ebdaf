// One generic walker over the imported shapes. It first checks JSON types (what AWS reports as
// SerializationException while decoding), then collects every constraint violation into one
// ValidationException worded as AWS words it (spec/validation.md, rules VAL-*).
import { cognitoShapes, type Shape, type ShapeLookup } from "./shapes.js";
import { matchesPattern } from "./patterns.js";
import { modelError, type ModelError } from "./errors.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const jsonKind = (v: unknown): string =>
  Array.isArray(v) ? "list" : v === null ? "null" : typeof v === "object" ? "object" : typeof v;

const TOKEN_NAME: Record<string, string> = {
  string: "STRING_VALUE",
  number: "NUMBER_VALUE",
};

const TARGET_NAME: Record<string, string> = {
  string: "String",
  boolean: "Boolean",
  integer: "Integer",
  long: "Long",
  timestamp: "Date",
};

/** The SerializationException text for a JSON value of the wrong kind (VAL-12). */
function serializationMessage(expected: Shape["type"], value: unknown): string {
  const kind = jsonKind(value);
  if (kind === "list") return "Start of list found where not expected";
  if (kind === "object") return "Start of structure or map found where not expected.";
  if (expected === "list") return "Expected list or null";
  if (expected === "map") return "Expected map or null";
  if (expected === "structure") return "Expected structure or null";
  // The decoder names a JSON boolean by its token: TRUE_VALUE or FALSE_VALUE (VAL-12).
  const token = kind === "boolean" ? `${String(value).toUpperCase()}_VALUE` : TOKEN_NAME[kind];
  return `${token ?? "VALUE"} can not be converted to ${expected === "integer" ? "an" : "a"} ${TARGET_NAME[expected] ?? expected}`;
}

/** Checks JSON kinds against the shape; returns the first mismatch, as a decoder would (VAL-13, VAL-14, VAL-16). */
export function checkTypes(shapeName: string, value: unknown, shapes: ShapeLookup = cognitoShapes): ModelError | undefined {
  if (value === null || value === undefined) return undefined;
  const shape = shapes.shape(shapeName);
  const fail = () => modelError("SerializationException", serializationMessage(shape.type, value));
  switch (shape.type) {
    case "structure": {
      if (!isObject(value)) return fail();
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (!Object.prototype.hasOwnProperty.call(value, name)) continue;
        const err = checkTypes(ref.shape, value[name], shapes);
        if (err) return err;
      }
      return undefined;
    }
    case "map": {
      if (!isObject(value)) return fail();
      for (const v of Object.values(value)) {
        if (v === null) return modelError("SerializationException", "Null value in a map is not allowed.");
        const err = checkTypes(shape.value!.shape, v, shapes);
        if (err) return err;
      }
      return undefined;
    }
    case "list": {
      if (!Array.isArray(value)) return fail();
      for (const v of value) {
        if (v === null) return modelError("SerializationException", "Null value in a list is not allowed.");
        const err = checkTypes(shape.member!.shape, v, shapes);
        if (err) return err;
      }
      return undefined;
    }
    case "string":
      return typeof value === "string" ? undefined : fail();
    case "boolean":
      return typeof value === "boolean" ? undefined : fail();
    case "integer":
    case "long":
    case "timestamp":
      return typeof value === "number" && Number.isFinite(value) ? undefined : fail();
  }
}

/** VAL-19: the longest echo of one value or map key, in UTF-16 code units, before its `...`. */
export const ECHO_LIMIT = 65_536;
/** VAL-19: the longest ValidationException message, in UTF-16 code units, before its `...`. */
export const MESSAGE_LIMIT = 262_144;

/** VAL-19: `text` cut to `limit` code units and marked `...`, never between the halves of a surrogate pair. */
function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const high = text.charCodeAt(limit - 1);
  return `${text.slice(0, high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit)}...`;
}

interface RenderFrame {
  /** The list's items, or the map's keys. */
  readonly items: readonly unknown[];
  readonly map?: Record<string, unknown>;
  next: number;
}

/**
 * Java-style rendering of a value inside `Value '...'` (VAL-4), cut at `limit` (VAL-19). Iterative:
 * a value of any depth renders without exhausting the stack, and no more of it than the limit.
 */
export function renderValue(value: unknown, limit = ECHO_LIMIT): string {
  let out = "";
  const stack: RenderFrame[] = [];
  let pending: unknown = value;
  let hasPending = true;
  while (out.length <= limit) {
    if (hasPending) {
      hasPending = false;
      if (Array.isArray(pending)) {
        out += "[";
        stack.push({ items: pending, next: 0 });
      } else if (isObject(pending)) {
        out += "{";
        stack.push({ items: Object.keys(pending), map: pending, next: 0 });
      } else out += String(pending);
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) break;
    if (top.next === top.items.length) {
      out += top.map ? "}" : "]";
      stack.pop();
      continue;
    }
    if (top.next > 0) out += ", ";
    const item = top.items[top.next++];
    if (top.map) {
      out += `${item as string}=`;
      pending = top.map[item as string];
    } else pending = item;
    hasPending = true;
  }
  return clip(out, limit);
}

const lowerCamel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** Length of a string as Java counts it (UTF-16 code units), of a list, or of a map (VAL-17). */
const sizeOf = (value: unknown): number =>
  typeof value === "string" ? value.length : Array.isArray(value) ? value.length : isObject(value) ? Object.keys(value).length : 0;

/** The constraint texts of a scalar shape in the order AWS lists them inside `[...]` (max, min, pattern; VAL-9, VAL-10). */
function listedConstraints(shape: Shape): string[] {
  const out: string[] = [];
  const noun = shape.type === "integer" || shape.type === "long" ? "value" : "length";
  if (shape.max !== undefined) out.push(`Member must have ${noun} less than or equal to ${shape.max}`);
  if (shape.min !== undefined) out.push(`Member must have ${noun} greater than or equal to ${shape.min}`);
  if (shape.pattern !== undefined) out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.enum !== undefined) out.push(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
  return out;
}

/** The failed constraints of one scalar, list or map value, in AWS's order: min, pattern/enum, max (VAL-6, VAL-7). */
function failedOwnConstraints(shape: Shape, value: unknown): string[] {
  const failed: string[] = [];
  const numeric = shape.type === "integer" || shape.type === "long";
  const measure = numeric ? Math.trunc(value as number) : sizeOf(value);
  const noun = numeric ? "value" : "length";
  if (shape.min !== undefined && measure < shape.min) failed.push(`Member must have ${noun} greater than or equal to ${shape.min}`);
  if (shape.pattern !== undefined && typeof value === "string" && !matchesPattern(shape.pattern, value)) {
    failed.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
  if (shape.enum !== undefined && typeof value === "string" && !shape.enum.includes(value)) {
    failed.push(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
  }
  if (shape.max !== undefined && measure > shape.max) failed.push(`Member must have ${noun} less than or equal to ${shape.max}`);
  return failed;
}

const isScalar = (shape: Shape) => shape.type !== "structure" && shape.type !== "list" && shape.type !== "map";

function scalarFails(shape: Shape, value: unknown): boolean {
  return failedOwnConstraints(shape, value).length > 0;
}

/** One failed constraint: `Value <value> at '<path>' failed to satisfy constraint: <constraint>`. */
interface Violation {
  /** Absent for a missing required member (VAL-11). */
  readonly value?: unknown;
  readonly path: string;
  readonly constraint: string;
}

/** Collects the violations of one member. */
function violationsOf(shapeName: string, value: unknown, path: string, shapes: ShapeLookup): Violation[] {
  const shape = shapes.shape(shapeName);
  const at = (constraint: string): Violation => ({ value, path, constraint });
  const out = failedOwnConstraints(shape, value).map(at);
  switch (shape.type) {
    case "structure":
      return [...out, ...structureViolations(shape, value as Record<string, unknown>, path, shapes)];
    case "list": {
      const member = shapes.shape(shape.member!.shape);
      const items = value as unknown[];
      if (isScalar(member)) {
        if (items.some((item) => scalarFails(member, item))) {
          out.push(at(`Member must satisfy constraint: [${listedConstraints(member).join(", ")}]`));
        }
      } else {
        items.forEach((item, i) => out.push(...violationsOf(shape.member!.shape, item, `${path}.${i + 1}.member`, shapes)));
      }
      return out;
    }
    case "map": {
      const keyShape = shapes.shape(shape.key!.shape);
      const valueShape = shapes.shape(shape.value!.shape);
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.some(([k]) => scalarFails(keyShape, k))) {
        out.push(at(`Map key must satisfy constraint: [${listedConstraints(keyShape).join(", ")}]`));
      }
      if (isScalar(valueShape)) {
        if (entries.some(([, v]) => scalarFails(valueShape, v))) {
          out.push(at(`Map value must satisfy constraint: [${listedConstraints(valueShape).join(", ")}]`));
        }
      } else {
        for (const [k, v] of entries) out.push(...violationsOf(shape.value!.shape, v, `${path}.${clip(k, ECHO_LIMIT)}.member`, shapes));
      }
      return out;
    }
    default:
      return out;
  }
}

/** Members are reported in reverse model order, constraints of one member in AWS's order (VAL-6); null required members (VAL-11). */
function structureViolations(shape: Shape, value: Record<string, unknown>, prefix: string, shapes: ShapeLookup): Violation[] {
  const groups: Violation[][] = [];
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const path = prefix ? `${prefix}.${lowerCamel(name)}` : lowerCamel(name);
    const member = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
    if (member === undefined || member === null) {
      if (shape.required?.includes(name)) groups.push([{ path, constraint: "Member must not be null" }]);
      continue;
    }
    groups.push(violationsOf(ref.shape, member, path, shapes));
  }
  return groups.reverse().flat();
}

/**
 * VAL-3, VAL-4, VAL-19: the message listing `violations`. Texts are written only until the message
 * passes MESSAGE_LIMIT; a value failing several constraints is rendered once.
 */
function validationMessage(violations: readonly Violation[]): string {
  const count = violations.length === 1 ? "1 validation error detected" : `${violations.length} validation errors detected`;
  const rendered = new Map<unknown, string>();
  const render = (value: unknown) => {
    let text = rendered.get(value);
    if (text === undefined) rendered.set(value, (text = renderValue(value)));
    return text;
  };
  let message = `${count}: `;
  for (const [i, { value, path, constraint }] of violations.entries()) {
    if (i > 0) message += "; ";
    message += `Value ${value === undefined ? "null" : `'${render(value)}'`} at '${path}' failed to satisfy constraint: ${constraint}`;
    if (message.length > MESSAGE_LIMIT) return clip(message, MESSAGE_LIMIT);
  }
  return message;
}

/**
 * Validates an operation input against its input shape. Returns undefined when it is valid,
 * a SerializationException when a member has the wrong JSON kind, else a ValidationException
 * listing every failed constraint.
 */
export function validateInput(inputShape: string, input: unknown, shapes: ShapeLookup = cognitoShapes): ModelError | undefined {
  const value = input === undefined || input === null ? {} : input;
  const typeError = checkTypes(inputShape, value, shapes);
  if (typeError) return typeError;
  const violations = structureViolations(shapes.shape(inputShape), value as Record<string, unknown>, "", shapes);
  return violations.length === 0 ? undefined : modelError("ValidationException", validationMessage(violations));
}

/**
 * VAL-16: the input as the operation sees it: only the members its shape has, at every depth, own
 * properties only (nothing inherited), map keys kept as data whatever they are named. Call it on
 * an input that validateInput accepted.
 */
export function modeledInput(shapeName: string, value: unknown, shapes: ShapeLookup = cognitoShapes): unknown {
  if (value === null || value === undefined) return value;
  const shape = shapes.shape(shapeName);
  switch (shape.type) {
    case "structure": {
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (!Object.prototype.hasOwnProperty.call(value, name)) continue;
        const member = modeledInput(ref.shape, (value as Record<string, unknown>)[name], shapes);
        if (member !== undefined) out[name] = member;
      }
      return out;
    }
    case "list":
      return (value as unknown[]).map((item) => modeledInput(shape.member!.shape, item, shapes));
    case "map":
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, modeledInput(shape.value!.shape, v, shapes)]));
    default:
      return value;
  }
}

export type { Json };
