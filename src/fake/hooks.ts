// Where the service meets its faults and its history (spec/testing.md): a call is answered by an
// injected fault or by the model, and recorded either way. The service calls in here at two places
// only, so the in-process fake and the HTTP server share all of it.
import type { Caller } from "../protocol/caller.js";
import { encodeError } from "../protocol/encode.js";
import type { WireResponse } from "../protocol/wire.js";
import { CallHistory, type Call, type CallOutcome } from "./history.js";
import { Faults, type FaultDecision } from "./faults.js";

export interface HookedCall {
  operation: string;
  input: unknown;
  caller: Caller;
  requestId: string;
}

/** The model's answer to a call and what it was, for the history. */
export type Answered = [WireResponse, CallOutcome];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class TestHooks {
  readonly faults = new Faults();
  readonly history: CallHistory;

  constructor(historyLimit?: number) {
    this.history = new CallHistory(historyLimit);
  }

  /** FAULT-7, HIST-5: what a reset clears. */
  clear(): void {
    this.faults.reset();
    this.history.clear();
  }

  /** HIST-1: records a call the model answered without faults (STS). */
  record(service: Call["service"], call: HookedCall, time: number, outcome: CallOutcome, fault?: number): void {
    this.history.record(service, call.operation, call.input, outcome, time, call.caller.account, call.caller.region, call.requestId, fault);
  }

  /**
   * A Cognito Identity call: the fault whose turn it is answers (FAULT-3), after its delay
   * (FAULT-5, FAULT-6), without the model; else `run` with the service's clock. Recorded (HIST-1).
   */
  cognito(call: HookedCall, clock: () => number, run: (clock: () => number) => Answered): WireResponse | Promise<WireResponse> {
    const fault = this.faults.take(call.operation, call.input, call.caller);
    if (fault === undefined) return this.#answer(call, clock, run);
    if (fault.delayMs > 0 && fault.clock === "wall") return sleep(fault.delayMs).then(() => this.#faulted(call, fault, clock, run));
    if (fault.delayMs > 0) {
      // FAULT-6: the call is answered delayMs later, and so is every call after it.
      const later = clock() + fault.delayMs;
      this.faults.advance(fault.delayMs);
      return this.#faulted(call, fault, () => later, run);
    }
    return this.#faulted(call, fault, clock, run);
  }

  #answer(call: HookedCall, clock: () => number, run: (clock: () => number) => Answered, fault?: number): WireResponse {
    const [response, outcome] = run(clock);
    this.record("cognito-identity", call, clock(), outcome, fault);
    return response;
  }

  #faulted(call: HookedCall, fault: FaultDecision, clock: () => number, run: (clock: () => number) => Answered): WireResponse {
    const { then } = fault;
    if (then.kind === "answer") return this.#answer(call, clock, run, fault.id);
    if (then.kind === "error") {
      this.record("cognito-identity", call, clock(), { ok: false, error: { ...then.error } }, fault.id);
      return encodeError(then.error, call.requestId);
    }
    this.record("cognito-identity", call, clock(), { ok: false, transport: then.kind }, fault.id);
    return { status: 0, headers: {}, body: "", cut: then.kind };
  }
}
