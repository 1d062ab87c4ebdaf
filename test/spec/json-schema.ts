// A JSON Schema checker for the keywords spec/init.schema.json uses (draft 2020-12), so the schema
// can be tested without a validator dependency. An unknown keyword is an error, not ignored.
type JsonSchema = Record<string, unknown>;

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description"]);
const KEYWORDS = new Set([
  ...ANNOTATIONS, "$defs", "$ref", "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
  "minLength", "maxLength", "pattern", "enum", "const", "maxProperties", "propertyNames",
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);
const typeMatches = (want: string, v: unknown) => want === typeOf(v) || (want === "number" && typeof v === "number");

/** The errors of `value` against `schema`, as `path: reason`; none when it conforms. */
export function schemaErrors(root: JsonSchema, value: unknown, schema: JsonSchema = root, path = "$"): string[] {
  for (const key of Object.keys(schema)) if (!KEYWORDS.has(key)) throw new Error(`unsupported keyword ${key} at ${path}`);
  if (typeof schema.$ref === "string") {
    const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name === undefined ? undefined : (root.$defs as Record<string, JsonSchema>)[name];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    return schemaErrors(root, value, target, path);
  }
  const errors: string[] = [];
  const fail = (reason: string) => errors.push(`${path}: ${reason}`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(t, value))) return [`${path}: expected ${types.join(" or ")}`];
  }
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) fail(`expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) fail(`expected one of ${schema.enum.join(", ")}`);
  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof schema.minLength === "number" && length < schema.minLength) fail(`shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === "number" && length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) fail(`does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) fail(`more than ${schema.maxItems} items`);
    if (isObject(schema.items)) value.forEach((item, i) => errors.push(...schemaErrors(root, item, schema.items as JsonSchema, `${path}[${i}]`)));
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of (schema.required ?? []) as string[]) if (!(name in value)) fail(`missing ${name}`);
    if (typeof schema.maxProperties === "number" && Object.keys(value).length > schema.maxProperties) fail(`more than ${schema.maxProperties} members`);
    for (const [name, member] of Object.entries(value)) {
      const at = `${path}.${name}`;
      if (isObject(schema.propertyNames)) errors.push(...schemaErrors(root, name, schema.propertyNames as JsonSchema, `${at} (name)`));
      if (name in properties) errors.push(...schemaErrors(root, member, properties[name]!, at));
      else if (schema.additionalProperties === false) errors.push(`${at}: not allowed`);
      else if (isObject(schema.additionalProperties)) errors.push(...schemaErrors(root, member, schema.additionalProperties as JsonSchema, at));
    }
  }
  return errors;
}
