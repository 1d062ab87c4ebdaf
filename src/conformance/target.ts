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
  | { ok: true; output: unknown; status?: number; raw?: RawExchange }
  | { ok: false; error: ServiceError; status?: number; crash?: boolean; raw?: RawExchange };

/** The exchange behind an answer that came over the wire, as sent and received (targets/recording.ts). */
export interface RawExchange {
  request: string;
  response: string;
}

/** How one command is sent. */
export interface SendOptions {
  /** Sent to the target's endpoint of this Region rather than its own (IDN-4, IDN-16). */
  region?: string;
  /** `sts`: an STS operation, sent with STS's client and protocol. */
  service?: "sts";
  /** Signed with these credentials (the target issued them earlier) rather than the target's own. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface Target {
  /** How the target is named in reports, e.g. an endpoint URL. */
  readonly name: string;
  /** The account and Region the target's resources live in (the caller's, for a real endpoint). */
  readonly account: string;
  readonly region: string;
  /**
   * False when an unsigned request cannot tell the target which Region it is for (an emulator at
   * an address such as 127.0.0.1): the model then takes the Region from ids as well (WIRE-24).
   */
  readonly revealsRegion: boolean;
  /**
   * True when the target signs its OpenID tokens with the model's default key (the model itself,
   * the fake, our own server): only then can the check present tokens it made itself, such as an
   * expired one (AWS and other emulators would refuse their signature first).
   */
  readonly sharesSigningKey?: boolean;
  /**
   * True for this project's own implementations (the model, the fake, our server): only they are
   * held to the model's conventions (conventions.ts).
   */
  readonly ours?: boolean;
  send(op: string, input: unknown, options?: SendOptions): Promise<Outcome>;
  /** Empties the target. Absent when the harness must give each run fresh resources instead. */
  reset?(): Promise<void>;
  close?(): Promise<void>;
}

/** The target cannot be reached at all: not a divergence, the check stops. */
export class TargetUnreachable extends Error {
  override readonly name = "TargetUnreachable";
}
