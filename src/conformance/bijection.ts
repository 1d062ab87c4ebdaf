// The run's correspondence between values the model generated and values the target
// generated for the same thing (ids, pagination tokens), one to one, in both directions.
// Ids also appear inside longer strings (ARNs, messages), so they are replaced there too.

export type Side = "model" | "target";

export class Bijection {
  private readonly toTargetMap = new Map<string, string>();
  private readonly toModelMap = new Map<string, string>();
  /** Values replaced inside longer strings, per side. */
  private readonly embedded: Record<Side, string[]> = { model: [], target: [] };

  /**
   * Records a pair of ids; returns why it cannot be recorded when either side already stands
   * for something else. Ids are also replaced inside longer strings.
   */
  pairIds(model: string, target: string): string | undefined {
    const knownTarget = this.toTargetMap.get(model);
    const knownModel = this.toModelMap.get(target);
    if (knownTarget === target) return undefined;
    if (knownTarget !== undefined) return `model value ${model} already stands for target value ${knownTarget}`;
    if (knownModel !== undefined) return `target value ${target} already stands for model value ${knownModel}`;
    this.toTargetMap.set(model, target);
    this.toModelMap.set(target, model);
    this.embedded.model.push(model);
    this.embedded.target.push(target);
    return undefined;
  }

  /**
   * Records a pair of opaque tokens. Not one to one: the model hands out the same token for
   * the same position, a target may hand out a fresh one each time; the latest one is sent.
   * `embedded`: also replaced inside longer strings (a message that echoes a login token).
   */
  pairTokens(model: string, target: string, embedded = false): void {
    this.toTargetMap.set(model, target);
    this.toModelMap.set(target, model);
    if (!embedded) return;
    if (!this.embedded.model.includes(model)) this.embedded.model.push(model);
    if (!this.embedded.target.includes(target)) this.embedded.target.push(target);
  }

  toTarget<T>(value: T): T {
    return this.translate(value, this.toTargetMap, this.embedded.model) as T;
  }

  /**
   * `sent`: the model-side input of the command answered. A target value that stands for several
   * model values (a target may hand out one token where the model hands out two) is read as the
   * one the command sent.
   */
  toModel<T>(value: T, sent?: unknown): T {
    let map = this.toModelMap;
    for (const model of sent === undefined ? [] : stringsIn(sent)) {
      const target = this.toTargetMap.get(model);
      if (target === undefined || map.get(target) === model) continue;
      if (map === this.toModelMap) map = new Map(map);
      map.set(target, model);
    }
    return this.translate(value, map, this.embedded.target) as T;
  }

  private translate(value: unknown, map: ReadonlyMap<string, string>, embedded: string[]): unknown {
    if (typeof value === "string") return this.translateString(value, map, embedded);
    if (Array.isArray(value)) return value.map((v) => this.translate(v, map, embedded));
    if (value === null || typeof value !== "object" || value instanceof Date) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.translate(v, map, embedded)]));
  }

  private translateString(s: string, map: ReadonlyMap<string, string>, embedded: string[]): string {
    const exact = map.get(s);
    if (exact !== undefined) return exact;
    let out = s;
    for (const from of embedded) if (out.includes(from)) out = out.split(from).join(map.get(from)!);
    return out;
  }
}

/** Every string inside `value`. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(stringsIn);
}

/** Whether any string inside `value` contains one of `needles`. */
export function mentionsAny(value: unknown, needles: ReadonlySet<string>): boolean {
  if (needles.size === 0) return false;
  if (typeof value === "string") {
    for (const n of needles) if (value.includes(n)) return true;
    return false;
  }
  if (Array.isArray(value)) return value.some((v) => mentionsAny(v, needles));
  if (value === null || typeof value !== "object") return false;
  return Object.values(value).some((v) => mentionsAny(v, needles));
}

/** The members of `candidates` that occur inside `value`. */
export function mentioned(value: unknown, candidates: Iterable<string>): string[] {
  return [...candidates].filter((c) => mentionsAny(value, new Set([c])));
}
