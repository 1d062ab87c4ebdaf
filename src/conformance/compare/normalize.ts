// Normalizing messages so that one cause gives one signature: quoted values, ARNs, ids and
// numbers become placeholders.

export function normalizeMessage(message: string): string {
  return message
    .replace(/'[^']*'/g, "'…'")
    .replace(/arn:[^\s'"]+/g, "<arn>")
    .replace(/[\w-]+:[0-9a-f]{8}-[0-9a-f-]{27,}/gi, "<id>")
    .replace(/\d+/g, "<n>")
    .slice(0, 160);
}

const CONSTRAINTS: [RegExp, string][] = [
  [/^Member must have length less than or equal to/, "max length"],
  [/^Member must have length greater than or equal to/, "min length"],
  [/^Member must have value less than or equal to/, "max value"],
  [/^Member must have value greater than or equal to/, "min value"],
  [/^Member must satisfy regular expression pattern/, "pattern"],
  [/^Member must satisfy enum value set/, "enum"],
  [/^Member must not be null/, "required"],
  [/^Map value must satisfy constraint/, "map value"],
  [/^Map key must satisfy constraint/, "map key"],
  [/^Member must satisfy constraint/, "list member"],
];

export interface Violation {
  /** The member path, list positions folded: `cognitoIdentityProviders.*.member.clientId`. */
  member: string;
  /** `max length`, `pattern`, `required`, ... */
  constraint: string;
}

/** The violations a ValidationException message lists. */
export function validationViolations(message: string): Violation[] {
  const out: Violation[] = [];
  for (const m of message.matchAll(/at '([^']*)' failed to satisfy constraint: ([^;]*)/g)) {
    const member = m[1]!.replace(/\.\d+\./g, ".*.");
    const constraint = CONSTRAINTS.find(([re]) => re.test(m[2]!))?.[1] ?? normalizeMessage(m[2]!);
    if (!out.some((v) => v.member === member && v.constraint === constraint)) out.push({ member, constraint });
  }
  return out;
}

/** The members a ValidationException message names, sorted. */
export const violatedMembers = (message: string): string[] => [...new Set(validationViolations(message).map((v) => v.member))].sort();

/**
 * `Token expired: <now> >= <exp>` (a login, LOGIN-n) and STS's `Token expired: current date/time <now>
 * must be before ...` (STS-6): the time of the call, which two clocks tell apart by a second or so.
 */
const EXPIRED = /Token expired: (?:current date\/time )?(\d+)(?= >= | must be before )/;

/**
 * Whether two messages are the same but for the time of the call in an expired-token message,
 * within the tolerance.
 */
export function sameButForTheTime(expected: string, actual: string, toleranceMs: number): boolean {
  const e = EXPIRED.exec(expected);
  const a = EXPIRED.exec(actual);
  if (!e || !a || Math.abs(Number(e[1]) - Number(a[1])) * 1000 > toleranceMs) return false;
  return expected.replace(EXPIRED, "Token expired: now") === actual.replace(EXPIRED, "Token expired: now");
}
