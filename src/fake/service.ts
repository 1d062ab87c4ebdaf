// The running service: one model state, the request counter, and `handle(request) -> response`.
// The in-process request handler and the HTTP server both drive it, so both answer alike.
import { hex4, mix32 } from "../model/hash.js";
import { uuidFor } from "../model/ids.js";
import {
  applyInit,
  describeCredentials,
  exportInit,
  initialState,
  openIdConfiguration,
  openIdJwks,
  parseRoles,
  restoreState,
  snapshotView,
  step,
  type Context,
  type CredentialsDescription,
  type IamConfig,
  type IamRole,
  type InitFile,
  type Jwks,
  type ModelConfigInput,
  type RawCommand,
  type Result,
  type Snapshot,
  type State,
} from "../model/index.js";
import { LazyRecord } from "../model/lazy-json.js";
import { firstProblem, type Schema } from "../model/schema.js";
import type { Caller, CallerOptions } from "../protocol/caller.js";
import { decodeQuery, encodeQueryError, encodeQuerySuccess, isQueryRequest, XML_CONTENT_TYPE } from "../protocol/query.js";
import { decodeEnvelope, type Envelope } from "../protocol/decode.js";
import { encodeError, encodeSuccess } from "../protocol/encode.js";
import { protocolErrors, type WireError } from "../protocol/errors.js";
import { parseJsonBody } from "../protocol/json.js";
import { COGNITO_SIGNING, STS_SIGNING, verifySignature, type SigningRules } from "../protocol/sigv4.js";
import { DEFAULT_ACCOUNT, DEFAULT_MAX_BODY_BYTES, DEFAULT_REGION, headerNames, type WireRequest, type WireResponse } from "../protocol/wire.js";
import { TestHooks, type Answered } from "./hooks.js";

export interface ServiceOptions extends CallerOptions {
  /** Seed of ids and request ids; overrides `config.seed`. */
  seed?: number;
  /** Model configuration: quotas, rate limiting. */
  config?: ModelConfigInput;
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** WIRE-13: verify SigV4 signatures against `secretKeys`. Off by default. */
  verifySignatures?: boolean;
  /** Access key id -> secret access key, used when `verifySignatures` is on. */
  secretKeys?: Readonly<Record<string, string>>;
  /** WIRE-16: largest request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Where internal errors are reported (WIRE-15). Default: standard error. */
  log?: (line: string) => void;
  /**
   * IAM-7: roles whose trust policies GetCredentialsForIdentity and AssumeRoleWithWebIdentity
   * evaluate: the output of `aws iam list-roles` (`{"Roles": [...]}`), of `aws iam get-role`, or a
   * list of roles. Throws at construction when it is not one.
   */
  iamRoles?: unknown;
  /** IAM-8: refuse roles that are not in `iamRoles`. Off by default. */
  strictRoles?: boolean;
  /**
   * INIT-1: what exists at start (spec/init.md, spec/init.schema.json): pools, their roles,
   * principal-tag maps and identities, and registered roles. Applied again by every reset (INIT-4).
   * Throws an InitError at construction when an entry is refused.
   */
  init?: InitFile;
  /** HIST-4: how many calls the history keeps (the last ones). Default 10,000; 0 keeps none. */
  historyLimit?: number;
}

/** INIT-2: an init file refused; the message is `<path of the entry>: <error type>: <message>`. */
export class InitError extends Error {
  override name = "InitError";
}

/** A service snapshot: plain JSON, it survives `JSON.stringify`. */
export interface ServiceSnapshot {
  format: "cognito-identity-model/fake";
  version: 1;
  /** Requests answered so far: request ids continue from here after a restore. */
  requests: number;
  state: Snapshot;
}

/**
 * A change of the service's state, as persistence journals it (spec/persistence.md): a command
 * `step` accepted with a new state, or a state put in place whole (reset, restore), or new roles.
 * Applied again in order with `apply`, the changes give the same state, byte for byte.
 */
export type ServiceChange =
  | { kind: "step"; command: RawCommand; requests: number }
  // The snapshot as a view (LazyRecord) when told, whose JSON text is the snapshot's; plain JSON when read back.
  | { kind: "state"; snapshot: ServiceSnapshot | LazyRecord; seed: number | undefined; generation: number; iam: IamConfig; starts?: number }
  | { kind: "roles"; roles: IamRole[] }
  // PERSIST-4: the service started again on its journal: its request ids are of a new series.
  | { kind: "start"; starts: number };

/** Where the service stands: what `rewind` puts back. Immutable values, cheap to keep. */
export interface ServicePosition {
  readonly state: State;
  readonly seed: number | undefined;
  readonly generation: number;
  readonly iam: IamConfig;
}

/** Told of every change, with the position before it, before the answer that follows it is sent. */
export type ChangeListener = (change: ServiceChange, before: ServicePosition) => void;

/** OIDC-6: the OpenID discovery document served at `/.well-known/openid-configuration`. */
export type OpenIdConfiguration = ReturnType<typeof openIdConfiguration>;

export type RestoreResult = { ok: true } | { ok: false; reason: string };

const REQUEST_ID_SALT = 0x72657169;

const serviceSnapshotSchema: Schema = {
  type: "record",
  members: {
    format: { type: "literal", value: "cognito-identity-model/fake" },
    version: { type: "literal", value: 1 },
    requests: { type: "integer", min: 0, max: Number.MAX_SAFE_INTEGER },
    // Checked by restoreState, its paths under snapshot.state.
    state: { type: "any" },
  },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function isResult(value: unknown): value is Result {
  if (!isRecord(value)) return false;
  if (value.ok === true) return true;
  return value.ok === false && isRecord(value.error) && typeof value.error.type === "string" && typeof value.error.message === "string";
}

/** STS-5: STS's names for the signature failures (its codes differ from Cognito Identity's). */
function stsSignatureError(error: WireError): WireError {
  if (error.type === "UnrecognizedClientException") return { type: "InvalidClientTokenId", message: "The security token included in the request is invalid" };
  if (error.type === "InvalidSignatureException") return { type: "SignatureDoesNotMatch", message: error.message };
  return error;
}

/** WIRE-35: an HTTP date (`Mon, 01 Jan 2024 00:00:00 GMT`), made once per second of the clock; undefined for no date. */
const httpDate = (() => {
  let second = Number.NaN;
  let text = "";
  return (ms: number): string | undefined => {
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      const date = new Date(s * 1000);
      if (Number.isNaN(date.getTime())) return undefined;
      [second, text] = [s, date.toUTCString()];
    }
    return text;
  };
})();

const byteLength = (body: Uint8Array | string) => (typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);

/**
 * ID-9: the seed of a generation of ids: the seed itself first, then one per reset, far apart from
 * each other (a generation's ids collide with another's no more than random uuids do).
 */
export function generationSeed(seed: number, generation: number): number {
  return generation === 0 ? seed : mix32((seed ^ Math.imul(generation, 0x9e3779b1)) >>> 0) >>> 0;
}

/** WIRE-36: what a check of the body made apart from the service found (src/server/body-check.ts). */
export interface KnownBodyVerdict {
  refusal?: { type: string; message: string };
}

export class Service {
  #state: State;
  #requests = 0;
  readonly #options: ServiceOptions;
  readonly #callerOptions: CallerOptions;
  readonly #now: () => number;
  readonly #maxBodyBytes: number;
  readonly #log: (line: string) => void;
  #iam: IamConfig;
  /** Injected faults and the call history (spec/testing.md), beside the model. */
  readonly testing: TestHooks;

  constructor(options: ServiceOptions = {}) {
    this.#options = options;
    this.testing = new TestHooks(options.historyLimit);
    this.#callerOptions = { region: options.region, account: options.account, accounts: options.accounts };
    this.#now = options.now ?? Date.now;
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.#log = options.log ?? ((line) => console.error(line));
    const roles = options.iamRoles === undefined ? { ok: true as const, value: options.config?.iam?.roles ?? [] } : parseRoles(options.iamRoles);
    if (!roles.ok) throw new Error(`iamRoles: ${roles.reason}`);
    this.#iam = { roles: roles.value, strict: options.strictRoles ?? options.config?.iam?.strict ?? false };
    this.#state = this.#initial(options.init);
    // INIT-1: the file's roles are the registered roles from now on, as setIamRoles would make them.
    this.#iam = this.#state.config.iam;
  }

  /** The seed asked for (option, `config.seed`, or the last `reset({ seed })`). */
  #seed: number | undefined;
  /** Resets since that seed was asked for (ID-9). */
  #generation = 0;

  /** The initial state of this generation, with the init file applied (INIT-1, INIT-4). */
  #initial(init: InitFile | undefined = this.#reinit()): State {
    const config = { ...this.#options.config, iam: this.#iam };
    const seed = this.#seed ?? this.#options.seed ?? config.seed ?? 0;
    const empty = initialState({ ...config, seed: generationSeed(seed, this.#generation) });
    if (init === undefined) return empty;
    const account = this.#options.account ?? DEFAULT_ACCOUNT;
    const region = this.#options.region ?? DEFAULT_REGION;
    const applied = applyInit(empty, init, { account, region, now: this.#now() });
    if (!applied.ok) throw new InitError(applied.reason);
    return applied.state;
  }

  /** INIT-4: what a reset applies again: the init file without its roles, which the service keeps (IAM-7). */
  #reinit(): InitFile | undefined {
    if (!isRecord(this.#options.init)) return undefined;
    const { iamRoles: _kept, ...rest } = this.#options.init;
    return rest;
  }

  /** INIT-5: the current state in the init file format; `init` with it gives the same export. */
  export(): InitFile {
    return exportInit(this.#state);
  }

  /** IAM-7: the registered roles, as `aws iam list-roles` prints them. */
  iamRoles(): { Roles: IamRole[] } {
    return { Roles: structuredClone([...this.#state.config.iam.roles]) };
  }

  /** IAM-7: replaces the registered roles (kept across `reset`); refuses input that is not roles, changing nothing. */
  setIamRoles(input: unknown): RestoreResult {
    const roles = parseRoles(input);
    if (!roles.ok) return roles;
    const before = this.position();
    this.#setRoles(roles.value);
    this.#changed({ kind: "roles", roles: roles.value }, before);
    return { ok: true };
  }

  #setRoles(roles: IamRole[]): void {
    this.#iam = { ...this.#iam, roles };
    this.#state = { ...this.#state, config: { ...this.#state.config, iam: { ...this.#state.config.iam, roles } } };
  }

  /** Starts on a journal so far (PERSIST-4): each begins a new series of request ids. */
  #starts = 0;

  /**
   * Persistence: the service starts again on its journal. The answers after the last change were
   * not journaled, so neither were their request ids: a new series begins, journaled as a change.
   */
  resumed(): void {
    const before = this.position();
    this.#starts++;
    this.#changed({ kind: "start", starts: this.#starts }, before);
  }

  #listener: ChangeListener | undefined;

  /** Persistence: `listener` is told of every change from now on (undefined: no one is). */
  onChange(listener: ChangeListener | undefined): void {
    this.#listener = listener;
  }

  #changed(change: ServiceChange, before: ServicePosition): void {
    this.#listener?.(change, before);
  }

  /** Persistence: where the service stands now. */
  position(): ServicePosition {
    return { state: this.#state, seed: this.#seed, generation: this.#generation, iam: this.#iam };
  }

  /**
   * Persistence: back to a position taken earlier (changes after it could not be made durable).
   * The request counter goes on: request ids are never given twice.
   */
  rewind(position: ServicePosition): void {
    this.#state = position.state;
    this.#seed = position.seed;
    this.#generation = position.generation;
    this.#iam = position.iam;
  }

  /**
   * Persistence: makes a change journaled earlier again, telling no listener. Throws when the
   * change cannot be made (a damaged record).
   */
  apply(change: ServiceChange): void {
    if (change.kind === "step") {
      const [next] = step(this.#state, change.command);
      this.#state = next;
      this.#requests = change.requests;
    } else if (change.kind === "start") {
      this.#starts = change.starts;
    } else if (change.kind === "roles") {
      const roles = parseRoles(change.roles);
      if (!roles.ok) throw new Error(`journaled roles: ${roles.reason}`);
      this.#setRoles(roles.value);
    } else {
      const restored = this.#restore(change.snapshot);
      if (!restored.ok) throw new Error(`journaled state: ${restored.reason}`);
      const roles = parseRoles(change.iam.roles);
      if (!roles.ok) throw new Error(`journaled roles: ${roles.reason}`);
      this.#seed = change.seed;
      this.#generation = change.generation;
      this.#iam = { roles: roles.value, strict: change.iam.strict === true };
      this.#starts = change.starts ?? 0;
    }
  }

  /** A state put in place whole: journaled as its snapshot, the id generation with it (ID-9). */
  #replaced(before: ServicePosition): void {
    if (!this.#listener) return;
    this.#changed(this.stateChangeAt(this.position()), before);
  }

  /** Persistence: the change that puts `position` in place whole; its snapshot is made as it is written. */
  stateChangeAt(position: ServicePosition): Extract<ServiceChange, { kind: "state" }> {
    const change = { kind: "state" as const, snapshot: this.#snapshotViewOf(position.state, {}), seed: position.seed, generation: position.generation, iam: position.iam };
    return this.#starts === 0 ? change : { ...change, starts: this.#starts };
  }

  /** The current model state (immutable). */
  get state(): State {
    return this.#state;
  }

  get maxBodyBytes(): number {
    return this.#maxBodyBytes;
  }

  /** WIRE-13: whether signed requests have their signatures checked (over the body). */
  get verifiesSignatures(): boolean {
    return this.#options.verifySignatures === true;
  }

  /**
   * ID-9: an empty state; request ids start again. Each reset is a new generation of ids, so an id
   * a client kept from before (an SDK's or Amplify's cache) is not found rather than someone
   * else's; `{ seed }` starts that seed's ids afresh, as a new service with it would.
   */
  reset(options: { seed?: number } = {}): void {
    const position = this.position();
    const before = [this.#seed, this.#generation] as const;
    if (options.seed === undefined) this.#generation++;
    else {
      this.#seed = options.seed;
      this.#generation = 0;
    }
    try {
      this.#state = this.#initial();
    } catch (error) {
      // INIT-4: an init file that no longer applies (a token in it expired) refuses the reset, changing nothing.
      [this.#seed, this.#generation] = before;
      throw error;
    }
    this.#requests = 0;
    this.#replaced(position);
    // FAULT-7, HIST-5: a reset also ends the faults and empties the history.
    this.testing.clear();
  }

  /** The seed the current state's ids come from (ID-9). */
  get seed(): number {
    return this.#state.config.seed;
  }

  /**
   * WIRE-19: the state as plain JSON. The configured private signing key is left out unless
   * `includePrivateKeys` asks for it; a restore keeps this service's key whatever a snapshot holds.
   */
  snapshot(options: { includePrivateKeys?: boolean } = {}): ServiceSnapshot {
    return JSON.parse(JSON.stringify(this.snapshotView(options))) as ServiceSnapshot;
  }

  /**
   * WIRE-30: the snapshot as it is written, of the state as it is now: its JSON text is that of
   * `snapshot(options)`, made piece by piece by `jsonChunks` (GET /_model/state streams it).
   */
  snapshotView(options: { includePrivateKeys?: boolean } = {}): LazyRecord {
    return this.#snapshotViewOf(this.#state, options);
  }

  #snapshotViewOf(of: State, options: { includePrivateKeys?: boolean }): LazyRecord {
    const state = snapshotView(of);
    if (!options.includePrivateKeys && state.config.tokens.signingKey) {
      const { signingKey: _left, ...tokens } = state.config.tokens;
      state.config = { ...state.config, tokens };
    }
    return new LazyRecord({ format: "cognito-identity-model/fake", version: 1, requests: this.#requests, state } satisfies { [K in keyof ServiceSnapshot]: unknown });
  }

  /**
   * Accepts a service snapshot or a bare model snapshot; refuses anything else with a reason naming
   * the first bad path (WIRE-29), changing nothing.
   */
  restore(snapshot: unknown): RestoreResult {
    const before = this.position();
    const restored = this.#restore(snapshot);
    if (restored.ok) this.#replaced(before);
    return restored;
  }

  #restore(snapshot: unknown): RestoreResult {
    let modelSnapshot: unknown = snapshot;
    let requests = 0;
    let root = "snapshot";
    if (isRecord(snapshot) && snapshot.format === "cognito-identity-model/fake") {
      const problem = firstProblem(serviceSnapshotSchema, snapshot, root);
      if (problem) return { ok: false, reason: `${problem.path}: ${problem.reason}` };
      modelSnapshot = snapshot.state;
      requests = snapshot.requests as number;
      root = "snapshot.state";
    }
    try {
      const restored = restoreState(modelSnapshot, root);
      if (!restored.ok) return restored;
      // WIRE-19: the signing key is this service's, never a snapshot's.
      const tokens = { ...restored.state.config.tokens };
      delete tokens.signingKey;
      const own = this.#state.config.tokens.signingKey;
      if (own) tokens.signingKey = own;
      this.#state = { ...restored.state, config: { ...restored.state.config, tokens } };
      this.#requests = requests;
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: `snapshot is malformed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /** OIDC-6: the public keys that verify this service's OpenID tokens, as a JWKS (a fresh copy). */
  jwks(): Jwks {
    return openIdJwks(this.#state);
  }

  /** OIDC-6: the OpenID discovery document, its `jwks_uri` under `baseUrl` (the address it is served from). */
  openIdConfiguration(baseUrl: string): OpenIdConfiguration {
    return openIdConfiguration(this.#state, baseUrl);
  }

  /** CRED-12: the role, identity, provider and principal tags behind credentials this service issued; undefined for others. */
  describeCredentials(accessKeyId: string): CredentialsDescription | undefined {
    return describeCredentials(this.#state, accessKeyId);
  }

  #idBlock = { seed: Number.NaN, starts: 0, block: -1, base: "" };

  /**
   * WIRE-5: uuid-shaped, from the seed and the request counter. One `uuidFor` per block of 65,536
   * requests, the counter's low 16 bits written into the last four hex digits: the same ids as
   * long as the counter is the same, at a fraction of the cost of a uuid per request.
   */
  #nextRequestId(): string {
    const n = this.#requests++;
    const seed = this.#state.config.seed;
    const block = Math.floor(n / 65536);
    const cached = this.#idBlock;
    const starts = this.#starts;
    if (cached.seed !== seed || cached.starts !== starts || cached.block !== block) {
      // Without a journal (starts 0) the series is the seed's alone.
      this.#idBlock = { seed, starts, block, base: uuidFor(mix32((seed ^ REQUEST_ID_SALT ^ Math.imul(starts, 0x85ebca6b)) >>> 0), block).slice(0, 32) };
    }
    const low = n & 0xffff;
    return this.#idBlock.base + hex4(low);
  }

  /**
   * PERSIST-9: what is sent instead of `answer` when the change it followed could not be made
   * durable and was undone: InternalErrorException in the answer's protocol, with its request id;
   * the call history says so too.
   */
  undone(answer: WireResponse): WireResponse {
    const requestId = answer.headers[headerNames.requestId] ?? this.#nextRequestId();
    const error = protocolErrors.internalError();
    this.testing.history.amend(requestId, { ok: false, error: { type: error.type, message: error.message } });
    const sts = answer.headers[headerNames.contentType] === XML_CONTENT_TYPE;
    return this.#dated(sts ? encodeQueryError(error, requestId) : encodeError(error, requestId), this.#clock());
  }

  /** An AWS error response to a request refused before it reached `handle` (e.g. a body over the limit). */
  refuse(error: WireError): WireResponse {
    return this.#dated(encodeError(error, this.#nextRequestId()), this.#clock());
  }

  /** Answers one AWS JSON request. Never rejects: every failure is an AWS error response. */
  handle(request: WireRequest): Promise<WireResponse> {
    return Promise.resolve(this.respond(request));
  }

  /**
   * As `handle`, but synchronous unless the request needs signature verification: the HTTP
   * server answers in the same tick the body arrives.
   */
  respond(request: WireRequest, known?: KnownBodyVerdict): WireResponse | Promise<WireResponse> {
    const requestId = this.#nextRequestId();
    const clock = this.#clock();
    const answer = this.#answer(request, requestId, clock, known);
    return answer instanceof Promise ? answer.then((a) => this.#dated(a, clock)) : this.#dated(answer, clock);
  }

  /** The service's clock, read at most once for a request (WIRE-14): the model, the signing time and `Date` see one time. */
  #clock(): () => number {
    let read: number | undefined;
    // FAULT-6: logical delays move the clock on.
    return () => (read ??= this.#now() + this.testing.faults.clockAdvance);
  }

  /** WIRE-35: an AWS answer is dated by the service's clock; undated when the clock fails. */
  #dated(answer: WireResponse, clock: () => number): WireResponse {
    try {
      const date = httpDate(clock());
      if (date !== undefined) answer.headers.Date = date;
    } catch {
      // The fault is the answer's already (WIRE-15), or the answer does not depend on the clock.
    }
    return answer;
  }

  #answer(request: WireRequest, requestId: string, clock: () => number, known?: KnownBodyVerdict): WireResponse | Promise<WireResponse> {
    try {
      if (byteLength(request.body) > this.#maxBodyBytes) return encodeError(protocolErrors.bodyTooLarge(this.#maxBodyBytes), requestId);
      if (isQueryRequest(request)) return this.#respondSts(request, requestId, clock);
      const envelope = decodeEnvelope(request, this.#callerOptions);
      if (!envelope.ok) return encodeError(envelope.error, requestId);
      if (this.#options.verifySignatures && envelope.caller.authorization) return this.#verifyThenRun(envelope, request, requestId, clock, known);
      return this.#run(envelope, request, requestId, clock, known);
    } catch (error) {
      return this.#internalError(error, undefined, requestId);
    }
  }

  async #verifyThenRun(envelope: Envelope, request: WireRequest, requestId: string, clock: () => number, known?: KnownBodyVerdict): Promise<WireResponse> {
    try {
      const refused = await this.#signatureRefusal(envelope.caller, request, clock(), COGNITO_SIGNING);
      if (refused) return encodeError(refused, requestId);
      return this.#run(envelope, request, requestId, clock, known);
    } catch (error) {
      return this.#internalError(error, envelope.op, requestId);
    }
  }

  /** WIRE-13, WIRE-33: the refusal of a signature that does not verify at `now`; undefined when it does. */
  async #signatureRefusal(caller: Caller, request: WireRequest, now: number, rules: SigningRules): Promise<WireError | undefined> {
    const auth = caller.authorization!;
    const secrets = this.#options.secretKeys ?? {};
    const secret = Object.prototype.hasOwnProperty.call(secrets, auth.accessKeyId) ? secrets[auth.accessKeyId] : undefined;
    return secret === undefined ? protocolErrors.unrecognizedClient() : verifySignature(request, auth, secret, now, rules);
  }

  /** The model's context of a request: its caller (WIRE-9, WIRE-12, WIRE-24) and this service's clock. */
  #contextOf(caller: Caller, now: number): Context {
    const { account, region, regionKnown, accessKeyId } = caller;
    return { account, region, now, ...(regionKnown ? {} : { regionUnknown: true }), ...(accessKeyId === undefined ? {} : { accessKeyId }) };
  }

  /** STS-2..STS-5: an STS request, in the Query protocol, against the same state. */
  #respondSts(request: WireRequest, requestId: string, clock: () => number): WireResponse | Promise<WireResponse> {
    const envelope = decodeQuery(request, this.#callerOptions);
    if (!envelope.ok) return encodeQueryError(envelope.error, requestId);
    const failed = (error: unknown) => {
      this.#internalError(error, envelope.op, requestId);
      return encodeQueryError(protocolErrors.internalError(), requestId);
    };
    const run = () => {
      try {
        const command: RawCommand = { service: "sts", op: envelope.op, input: envelope.input, context: this.#contextOf(envelope.caller, clock()) };
        const [next, result] = step(this.#state, command);
        const response = result.ok ? encodeQuerySuccess(envelope.op, result.output, requestId) : encodeQueryError(result.error, requestId);
        this.#stepped(next, command);
        // HIST-1
        this.testing.record("sts", { operation: envelope.op, input: envelope.input, caller: envelope.caller, requestId }, clock(), result);
        return response;
      } catch (error) {
        return failed(error);
      }
    };
    if (!this.#options.verifySignatures || !envelope.caller.authorization) return run();
    return this.#signatureRefusal(envelope.caller, request, clock(), STS_SIGNING).then((refused) => (refused ? encodeQueryError(stsSignatureError(refused), requestId) : run()), failed);
  }

  /**
   * Body, model step, encoding; the new state is kept only once the response is encoded (WIRE-15).
   * `known`: the body's refusal, found apart from the event loop (WIRE-36), is the answer.
   */
  #run(envelope: Envelope, request: WireRequest, requestId: string, clock: () => number, known?: KnownBodyVerdict): WireResponse | Promise<WireResponse> {
    if (known?.refusal) return encodeError(known.refusal as WireError, requestId);
    const body = parseJsonBody(request.body);
    if (!body.ok) return encodeError(body.error, requestId);
    // FAULT-3, HIST-1: an injected fault answers instead of the model; either answer is recorded (src/fake/hooks.ts).
    const call = { operation: envelope.op, input: body.value, caller: envelope.caller, requestId };
    return this.testing.cognito(call, clock, (at) => this.#step(envelope, body.value, requestId, at));
  }

  #step(envelope: Envelope, input: unknown, requestId: string, clock: () => number): Answered {
    try {
      const context = this.#contextOf(envelope.caller, clock());
      const [next, result] = step(this.#state, { op: envelope.op, input, context }) as [unknown, unknown];
      if (!isRecord(next) || !isResult(result)) throw new Error("step returned something that is not [state, result]");
      const response = result.ok ? encodeSuccess(result.output, requestId) : encodeError(result.error, requestId);
      this.#stepped(next as unknown as State, { op: envelope.op, input, context });
      return [response, result];
    } catch (error) {
      return [this.#internalError(error, envelope.op, requestId), { ok: false, error: protocolErrors.internalError() }];
    }
  }

  /** The state after an answered command; a new one is a change (the request counter is already past it). */
  #stepped(next: State, command: RawCommand): void {
    if (next === this.#state) return;
    if (!this.#listener) {
      this.#state = next;
      return;
    }
    const before = this.position();
    this.#state = next;
    this.#changed({ kind: "step", command, requests: this.#requests }, before);
  }

  #internalError(error: unknown, op: string | undefined, requestId: string): WireResponse {
    try {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.#log(`cognito-identity-model: internal error in ${op ?? "request"} (request ${requestId}): ${detail}`);
    } catch {
      // A failing logger must not turn an answer into a crash.
    }
    return encodeError(protocolErrors.internalError(), requestId);
  }
}
