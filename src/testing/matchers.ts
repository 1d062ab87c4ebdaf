// Matchers over the call history (spec/testing.md HIST-7), in the spirit of aws-sdk-client-mock's:
// `expect(fake).toHaveReceivedCommandWith(GetIdCommand, { IdentityPoolId })`. Plain functions of
// the `expect.extend` form that vitest and jest share; no test runner is imported here.
import { holds } from "../fake/faults.js";
import { operationOf, type Call, type CommandOrOperation } from "../fake/history.js";

/** What the matchers read: a fake (`fake.calls`), an object with `calls`, or a list of calls (`await admin.calls()`). */
export type CallSource = { readonly calls: readonly Call[] } | readonly Call[];

/** The input members a call must hold (objects partially; asymmetric matchers such as `expect.any(String)` work). */
export type InputPattern = Record<string, unknown>;

export interface CognitoMatchers<R = unknown> {
  /** Some call of the command (with these input members, when given). */
  toHaveReceivedCommand(command: CommandOrOperation, input?: InputPattern): R;
  /** Exactly `times` calls of the command (each attempt of the SDK's retries is a call). */
  toHaveReceivedCommandTimes(command: CommandOrOperation, times: number): R;
  /** Exactly one call of the command. */
  toHaveReceivedCommandOnce(command: CommandOrOperation): R;
  /** Some call of the command with these input members. */
  toHaveReceivedCommandWith(command: CommandOrOperation, input: InputPattern): R;
  /** Exactly one call of the command, and it has these input members. */
  toHaveReceivedCommandExactlyOnceWith(command: CommandOrOperation, input: InputPattern): R;
  /** The n-th call of all (1-based) is of the command, with these input members. */
  toHaveReceivedNthCommandWith(command: CommandOrOperation, n: number, input: InputPattern): R;
  /** The n-th call of the command (1-based) has these input members. */
  toHaveReceivedNthSpecificCommandWith(command: CommandOrOperation, n: number, input: InputPattern): R;
  /** The last call of the command has these input members. */
  toHaveReceivedLastCommandWith(command: CommandOrOperation, input: InputPattern): R;
  /** Any call at all. */
  toHaveReceivedAnyCommand(): R;
}

/** The part of a runner's matcher context these use; both vitest and jest give it. */
interface Context {
  isNot?: boolean;
  equals?: (a: unknown, b: unknown) => boolean;
}

interface Result {
  pass: boolean;
  message: () => string;
}

function callsOf(received: unknown): readonly Call[] {
  if (Array.isArray(received)) return received as Call[];
  if (typeof received === "object" && received !== null && "calls" in received && Array.isArray((received as { calls: unknown }).calls)) {
    return (received as { calls: Call[] }).calls;
  }
  throw new TypeError(`expected a fake, or a list of its calls, got ${typeof received === "object" ? JSON.stringify(received) : String(received)}`);
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

function listed(calls: readonly Call[]): string {
  if (calls.length === 0) return "it received no calls";
  const lines = calls.slice(-20).map((c) => `  #${c.index} ${c.operation} ${show(c.input)} -> ${c.outcome.ok ? "ok" : "error" in c.outcome ? c.outcome.error.type : c.outcome.transport}`);
  return `it received ${calls.length} call${calls.length === 1 ? "" : "s"}${calls.length > 20 ? " (the last 20)" : ""}:\n${lines.join("\n")}`;
}

/** One matcher: `test` picks the verdict from the calls, `what` says what was expected. */
function matcher<A extends unknown[]>(what: (...args: A) => string, test: (calls: readonly Call[], has: (c: Call, op: string, input?: InputPattern) => boolean, ...args: A) => boolean) {
  return function (this: Context, received: unknown, ...args: A): Result {
    const calls = callsOf(received);
    const equals = this.equals?.bind(this);
    const has = (call: Call, operation: string, input?: InputPattern) => call.operation === operation && (input === undefined || holds(call.input, input, equals));
    const pass = test(calls, has, ...args);
    return { pass, message: () => `expected the fake ${this.isNot ? "not " : ""}to have received ${what(...args)}; ${listed(calls)}` };
  };
}

const named = (command: CommandOrOperation, input?: InputPattern) => `${operationOf(command)}${input === undefined ? "" : ` with ${show(input)}`}`;
const ofCommand = (calls: readonly Call[], command: CommandOrOperation) => calls.filter((c) => c.operation === operationOf(command));

/** The matchers, for `expect.extend(cognitoMatchers)`. */
export const cognitoMatchers = {
  toHaveReceivedCommand: matcher(
    (command: CommandOrOperation, input?: InputPattern) => named(command, input),
    (calls, has, command, input) => calls.some((c) => has(c, operationOf(command), input)),
  ),
  toHaveReceivedCommandTimes: matcher(
    (command: CommandOrOperation, times: number) => `${operationOf(command)} ${times} time${times === 1 ? "" : "s"}`,
    (calls, _has, command, times) => ofCommand(calls, command).length === times,
  ),
  toHaveReceivedCommandOnce: matcher(
    (command: CommandOrOperation) => `${operationOf(command)} once`,
    (calls, _has, command) => ofCommand(calls, command).length === 1,
  ),
  toHaveReceivedCommandWith: matcher(
    (command: CommandOrOperation, input: InputPattern) => named(command, input),
    (calls, has, command, input) => calls.some((c) => has(c, operationOf(command), input)),
  ),
  toHaveReceivedCommandExactlyOnceWith: matcher(
    (command: CommandOrOperation, input: InputPattern) => `${named(command, input)}, exactly once`,
    (calls, has, command, input) => {
      const of = ofCommand(calls, command);
      return of.length === 1 && has(of[0]!, operationOf(command), input);
    },
  ),
  toHaveReceivedNthCommandWith: matcher(
    (command: CommandOrOperation, n: number, input: InputPattern) => `${named(command, input)} as call ${n}`,
    (calls, has, command, n, input) => calls[n - 1] !== undefined && has(calls[n - 1]!, operationOf(command), input),
  ),
  toHaveReceivedNthSpecificCommandWith: matcher(
    (command: CommandOrOperation, n: number, input: InputPattern) => `${named(command, input)} as its call ${n} of ${operationOf(command)}`,
    (calls, has, command, n, input) => {
      const call = ofCommand(calls, command)[n - 1];
      return call !== undefined && has(call, operationOf(command), input);
    },
  ),
  toHaveReceivedLastCommandWith: matcher(
    (command: CommandOrOperation, input: InputPattern) => `${named(command, input)} as its last ${operationOf(command)}`,
    (calls, has, command, input) => {
      const call = ofCommand(calls, command).at(-1);
      return call !== undefined && has(call, operationOf(command), input);
    },
  ),
  toHaveReceivedAnyCommand: matcher(
    () => "any call",
    (calls) => calls.length > 0,
  ),
} satisfies { [K in keyof CognitoMatchers]: unknown };
