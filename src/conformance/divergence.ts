// A divergence as reported: the minimal command sequence, expected against actual, and how
// to replay it.
import type { Result } from "../model/index.js";
import type { DivergenceKind } from "./compare/outcome.js";
import { evidenceFor, type Evidence } from "./evidence.js";
import type { TraceStep } from "./session.js";
import type { Outcome } from "./target.js";

export interface RecordedCommand {
  op: string;
  /** In the model's ids (the harness's model is seeded, so the ids are the same on replay). */
  input: unknown;
  /** Set when this earlier command also differed, in a way already recorded or as a cascade. */
  note?: string;
  /** The ids and tokens the model answered (`IdentityPoolId`, `IdentityId`, `Token`, `NextToken`), which later commands use. */
  answered?: Record<string, string>;
}

const CARRIED = ["IdentityPoolId", "IdentityId", "Token", "NextToken"] as const;

function answered(result: Result): Record<string, string> | undefined {
  if (!result.ok || typeof result.output !== "object" || result.output === null) return undefined;
  const output = result.output as Record<string, unknown>;
  const found = Object.fromEntries(CARRIED.flatMap((m) => (typeof output[m] === "string" ? [[m, output[m] as string]] : [])));
  return Object.keys(found).length > 0 ? found : undefined;
}

export interface Replay {
  seed: number;
  path: string;
  replayPath?: string;
  operations: string[];
}

export interface Divergence {
  operation: string;
  kind: DivergenceKind;
  facets: string[];
  diff: string[];
  expected: Result;
  actual: Outcome;
  commands: RecordedCommand[];
  replay?: Replay;
  /** Generated runs (of the whole check) up to the one that first showed it. */
  foundAfterRuns?: number;
  /** The spec rules the expected answer rests on, and how sure they are. */
  evidence: Evidence;
}

/** The divergence at `index` of a run's trace, with the commands up to it. */
export function divergenceAt(trace: readonly TraceStep[], index: number, replay?: Replay): Divergence {
  const last = trace[index]!;
  const difference = last.difference!;
  return {
    operation: last.op,
    kind: difference.kind,
    facets: difference.facets,
    diff: difference.lines,
    expected: last.expected,
    actual: last.actual,
    evidence: evidenceFor(last.op, last.expected, difference.facets),
    commands: trace.slice(0, index + 1).map((s, i) => {
      const carried = answered(s.expected);
      return {
        op: s.op,
        input: s.input,
        ...(i < index && s.difference ? { note: `also differs (${s.difference.kind}${s.verdict === "cascade" ? ", cascade" : ""})` } : {}),
        ...(carried ? { answered: carried } : {}),
      };
    }),
    ...(replay ? { replay } : {}),
  };
}
