// A structural diff of two outputs, guided by the output shape: lists compare item by item,
// map keys fold into `{}` in signatures, timestamps (and dates) compare within a tolerance, and
// list items about a resource an earlier divergence set apart are skipped.
import { shapeNamed, type Shape } from "../../model/shapes.js";
import { mentionsAny } from "../bijection.js";
import { formatValue } from "../report/format.js";

export interface OutputDifference {
  /** Normalized path and nature, e.g. `IdentityPools[]: length`. */
  facet: string;
  /** Concrete and readable, e.g. `IdentityPools: expected 1 item, got 2`. */
  line: string;
}

export interface DiffOptions {
  toleranceMs: number;
  /**
   * Values (ids) an earlier divergence set apart: list items that mention one are not compared
   * member by member (their differences are that divergence's cascade); list lengths still are.
   */
  masked: ReadonlySet<string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

function millis(v: unknown): number | undefined {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number") return v < 1e11 ? v * 1000 : v;
  if (typeof v === "string" && !Number.isNaN(Date.parse(v))) return Date.parse(v);
  return undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return millis(a) === millis(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

const join = (path: string, member: string) => (path ? `${path}.${member}` : member);
const shapeOf = (name: string | undefined): Shape | undefined => (name ? shapeNamed(name) : undefined);

export function diffOutputs(shapeName: string | undefined, expected: unknown, actual: unknown, options: DiffOptions): OutputDifference[] {
  const out: OutputDifference[] = [];
  walk(shapeOf(shapeName), expected, actual, "", "", options, out);
  return out;
}

function walk(shape: Shape | undefined, exp: unknown, act: unknown, path: string, norm: string, o: DiffOptions, out: OutputDifference[]): void {
  const where = path || "output";
  const nwhere = norm || "output";
  // Dates also stand for times inside opaque members (compare/opaque.ts): the same tolerance.
  if (shape?.type === "timestamp" || exp instanceof Date) {
    const a = millis(exp);
    const b = millis(act);
    if (a === undefined || b === undefined || Math.abs(a - b) > o.toleranceMs) {
      out.push({ facet: `${nwhere}: changed`, line: `${where}: expected ${formatValue(exp)}, got ${formatValue(act)}` });
    }
    return;
  }
  if (Array.isArray(exp) && Array.isArray(act)) {
    const e = exp;
    const a = act;
    const comparable = (i: number) => !mentionsAny(e[i], o.masked) && !mentionsAny(a[i], o.masked);
    if (e.length !== a.length) {
      out.push({
        facet: `${nwhere}: length`,
        line: `${where}: expected ${e.length} item${e.length === 1 ? "" : "s"}, got ${a.length}`,
      });
    }
    const itemShape = shapeOf(shape?.member?.shape);
    for (let i = 0; i < Math.min(e.length, a.length); i++) {
      if (comparable(i)) walk(itemShape, e[i], a[i], `${path}[${i}]`, `${norm}[]`, o, out);
    }
    return;
  }
  if (isRecord(exp) && isRecord(act)) {
    const isMap = shape?.type === "map";
    const keys = [...new Set([...Object.keys(exp), ...Object.keys(act)])];
    const extra: [string, unknown][] = [];
    for (const key of keys) {
      const e = exp[key];
      const a = act[key];
      const memberShape = shapeOf(isMap ? shape?.value?.shape : shape?.members?.[key]?.shape);
      const p = isMap ? `${path}[${JSON.stringify(key)}]` : join(path, key);
      const n = isMap ? `${norm}{}` : join(norm, key);
      if (e === undefined && a === undefined) continue;
      if (a === undefined) out.push({ facet: `${n}: missing`, line: `${p}: missing (expected ${formatValue(e)})` });
      else if (e === undefined) extra.push([p, a]);
      else walk(memberShape, e, a, p, n, o, out);
    }
    // Extra members fold into one facet per object (one cause usually adds several), told
    // apart only by whether they are all empty collections (echoed rather than kept).
    if (extra.length > 0) {
      const empty = extra.every(([, v]) => (Array.isArray(v) ? v.length === 0 : isRecord(v) && Object.keys(v).length === 0));
      out.push({
        facet: `${nwhere}: unexpected ${empty ? "empty member" : "member"}`,
        line: `unexpected ${extra.map(([p, v]) => `${p} = ${formatValue(v)}`).join(", ")}`,
      });
    }
    return;
  }
  if (!deepEqual(exp, act)) out.push({ facet: `${nwhere}: changed`, line: `${where}: expected ${formatValue(exp)}, got ${formatValue(act)}` });
}
