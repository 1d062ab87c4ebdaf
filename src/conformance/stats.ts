// Counts per operation, for the progress bar and the summary table.
import type { DivergenceKind } from "./compare/outcome.js";
import type { Outcome } from "./target.js";

export interface OperationStats {
  operation: string;
  commands: number;
  /** Commands whose answer differed in a way already recorded. */
  repeats: number;
  /** Differences on resources an earlier divergence had already set apart: not judged. */
  cascades: number;
  /** Answers that were a service response (success or a modelled-looking error), not a crash. */
  answered: number;
  /** Distinct divergences found, by kind. */
  divergences: Partial<Record<DivergenceKind, number>>;
}

export class Stats {
  runs = 0;
  commands = 0;
  private readonly byOp = new Map<string, OperationStats>();

  constructor(operations: readonly string[]) {
    for (const op of operations) this.of(op);
  }

  of(op: string): OperationStats {
    let s = this.byOp.get(op);
    if (!s) {
      s = { operation: op, commands: 0, repeats: 0, cascades: 0, answered: 0, divergences: {} };
      this.byOp.set(op, s);
    }
    return s;
  }

  sent(op: string, outcome: Outcome): void {
    this.commands++;
    const s = this.of(op);
    s.commands++;
    if (outcome.ok || (!outcome.crash && (outcome.status ?? 400) < 500)) s.answered++;
  }

  all(): OperationStats[] {
    return [...this.byOp.values()];
  }
}
