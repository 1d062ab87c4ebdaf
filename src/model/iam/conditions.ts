// IAM's condition operators as data (spec/iam.md IAM-3): how one context value compares with one
// policy value, and whether the operator is a negated one. The set operators, IfExists, Null and
// missing keys are the evaluator's (evaluate.ts).

export interface ConditionOperator {
  readonly name: string;
  /** Negated operators (StringNotEquals, ...) hold when no policy value matches, and when the key is absent. */
  readonly negated: boolean;
  /** Policy variables are substituted in the policy values (String and Arn operators). */
  readonly variables: boolean;
  /** Does this context value match this policy value (before negation)? */
  readonly matches: (contextValue: string, policyValue: PolicyValue) => boolean;
}

/**
 * A policy value after policy variables are put in (IAM-4): the policy's own text, where `*` and `?`
 * are wildcards, and `{ literal }` parts, which match only themselves (a variable's value, `${*}`).
 */
export type PolicyValue = readonly (string | { readonly literal: string })[];

export const textOf = (value: PolicyValue): string => value.map((p) => (typeof p === "string" ? p : p.literal)).join("");

const escapeRegExp = (s: string) => s.replace(/[.+^${}()|[\]\\*?]/g, (c) => `\\${c}`);

/** IAM's `*` and `?` wildcards in the policy's text, the rest literal. */
export function globMatches(pattern: PolicyValue | string, value: string, ignoreCase = false): boolean {
  const parts = typeof pattern === "string" ? [pattern] : pattern;
  const source = parts
    .map((p) => (typeof p === "string" ? p.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : escapeRegExp(c))).join("") : escapeRegExp(p.literal)))
    .join("");
  return new RegExp(`^${source}$`, ignoreCase ? "si" : "s").test(value);
}

const number = (s: string): number | undefined => {
  if (s.trim() === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};

/** Dates as IAM reads them: ISO 8601, or epoch seconds. */
const date = (s: string): number | undefined => {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
};

const compared =
  <T>(read: (s: string) => T | undefined, test: (a: T, b: T) => boolean) =>
  (contextValue: string, policyValue: PolicyValue) => {
    const a = read(contextValue);
    const b = read(textOf(policyValue));
    return a !== undefined && b !== undefined && test(a, b);
  };

/** ARNs compare by their six colon-separated parts, the resource part taking the rest. */
function arnMatches(contextValue: string, policyValue: PolicyValue): boolean {
  const split = (arn: string) => {
    const parts = arn.split(":");
    return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(":")];
  };
  const a = split(contextValue);
  const b = split(textOf(policyValue));
  if (!a || !b) return false;
  return a.every((part, i) => globMatches(b[i]!, part));
}

/** An IPv4 or IPv6 address as a number and its width in bits; undefined when it is neither. */
function parseIp(text: string): { value: bigint; bits: 32 | 128 } | undefined {
  const v4 = (part: string): bigint | undefined => {
    const octets = part.split(".");
    if (octets.length !== 4 || !octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) return undefined;
    return octets.reduce((n, o) => (n << 8n) | BigInt(o), 0n);
  };
  if (!text.includes(":")) {
    const value = v4(text);
    return value === undefined ? undefined : { value, bits: 32 };
  }
  // IPv6: groups of hex, at most one `::`, an IPv4 tail allowed.
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): bigint[] | undefined => {
    if (half === "") return [];
    const out: bigint[] = [];
    const parts = half.split(":");
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes(".")) {
        const tail = v4(part);
        if (tail === undefined) return undefined;
        out.push(tail >> 16n, tail & 0xffffn);
      } else if (/^[0-9a-f]{1,4}$/i.test(part)) out.push(BigInt(`0x${part}`));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<bigint>(halves.length === 2 ? missing : 0).fill(0n), ...tail];
  return { value: all.reduce((n, g) => (n << 16n) | g, 0n), bits: 128 };
}

function inCidr(address: string, policyValue: PolicyValue): boolean {
  const [network, prefixText] = textOf(policyValue).split("/");
  const ip = parseIp(address);
  const net = network === undefined ? undefined : parseIp(network);
  if (!ip || !net || ip.bits !== net.bits) return false;
  const prefix = prefixText === undefined ? ip.bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
  if (prefix < 0 || prefix > ip.bits) return false;
  const shift = BigInt(ip.bits - prefix);
  return ip.value >> shift === net.value >> shift;
}

const op = (name: string, negated: boolean, matches: ConditionOperator["matches"], variables = false): ConditionOperator => ({
  name,
  negated,
  variables,
  matches,
});

const stringEquals = (a: string, b: PolicyValue) => a === textOf(b);
const stringEqualsIgnoreCase = (a: string, b: PolicyValue) => a.toLowerCase() === textOf(b).toLowerCase();
const stringLike = (a: string, b: PolicyValue) => globMatches(b, a);
// IAM's user guide: ArnEquals and ArnLike alike compare each of the six parts, wildcards allowed.
const arn = (a: string, b: PolicyValue) => arnMatches(a, b);
const numeric = (test: (a: number, b: number) => boolean) => compared(number, test);
const dated = (test: (a: number, b: number) => boolean) => compared(date, test);

const operators: readonly ConditionOperator[] = [
  op("StringEquals", false, stringEquals, true),
  op("StringNotEquals", true, stringEquals, true),
  op("StringEqualsIgnoreCase", false, stringEqualsIgnoreCase, true),
  op("StringNotEqualsIgnoreCase", true, stringEqualsIgnoreCase, true),
  op("StringLike", false, stringLike, true),
  op("StringNotLike", true, stringLike, true),
  op("NumericEquals", false, numeric((a, b) => a === b)),
  op("NumericNotEquals", true, numeric((a, b) => a === b)),
  op("NumericLessThan", false, numeric((a, b) => a < b)),
  op("NumericLessThanEquals", false, numeric((a, b) => a <= b)),
  op("NumericGreaterThan", false, numeric((a, b) => a > b)),
  op("NumericGreaterThanEquals", false, numeric((a, b) => a >= b)),
  op("DateEquals", false, dated((a, b) => a === b)),
  op("DateNotEquals", true, dated((a, b) => a === b)),
  op("DateLessThan", false, dated((a, b) => a < b)),
  op("DateLessThanEquals", false, dated((a, b) => a <= b)),
  op("DateGreaterThan", false, dated((a, b) => a > b)),
  op("DateGreaterThanEquals", false, dated((a, b) => a >= b)),
  op("Bool", false, stringEqualsIgnoreCase),
  op("BinaryEquals", false, stringEquals),
  op("IpAddress", false, inCidr),
  op("NotIpAddress", true, inCidr),
  op("ArnEquals", false, arn, true),
  op("ArnLike", false, arn, true),
  op("ArnNotEquals", true, arn, true),
  op("ArnNotLike", true, arn, true),
  // Null is decided on presence alone (evaluate.ts); its values are "true" or "false".
  op("Null", false, () => false),
];

const byName = new Map(operators.map((o) => [o.name.toLowerCase(), o]));

/** IAM-3: an operator by name (IAM's operator names are case-insensitive); undefined for none. */
export const conditionOperator = (name: string): ConditionOperator | undefined => byName.get(name.toLowerCase());
