// The divergences found so far, by signature facet, and the one being shrunk.
import type { Difference } from "./compare/outcome.js";

export type Verdict = "new" | "known";

const keysOf = (op: string, d: Difference) => d.facets.map((f) => `${op} | ${f}`);

export class KnownDivergences {
  private readonly byKey = new Map<string, number>();
  /** While shrinking: the facet the failure must keep, so shrinking does not wander to another divergence. */
  private hunting: string | undefined;

  /** New when a facet is unknown (and, while shrinking, when it is the hunted one). */
  judge(op: string, difference: Difference): Verdict {
    const fresh = keysOf(op, difference).filter((k) => !this.byKey.has(k));
    if (fresh.length === 0) return "known";
    if (this.hunting === undefined) {
      this.hunting = fresh.sort()[0];
      return "new";
    }
    return fresh.includes(this.hunting) ? "new" : "known";
  }

  /** The index of the recorded divergence a known difference belongs to. */
  indexOf(op: string, difference: Difference): number | undefined {
    for (const key of keysOf(op, difference)) {
      const index = this.byKey.get(key);
      if (index !== undefined) return index;
    }
    return undefined;
  }

  record(op: string, difference: Difference, index: number): void {
    for (const key of keysOf(op, difference)) if (!this.byKey.has(key)) this.byKey.set(key, index);
    this.hunting = undefined;
  }
}
