// Types of spec-grades.mjs, for test/spec/grades.test.ts.
export interface RuleGrades {
  id: string;
  title: string;
  /** The section's lines after its heading. */
  body: string[];
  line: number;
  grades: string[];
  /** An `our choice` rule whose Grade line says the rest is documented or observed. */
  inPart: boolean;
}
export interface PageGrades {
  page: string;
  rules: RuleGrades[];
}
export const GRADES: readonly string[];
export const specDir: string;
export function rulePages(dir?: string): string[];
export function rulesOf(text: string): RuleGrades[];
export function readGrades(dir?: string): PageGrades[];
export function gradeTable(pages: PageGrades[]): string;
export function withTable(readme: string, table: string): string;
export interface RuleIndexEntry {
  id: string;
  page: string;
  title: string;
  grade: string;
  inPart?: true;
  /** Message texts the rule quotes. */
  texts: string[];
  /** Members the rule names. */
  members: string[];
}
export function ruleIndex(pages: PageGrades[]): { generatedBy: string; rules: RuleIndexEntry[] };
export function ruleIndexText(pages: PageGrades[]): string;
