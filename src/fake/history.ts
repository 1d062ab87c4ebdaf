// The call history (spec/testing.md HIST-1..HIST-5): every call the service answers, in order,
// with its input and outcome, so a test can assert which calls its code made.
import { holds } from "./faults.js";

/** What a call got (HIST-2). */
export type CallOutcome =
  | { ok: true; output: unknown }
  | { ok: false; error: { type: string; message: string } }
  /** FAULT-3: an injected timeout or dropped connection: no answer at all. */
  | { ok: false; transport: "timeout" | "drop" };

/** One call the service answered (HIST-1, HIST-2). */
export interface Call {
  /** The call's place in the history since the last reset: 0, 1, 2, ... (the logical time). */
  index: number;
  /** `cognito-identity`, or `sts` for AssumeRoleWithWebIdentity and GetCallerIdentity. */
  service: "cognito-identity" | "sts";
  operation: string;
  /** The request's input as it was sent (the JSON body; STS: the parameters read by the operation's shape). */
  input: unknown;
  outcome: CallOutcome;
  /** The service's clock when the call was answered, in epoch milliseconds (the model's `now`). */
  time: number;
  /** The caller's account and Region (WIRE-9, WIRE-12). */
  account: string;
  region: string;
  requestId: string;
  /** FAULT-3: the id of the injected fault that answered instead of the model. */
  fault?: number;
}

/** Which calls (HIST-3): by operation (one or several), service, outcome, input members. */
export interface CallFilter {
  operation?: string | readonly string[];
  service?: Call["service"];
  /** `true`: answered; `false`: an error, timeout or drop. */
  ok?: boolean;
  /** Calls whose input holds these members (objects partially, as FAULT-2 matches). */
  input?: Record<string, unknown>;
}

export const DEFAULT_HISTORY_LIMIT = 10_000;

/** HIST-4: the last `limit` calls, in order; older ones are let go (their indexes are not reused). */
export class CallHistory {
  #calls: Call[] = [];
  #next = 0;
  readonly limit: number;

  constructor(limit = DEFAULT_HISTORY_LIMIT) {
    if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`historyLimit: a whole number of at least 0, got ${limit}`);
    this.limit = limit;
  }

  record(service: Call["service"], operation: string, input: unknown, outcome: CallOutcome, time: number, account: string, region: string, requestId: string, fault?: number): void {
    if (this.limit === 0) return;
    const call: Call = { index: this.#next++, service, operation, input, outcome, time, account, region, requestId };
    if (fault !== undefined) call.fault = fault;
    this.#calls.push(call);
    // The oldest are let go a batch at a time, so a call costs the same once the history is full.
    if (this.#calls.length >= 2 * this.limit + 64) this.#calls.splice(0, this.#calls.length - this.limit);
  }

  /** The calls the filter picks, oldest first (a copy: later calls do not change it). */
  list(filter: CallFilter = {}): Call[] {
    const kept = this.#calls.length > this.limit ? this.#calls.slice(-this.limit) : this.#calls;
    return kept.filter((call) => matches(call, filter));
  }

  /** PERSIST-9: the call answered `requestId` got `outcome` instead (its change was undone). */
  amend(requestId: string, outcome: CallOutcome): void {
    for (let i = this.#calls.length - 1; i >= 0; i--) {
      if (this.#calls[i]!.requestId === requestId) {
        this.#calls[i] = { ...this.#calls[i]!, outcome };
        return;
      }
    }
  }

  /** HIST-5: an empty history, indexes from 0 again. */
  clear(): void {
    this.#calls = [];
    this.#next = 0;
  }
}

function matches(call: Call, filter: CallFilter): boolean {
  const { operation, service, ok, input } = filter;
  if (typeof operation === "string" ? call.operation !== operation : operation !== undefined && !operation.includes(call.operation)) return false;
  if (service !== undefined && call.service !== service) return false;
  if (ok !== undefined && call.outcome.ok !== ok) return false;
  return input === undefined || holds(call.input, input);
}

/** HIST-3: a filter from the admin route's query string (`operation` repeated or comma-separated, `service`, `ok`). */
export function filterOfQuery(params: URLSearchParams): { ok: true; filter: CallFilter } | { ok: false; reason: string } {
  for (const key of params.keys()) {
    if (!["operation", "service", "ok"].includes(key)) return { ok: false, reason: `unknown parameter '${key}' (expected operation, service, ok)` };
  }
  const filter: CallFilter = {};
  const operations = params.getAll("operation").flatMap((o) => o.split(",")).filter((o) => o !== "");
  if (operations.length > 0) filter.operation = operations;
  const service = params.get("service");
  if (service !== null) {
    if (service !== "cognito-identity" && service !== "sts") return { ok: false, reason: `service must be cognito-identity or sts, got '${service}'` };
    filter.service = service;
  }
  const ok = params.get("ok");
  if (ok !== null) {
    if (ok !== "true" && ok !== "false") return { ok: false, reason: `ok must be true or false, got '${ok}'` };
    filter.ok = ok === "true";
  }
  return { ok: true, filter };
}

/** An SDK command class (`GetIdCommand`) or an operation name (`GetId`). */
export type CommandOrOperation = string | { readonly name: string; prototype: unknown };

/** The operation a command class stands for: its name without `Command`. */
export function operationOf(command: CommandOrOperation): string {
  return typeof command === "string" ? command : command.name.replace(/Command$/, "");
}
