// How sure the expected side of a divergence is: the spec rules it rests on and their evidence
// grades (spec/README.md), read from spec/rules.json, which `npm run spec:grades` writes.
import index from "../../spec/rules.json" with { type: "json" };
import type { Result } from "../model/index.js";

export const evidenceGrades = ["documented", "observed", "our choice", "no rule found"] as const;
export type EvidenceGrade = (typeof evidenceGrades)[number];

export interface RuleRef {
  id: string;
  page: string;
  grade: EvidenceGrade;
}

export interface Evidence {
  rules: RuleRef[];
  /** The weakest grade among the rules: the answer is only as sure as that. */
  grade: EvidenceGrade;
}

interface IndexedRule {
  id: string;
  page: string;
  grade: string;
  texts: string[];
  members: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A quoted text as a pattern: `<placeholder>` and `...` stand for anything. */
function patternOf(text: string): RegExp {
  const source = text
    .split(/(<[^<>]+>|\.\.\.|…)/)
    .map((part, i) => (i % 2 === 1 ? "[\\s\\S]*?" : escape(part)))
    .join("");
  return new RegExp(`^${source}$`);
}

/** Texts that are mostly placeholders (`<type>: <message>`) would match any message. */
const literalLength = (text: string) => text.replace(/<[^<>]+>|\.\.\.|…/g, "").replace(/[^A-Za-z]/g, "").length;

const rules = (index.rules as IndexedRule[]).map((r) => ({ ...r, patterns: r.texts.filter((t) => literalLength(t) >= 10).map(patternOf) }));

const gradeOf = (grade: string): EvidenceGrade => (evidenceGrades as readonly string[]).includes(grade) ? (grade as EvidenceGrade) : "our choice";

const weakest = (refs: readonly RuleRef[]): EvidenceGrade =>
  refs.length === 0 ? "no rule found" : refs.map((r) => r.grade).reduce((a, b) => (evidenceGrades.indexOf(a) >= evidenceGrades.indexOf(b) ? a : b));

/** The members a divergence's causes name: `Credentials.Expiration: changed` -> Credentials, Expiration. */
const membersOf = (facets: readonly string[]) => new Set(facets.flatMap((f) => (f.split(":")[0] ?? "").split(/[.[\]\s]+/).filter((m) => /^[A-Z]/.test(m))));

/**
 * The rules an expected answer rests on. An error: the rules whose quoted texts its message is (a
 * placeholder matching anything). A success: the rules of the operation's page that name a member
 * the causes name. The operation's own page first, at most three.
 */
export function evidenceFor(operation: string, expected: Result, facets: readonly string[] = []): Evidence {
  const own = `operations/${operation}.md`;
  const members = membersOf(facets);
  const matches = expected.ok
    ? (r: (typeof rules)[number]) => r.page === own && r.members.some((m) => members.has(m))
    : (r: (typeof rules)[number]) => r.patterns.some((p) => p.test(expected.error.message));
  const found = rules
    .filter(matches)
    .sort((a, b) => Number(b.page === own) - Number(a.page === own))
    .slice(0, 3)
    .map((r): RuleRef => ({ id: r.id, page: r.page, grade: gradeOf(r.grade) }));
  return { rules: found, grade: weakest(found) };
}
