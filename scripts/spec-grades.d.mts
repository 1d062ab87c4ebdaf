// Types of spec-grades.mjs, for test/spec/grades.test.ts.
export interface RuleGrades {
  id: string;
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
