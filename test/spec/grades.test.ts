// spec/ itself: every rule has one evidence grade, the README's table of grades is true, sources are
// public, and every rule has a test named after it (spec/README.md).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gradeTable, readGrades, ruleIndexText, rulePages, rulesOf, specDir, withTable } from "../../scripts/spec-grades.mjs";

const pages = readGrades();
const rules = pages.flatMap((p) => p.rules.map((r) => ({ ...r, page: p.page })));

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? testSources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [readFileSync(join(dir, entry.name), "utf8")] : [],
  );
}

describe("spec/", () => {
  it("every rule section has exactly one Grade line", () => {
    expect(rules.length).toBeGreaterThan(170);
    const bad = rules.filter((r) => r.grades.length !== 1).map((r) => `${r.page}:${r.line} ${r.id}: ${r.grades.length} Grade lines`);
    expect(bad).toEqual([]);
  });

  it("the grade parser reads a section up to the next heading, and only its own Grade line", () => {
    const page = "### A-1. One\n\nGrade: observed.\n\n## Errors\n\nGrade: documented.\n### A-2. Two\nGrade: our choice (the text).\n#### detail\nGrade: withdrawn.\n";
    expect(rulesOf(page).map((r) => [r.id, r.grades])).toEqual([
      ["A-1", ["observed"]],
      ["A-2", ["our choice", "withdrawn"]],
    ]);
    const parts = "### B-1. x\nGrade: our choice (the text); the rest observed.\n### B-2. y\nGrade: our choice (the observed order is not used).\n";
    expect(rulesOf(parts).map((r) => r.inPart)).toEqual([true, false]);
  });

  it("rule ids are unique across the pages", () => {
    const ids = rules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("spec/rules.json, the checker's index of rules, grades and quoted texts, is the one the pages give (npm run spec:grades rewrites it)", () => {
    expect(readFileSync(join(specDir, "rules.json"), "utf8")).toBe(ruleIndexText(pages));
    const iam9 = JSON.parse(ruleIndexText(pages)).rules.find((r: { id: string }) => r.id === "IAM-9");
    expect(iam9.texts).toContain("Invalid identity pool configuration. Check assigned IAM roles for this pool.");
  });

  it("spec/README.md's table of grades is the one the pages give (npm run spec:grades rewrites it)", () => {
    const readme = readFileSync(join(specDir, "README.md"), "utf8");
    expect(withTable(readme, gradeTable(pages))).toBe(readme);
  });

  it("sources are public: no page points at notes outside the repository", () => {
    for (const page of [...rulePages(), "README.md"]) {
      const text = readFileSync(join(specDir, page), "utf8");
      expect(text, page).not.toMatch(/research §|research dossier|shared\/research/);
    }
  });

  it("every rule has a test whose name starts with its id", () => {
    const named = new Set<string>();
    for (const source of testSources(join(specDir, "..", "test"))) {
      for (const m of source.matchAll(/["'`]((?:[A-Z]+-\d+, )*[A-Z]+-\d+):/g)) for (const id of m[1]!.split(", ")) named.add(id);
    }
    expect(rules.map((r) => r.id).filter((id) => !named.has(id))).toEqual([]);
  });
});
