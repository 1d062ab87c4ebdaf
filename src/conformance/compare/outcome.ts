// Expected (the model's result) against actual (the target's answer, ids already mapped):
// no difference, or one difference of one kind, with its signature facets and readable lines.
//
// Facets name the cause, not the symptom, so one cause gives one signature whatever the
// symptom: a member the target does not validate is `accepts invalid <member>` whether the
// target then succeeds (wrong status), looks the value up (wrong error type) or reports only
// the other violations (wrong message).
import type { Result } from "../../model/index.js";
import { operationSpec } from "../../model/shapes.js";
import { statusOf } from "../../protocol/index.js";
import { queryStatusOf } from "../../protocol/query.js";
import type { Outcome } from "../target.js";
import { normalizeMessage, sameButForTheTime, validationViolations, violatedMembers } from "./normalize.js";
import { diffOutputs, type DiffOptions } from "./output-diff.js";

export const divergenceKinds = [
  "missing operation",
  "crash",
  "wrong status",
  "wrong error type",
  "wrong message",
  "wrong output",
] as const;

export type DivergenceKind = (typeof divergenceKinds)[number];

export interface Difference {
  kind: DivergenceKind;
  /** Normalized causes; a divergence is new when one of them is. */
  facets: string[];
  lines: string[];
}

/** What an endpoint answers for an operation it does not have. */
const MISSING_TYPES = new Set([
  "UnknownOperationException",
  "UnknownOperation",
  "InvalidAction",
  "NotImplemented",
  "NotImplementedException",
  "UnsupportedOperation",
  "UnsupportedOperationException",
]);

type ErrorOutcome = { error: { type: string; message: string } };

const describe = (o: Result | Outcome): string => {
  const status = "status" in o && o.status !== undefined ? ` (${o.status})` : "";
  return o.ok ? `success${status}` : `${o.error.type}${status}: ${o.error.message}`;
};

const errorLabel = ({ error }: ErrorOutcome) => `${error.type}(${normalizeMessage(error.message)})`;

const members = ({ error }: ErrorOutcome): string[] => (error.type === "ValidationException" ? violatedMembers(error.message) : []);

/** `member|constraint` of each violation a ValidationException lists. */
const violations = ({ error }: ErrorOutcome): string[] =>
  error.type === "ValidationException" ? validationViolations(error.message).map((v) => `${v.member}|${v.constraint}`) : [];
const memberOf = (violation: string) => violation.slice(0, violation.indexOf("|"));

/** The target let through what the model refuses. */
function accepted(expected: ErrorOutcome, answered: string): string[] {
  const invalid = members(expected);
  return invalid.length > 0 ? invalid.map((m) => `accepts invalid ${m}`) : [`accepts what fails with ${errorLabel(expected)}, answers ${answered}`];
}

/** The target refused what the model accepts. */
function refused(actual: ErrorOutcome, expectedLabel: string): string[] {
  const valid = members(actual);
  return valid.length > 0 ? valid.map((m) => `refuses valid ${m}`) : [`answers ${errorLabel(actual)} instead of ${expectedLabel}`];
}

function errorDifference(
  expected: ErrorOutcome,
  actual: ErrorOutcome & { status?: number },
  lines: string[],
  toleranceMs: number,
  expectedStatus: (type: string) => number,
): Difference | undefined {
  const e = expected.error;
  const a = actual.error;
  if (e.type !== a.type) {
    return { kind: "wrong error type", facets: e.type === "ValidationException" ? accepted(expected, a.type) : refused(actual, errorLabel(expected)), lines };
  }
  if (e.message !== a.message && !sameButForTheTime(e.message, a.message, toleranceMs)) {
    const expectedViolations = violations(expected);
    const actualViolations = violations(actual);
    const facets = [
      ...new Set([
        ...expectedViolations.filter((v) => !actualViolations.includes(v)).map((v) => `accepts invalid ${memberOf(v)}`),
        ...actualViolations.filter((v) => !expectedViolations.includes(v)).map((v) => `refuses valid ${memberOf(v)}`),
      ]),
    ];
    if (facets.length === 0) facets.push(`${e.type} message: ${normalizeMessage(e.message)} -> ${normalizeMessage(a.message)}`);
    return { kind: "wrong message", facets, lines };
  }
  const status = expectedStatus(e.type);
  if (actual.status !== undefined && actual.status !== status) {
    return { kind: "wrong status", facets: [`${e.type} with HTTP ${actual.status}`], lines: [`expected HTTP ${status}, got ${actual.status}`, ...lines] };
  }
  return undefined;
}

/** `service: "sts"`: the answer of an STS operation, whose errors have STS's statuses (STS-5). */
export function compareOutcomes(op: string, expected: Result, actual: Outcome, options: DiffOptions & { service?: "sts" }): Difference | undefined {
  const lines = [`expected ${describe(expected)}`, `actual   ${describe(actual)}`];
  if (!actual.ok) {
    const sameError = !expected.ok && expected.error.type === actual.error.type;
    if (!sameError && (actual.crash || (actual.status ?? 0) >= 500)) {
      return { kind: "crash", facets: [`crash ${actual.status ?? "(no status)"} ${actual.error.type}`], lines };
    }
    if (!sameError && (MISSING_TYPES.has(actual.error.type) || actual.status === 404 || actual.status === 501)) {
      return { kind: "missing operation", facets: ["missing operation"], lines };
    }
  }
  if (!expected.ok && actual.ok) return { kind: "wrong status", facets: accepted(expected, "success"), lines };
  if (expected.ok && !actual.ok) return { kind: "wrong status", facets: refused(actual, "success"), lines };
  if (!expected.ok && !actual.ok) return errorDifference(expected, actual, lines, options.toleranceMs, options.service === "sts" ? queryStatusOf : statusOf);
  if (expected.ok && actual.ok) {
    const differences = diffOutputs(operationSpec(op)?.output?.shape, expected.output, actual.output, options);
    if (differences.length === 0) return undefined;
    return { kind: "wrong output", facets: [...new Set(differences.map((d) => d.facet))], lines: differences.map((d) => d.line) };
  }
  return undefined;
}
