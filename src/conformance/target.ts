// What the harness talks to: anything that answers the operations, as data.

export interface ServiceError {
  type: string;
  message: string;
}

/**
 * One answer of a target. `status` is the HTTP status when the answer came over the wire;
 * `crash` marks an answer that is not a service response at all (a 5xx, an unreadable body).
 */
export type Outcome =
  | { ok: true; output: unknown; status?: number }
  | { ok: false; error: ServiceError; status?: number; crash?: boolean };

export interface Target {
  /** How the target is named in reports, e.g. an endpoint URL. */
  readonly name: string;
  /** The account and Region the target's resources live in (the caller's, for a real endpoint). */
  readonly account: string;
  readonly region: string;
  send(op: string, input: unknown): Promise<Outcome>;
  /** Empties the target. Absent when the harness must give each run fresh resources instead. */
  reset?(): Promise<void>;
  close?(): Promise<void>;
}

/** The target cannot be reached at all: not a divergence, the check stops. */
export class TargetUnreachable extends Error {
  override readonly name = "TargetUnreachable";
}
