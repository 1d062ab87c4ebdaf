// What the harness knows about one operation: how to generate its commands and what its
// answers create, delete or hand back for later. One file per operation under ops/.
import type fc from "fast-check";
import { operationNames, type OperationName } from "../model/index.js";
import { stsOperationNames, type StsOperationName } from "../model/operations/sts.js";
import type { ResourceKindName } from "./resources.js";
import type { World } from "./world.js";

/** Every operation the check can generate: Cognito Identity's and the STS ones the flows end in. */
export type CheckedOperationName = OperationName | StsOperationName;
export const checkableOperationNames: readonly CheckedOperationName[] = [...operationNames, ...stsOperationNames];

/** Credentials an answer hands out, as a later call signs with them. */
export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface OperationHarness<P = unknown> {
  op: CheckedOperationName;
  /** `sts` for STS's operations (the Query protocol, STS's client); Cognito Identity when absent. */
  service?: "sts";
  /** Relative frequency among generated commands. */
  weight: number;
  /** Abstract parameters: plain data, references to earlier results by index. */
  params: fc.Arbitrary<P>;
  /** The concrete input, in the model's ids, resolved against the run's world. */
  input(params: P, world: World): unknown;
  /**
   * Skipped while false (no pool, identity or developer user to act on yet): what it would do
   * then (not found) it still does later, through references to unknown ids, and the run's
   * commands go where there is something to check (see requires.ts).
   */
  requires?(world: World): boolean;
  /**
   * True when this command goes to the target's endpoint of another Region (`otherRegion`), as an
   * app configured for the wrong Region sends it (IDN-4, IDN-16).
   */
  elsewhere?(params: P): boolean;
  /** Changes state: a divergence here may leave model and target apart. */
  mutates: boolean;
  /**
   * The resource a successful answer creates: its id in that answer, and the reference key
   * later commands find it by (see arbitraries/refs.ts).
   */
  creates?: { kind: ResourceKindName; id(output: unknown): string | undefined; key(params: P): number };
  /**
   * The id of an existing resource a successful answer names (the identity answered, which may
   * not be the one asked for): paired with the target's like a created one.
   */
  names?(output: unknown): string | undefined;
  /** An OpenID token a successful answer hands out, which later calls may present as a login. */
  openIdToken?(output: unknown): string | undefined;
  /**
   * What of an answer can be compared where members are opaque (tokens, credentials; see
   * compare/opaque.ts). Applied to both answers, before the target's ids are mapped.
   */
  view?(output: unknown): unknown;
  /** The resource a successful call deletes (its id in the input). */
  deletes?: { kind: ResourceKindName; id(input: unknown): string | undefined };
  /** The pagination token of an answer, for later calls. */
  nextToken?(output: unknown): string | undefined;
  /** Lists everything in the account and Region: only comparable when the target holds nothing else. */
  listsAll?: boolean;
  /** Operations whose commands this one needs to be interesting (included with it by `--ops`). */
  needs?: CheckedOperationName[];
  /** Credentials a successful answer hands out, which later calls may sign with (`signedWith`). */
  issuesCredentials?(output: unknown): IssuedCredentials | undefined;
  /** The access key id (of credentials the model issued) this command is signed with; unsigned-for-the-model when absent. */
  signedWith?(params: P, world: World): string | undefined;
}

export const defineOperation = <P>(harness: OperationHarness<P>): OperationHarness<P> => harness;

export const field = (name: string) => (value: unknown): string | undefined => {
  const v = (value as Record<string, unknown> | null | undefined)?.[name];
  return typeof v === "string" ? v : undefined;
};
