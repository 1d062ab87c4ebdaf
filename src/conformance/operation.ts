// What the harness knows about one operation: how to generate its commands and what its
// answers create, delete or hand back for later. One file per operation under ops/.
import type fc from "fast-check";
import type { OperationName } from "../model/index.js";
import type { ResourceKindName } from "./resources.js";
import type { World } from "./world.js";

export interface OperationHarness<P = unknown> {
  op: OperationName;
  /** Relative frequency among generated commands. */
  weight: number;
  /** Abstract parameters: plain data, references to earlier results by index. */
  params: fc.Arbitrary<P>;
  /** The concrete input, in the model's ids, resolved against the run's world. */
  input(params: P, world: World): unknown;
  /** Changes state: a divergence here may leave model and target apart. */
  mutates: boolean;
  /**
   * The resource a successful answer creates: its id in that answer, and the reference key
   * later commands find it by (see arbitraries/refs.ts).
   */
  creates?: { kind: ResourceKindName; id(output: unknown): string | undefined; key(params: P): number };
  /** The resource a successful call deletes (its id in the input). */
  deletes?: { kind: ResourceKindName; id(input: unknown): string | undefined };
  /** The pagination token of an answer, for later calls. */
  nextToken?(output: unknown): string | undefined;
  /** Lists everything in the account and Region: only comparable when the target holds nothing else. */
  listsAll?: boolean;
  /** Operations whose commands this one needs to be interesting (included with it by `--ops`). */
  needs?: OperationName[];
}

export const defineOperation = <P>(harness: OperationHarness<P>): OperationHarness<P> => harness;

export const field = (name: string) => (value: unknown): string | undefined => {
  const v = (value as Record<string, unknown> | null | undefined)?.[name];
  return typeof v === "string" ? v : undefined;
};
