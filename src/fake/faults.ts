// Injected faults (spec/testing.md FAULT-1..FAULT-8): calls of an operation that answer one of its
// modeled errors, are delayed, time out or lose their connection, chosen by count or by input.
// They live beside the model, in the service, so the model's state never sees a failed call.
import { messages, operationNames } from "../model/index.js";
import { service as serviceSpec } from "../model/shapes.js";
import { protocolErrors, type WireError } from "../protocol/errors.js";

/** What a test asks for: which calls of `operation` (FAULT-2), and what they get instead of the model's answer (FAULT-3). */
export interface FaultSpec {
  /** A Cognito Identity operation, e.g. `GetId`. */
  operation: string;
  /** One of the operation's modeled errors (spec/shapes.json), e.g. `TooManyRequestsException`. */
  error?: string;
  /** The error's message; default the service's own text for throttling and internal errors, else `Injected <error>.` */
  message?: string;
  /** The call gets no answer: in process a `TimeoutError`, over HTTP an open connection without an answer. */
  timeout?: boolean;
  /** The connection is closed without an answer (`socket hang up`, code ECONNRESET, in process). */
  drop?: boolean;
  /** Wait this long before the rest (the model's answer, the error, the timeout or the drop). */
  delayMs?: number;
  /** `wall` (default) waits in real time; `logical` moves the service's clock on by `delayMs` at once. */
  clock?: "wall" | "logical";
  /** How many calls the fault answers; default 1, or every k-th without end with `every`. */
  times?: number;
  /** Every k-th matching call (k, 2k, ...). */
  every?: number;
  /** Only the n-th matching call. */
  nth?: number;
  /** Matching calls only: those whose input holds these members (deep, objects partially). */
  input?: Record<string, unknown>;
  /** Matching calls only (in process): those for which this returns true. */
  when?: (input: unknown, caller: { account: string; region: string }) => boolean;
}

/** FAULT-1: a spec the fake refuses; the message names the member and why. */
export class FaultSpecError extends Error {
  override name = "FaultSpecError";
}

/** An injected fault as the fake lists it. */
export interface FaultInfo {
  id: number;
  spec: Omit<FaultSpec, "when"> & { when?: "function" };
  /** Matching calls seen so far. */
  seen: number;
  /** Calls it answered so far. */
  fired: number;
}

/** What the service does with a call a fault took (FAULT-3). */
export interface FaultDecision {
  id: number;
  delayMs: number;
  clock: "wall" | "logical";
  then: { kind: "error"; error: WireError } | { kind: "answer" } | { kind: "timeout" } | { kind: "drop" };
}

const MEMBERS = ["operation", "error", "message", "timeout", "drop", "delayMs", "clock", "times", "every", "nth", "input", "when"] as const;
/** The longest wall-clock delay (ten minutes) and logical one (a year). */
const MAX_DELAY_MS = { wall: 10 * 60 * 1000, logical: 366 * 24 * 3600 * 1000 };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 1;

/** The modeled errors of an operation, from spec/shapes.json (botocore). */
export function modeledErrors(operation: string): string[] {
  return (serviceSpec.operations[operation]?.errors ?? []).map((e) => e.shape);
}

function defaultMessage(type: string): string {
  if (type === "TooManyRequestsException") return messages.rateExceeded();
  if (type === "InternalErrorException") return protocolErrors.internalError().message;
  return `Injected ${type}.`;
}

/** FAULT-1: the spec checked, or the reason it is refused. Functions (`when`) only when `functions` allows them. */
export function checkFaultSpec(value: unknown, functions: boolean): { ok: true; spec: FaultSpec } | { ok: false; reason: string } {
  const refuse = (reason: string) => ({ ok: false as const, reason });
  if (!isRecord(value)) return refuse("a fault is a JSON object with at least `operation`");
  for (const key of Object.keys(value)) {
    if (!(MEMBERS as readonly string[]).includes(key)) return refuse(`unknown member '${key}' (expected ${MEMBERS.join(", ")})`);
  }
  const { operation, error, message, timeout, drop, delayMs, clock, times, every, nth, input, when } = value;
  if (typeof operation !== "string" || !(operationNames as readonly string[]).includes(operation)) {
    return refuse(`operation: '${String(operation)}' is not an operation of Cognito Identity (expected one of ${operationNames.join(", ")})`);
  }
  if (error !== undefined) {
    const errors = modeledErrors(operation);
    if (typeof error !== "string" || !errors.includes(error)) {
      return refuse(`error: ${operation} cannot answer '${String(error)}'; its modeled errors (spec/shapes.json) are ${errors.join(", ")}`);
    }
  }
  if (message !== undefined && (typeof message !== "string" || error === undefined)) return refuse("message: a string, given with `error`");
  for (const [name, flag] of [["timeout", timeout], ["drop", drop]] as const) {
    if (flag !== undefined && typeof flag !== "boolean") return refuse(`${name}: true or false`);
  }
  if ([error !== undefined, timeout === true, drop === true].filter(Boolean).length > 1) return refuse("at most one of `error`, `timeout` and `drop`");
  if (clock !== undefined && clock !== "wall" && clock !== "logical") return refuse("clock: 'wall' or 'logical'");
  const longest = MAX_DELAY_MS[clock ?? "wall"];
  if (delayMs !== undefined && (typeof delayMs !== "number" || !Number.isSafeInteger(delayMs) || delayMs < 0 || delayMs > longest)) {
    return refuse(`delayMs: an integer from 0 to ${longest} (${clock ?? "wall"} clock)`);
  }
  if (error === undefined && timeout !== true && drop !== true && !(typeof delayMs === "number" && delayMs > 0)) {
    return refuse("a fault needs `error`, `timeout: true`, `drop: true` or `delayMs` above 0");
  }
  for (const [name, count] of [["times", times], ["every", every], ["nth", nth]] as const) {
    if (count !== undefined && !isCount(count)) return refuse(`${name}: a whole number of at least 1`);
  }
  if (nth !== undefined && (times !== undefined || every !== undefined)) return refuse("nth: not with `times` or `every`");
  if (input !== undefined && !isRecord(input)) return refuse("input: a JSON object of the members a call's input must hold");
  if (when !== undefined && (!functions || typeof when !== "function")) {
    return refuse(functions ? "when: a function of the input" : "when: functions are for the in-process fake; match by `input` here");
  }
  return { ok: true, spec: value as unknown as FaultSpec };
}

/** HIST-3, FAULT-2: whether `actual` holds `expected`: objects member by member (others may be present), the rest equal. */
export function holds(actual: unknown, expected: unknown, equals: (a: unknown, b: unknown) => boolean = sameJson): boolean {
  if (isRecord(expected) && typeof expected.asymmetricMatch !== "function") {
    return isRecord(actual) && Object.keys(expected).every((key) => holds(Object.prototype.hasOwnProperty.call(actual, key) ? actual[key] : undefined, expected[key], equals));
  }
  return equals(actual, expected);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson(a[k], b[k]));
  }
  return false;
}

interface Active {
  id: number;
  spec: FaultSpec;
  seen: number;
  fired: number;
}

/** The faults of one service, in the order they were added (FAULT-4). */
export class Faults {
  #active: Active[] = [];
  #nextId = 1;
  /** FAULT-6: how far logical delays have moved the service's clock on. */
  #advance = 0;

  /** Adds a fault; throws a FaultSpecError when the spec is refused (FAULT-1). */
  add(spec: FaultSpec, functions = true): FaultInfo {
    const checked = checkFaultSpec(spec, functions);
    if (!checked.ok) throw new FaultSpecError(`fault refused: ${checked.reason}`);
    const active = { id: this.#nextId++, spec: { ...checked.spec, ...(checked.spec.input ? { input: structuredClone(checked.spec.input) } : {}) }, seen: 0, fired: 0 };
    this.#active.push(active);
    return info(active);
  }

  list(): FaultInfo[] {
    return this.#active.map(info);
  }

  /** Removes one fault; false when there is none with that id (it may have run out). */
  remove(id: number): boolean {
    const before = this.#active.length;
    this.#active = this.#active.filter((f) => f.id !== id);
    return this.#active.length !== before;
  }

  /** No faults; ids go on. */
  clear(): void {
    this.#active = [];
  }

  /** FAULT-7: no faults, and the clock back to its source (a reset). */
  reset(): void {
    this.clear();
    this.#advance = 0;
  }

  /** FAULT-6: milliseconds the service's clock reads ahead of its source. */
  get clockAdvance(): number {
    return this.#advance;
  }

  /** Moves the clock on (a logical delay). */
  advance(ms: number): void {
    this.#advance += ms;
  }

  /**
   * FAULT-2, FAULT-4: the fault that answers this call, if any. Every fault the call matches counts
   * it; the first added of those whose turn it is answers; a fault that has run out is removed.
   */
  take(operation: string, input: unknown, caller: { account: string; region: string }): FaultDecision | undefined {
    if (this.#active.length === 0) return undefined;
    let chosen: Active | undefined;
    for (const fault of this.#active) {
      const { spec } = fault;
      if (spec.operation !== operation) continue;
      if (spec.input !== undefined && !holds(input, spec.input)) continue;
      if (spec.when !== undefined && !spec.when(input, { account: caller.account, region: caller.region })) continue;
      fault.seen++;
      if (chosen === undefined && turn(fault)) chosen = fault;
    }
    if (chosen === undefined) return undefined;
    chosen.fired++;
    if (exhausted(chosen)) this.#active = this.#active.filter((f) => f !== chosen);
    return decision(chosen);
  }
}

function turn({ spec, seen, fired }: Active): boolean {
  if (spec.nth !== undefined) return seen === spec.nth;
  if (spec.every !== undefined) return seen % spec.every === 0 && (spec.times === undefined || fired < spec.times);
  return fired < (spec.times ?? 1);
}

function exhausted({ spec, fired }: Active): boolean {
  if (spec.nth !== undefined) return true;
  if (spec.every !== undefined) return spec.times !== undefined && fired >= spec.times;
  return fired >= (spec.times ?? 1);
}

function decision({ id, spec }: Active): FaultDecision {
  const then: FaultDecision["then"] =
    spec.error !== undefined
      ? { kind: "error", error: { type: spec.error as WireError["type"], message: spec.message ?? defaultMessage(spec.error) } }
      : spec.timeout
        ? { kind: "timeout" }
        : spec.drop
          ? { kind: "drop" }
          : { kind: "answer" };
  return { id, delayMs: spec.delayMs ?? 0, clock: spec.clock ?? "wall", then };
}

function info({ id, spec, seen, fired }: Active): FaultInfo {
  const { when, ...rest } = spec;
  return { id, spec: { ...structuredClone(rest), ...(when ? { when: "function" as const } : {}) }, seen, fired };
}

/**
 * FAULT-3: what an in-process call that gets no answer throws: the errors Node's HTTP client and
 * the SDK's handler raise, so the SDK's retry strategy treats them as it does over a socket.
 */
export function transportError(cut: "timeout" | "drop"): Error {
  return cut === "timeout"
    ? Object.assign(new Error("the request got no answer within its time: an injected timeout of cognito-identity-model"), { name: "TimeoutError", code: "ETIMEDOUT" })
    : Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
}
