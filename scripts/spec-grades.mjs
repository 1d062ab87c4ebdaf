#!/usr/bin/env node
// The evidence grades of the rules in spec/: read from every page's `Grade:` lines, and the table of
// them that spec/README.md keeps between its `grades` markers. `--write` rewrites that table;
// test/spec/grades.test.ts fails when it is out of date.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const GRADES = ["documented", "observed", "our choice", "withdrawn"];
const RULE_HEADING = /^### ([A-Z]+-\d+)\. /;
const GRADE_LINE = /^Grade: (documented|observed|our choice|withdrawn)\b/;

export const specDir = join(dirname(fileURLToPath(import.meta.url)), "..", "spec");

/** Every rule page of spec/, relative to it, in a stable order. */
export function rulePages(dir = specDir) {
  const top = readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md").sort();
  const ops = readdirSync(join(dir, "operations")).filter((f) => f.endsWith(".md")).sort().map((f) => `operations/${f}`);
  return [...top, ...ops];
}

/**
 * The rules of one page: id, heading line, and the grades its section states. A section runs from
 * its `### ID.` heading to the next heading of level 3 or less.
 */
export function rulesOf(text) {
  const rules = [];
  let current;
  for (const [index, line] of text.split("\n").entries()) {
    const heading = RULE_HEADING.exec(line);
    if (heading) {
      current = { id: heading[1], title: line.slice(heading[0].length).trim(), line: index + 1, grades: [], inPart: false, body: [] };
      rules.push(current);
      continue;
    }
    if (/^#{1,3} /.test(line)) current = undefined;
    current?.body.push(line);
    const grade = current && GRADE_LINE.exec(line);
    if (grade) {
      current.grades.push(grade[1]);
      // `Grade: our choice (the text); the rest observed.`: a choice in part, the rest evidenced.
      if (grade[1] === "our choice") current.inPart = /\b(documented|observed)\b/.test(line.replace(/\([^)]*\)/g, ""));
    }
  }
  return rules;
}

/** Rules per page, each with its one grade (or the problem with its Grade lines). */
export function readGrades(dir = specDir) {
  return rulePages(dir).map((page) => ({ page, rules: rulesOf(readFileSync(join(dir, page), "utf8")) }));
}

/** The texts a rule quotes that read like an answer's message: code spans with words in them. */
function quotedTexts(body) {
  const texts = [];
  const prose = body.join("\n").replace(/^```[\s\S]*?^```/gm, "");
  // A code span may run over a line break, which Markdown reads as a space.
  for (const m of prose.matchAll(/`([^`]{12,})`/g)) {
    const text = m[1].replace(/\s*\n\s*/g, " ").trim();
    if (/[A-Za-z]{3,}.* /.test(text) && !/^(npm|npx|node|curl|aws|serve) /.test(text) && !texts.includes(text)) texts.push(text);
  }
  return texts;
}

/** The members a rule names in code spans (`AllowClassicFlow`, `Credentials.Expiration`). */
function quotedMembers(body) {
  const names = new Set();
  for (const m of body.join("\n").matchAll(/`([A-Z][A-Za-z]+)(?:[.[][^`]*)?`/g)) names.add(m[1]);
  return [...names].sort();
}

/**
 * spec/rules.json: every rule with its page, title, grade and the message texts it quotes, for the
 * checker to say which rules an expected answer rests on (src/conformance/evidence.ts).
 */
export function ruleIndex(pages) {
  return {
    generatedBy: "npm run spec:grades",
    rules: pages.flatMap((p) =>
      p.rules.map((r) => ({
        id: r.id,
        page: p.page,
        title: r.title,
        grade: r.grades[0] ?? "our choice",
        ...(r.inPart ? { inPart: true } : {}),
        texts: quotedTexts(r.body),
        members: quotedMembers(r.body),
      })),
    ),
  };
}

export const ruleIndexText = (pages) => `${JSON.stringify(ruleIndex(pages), null, 1)}\n`;

const MARK_START = "<!-- grades:start (npm run spec:grades) -->";
const MARK_END = "<!-- grades:end -->";

/**
 * The Markdown table of grades per page and in all; `our choice` split into rules that are a choice
 * in part (the rest documented or observed) and wholly.
 */
export function gradeTable(pages) {
  const one = (r) => r.grades.length === 1;
  const columns = [
    ["documented", (r) => one(r) && r.grades[0] === "documented"],
    ["observed", (r) => one(r) && r.grades[0] === "observed"],
    ["our choice in part", (r) => one(r) && r.grades[0] === "our choice" && r.inPart],
    ["our choice", (r) => one(r) && r.grades[0] === "our choice" && !r.inPart],
    ["withdrawn", (r) => one(r) && r.grades[0] === "withdrawn"],
  ];
  const row = (name, rules) => `| ${name} | ${columns.map(([, test]) => rules.filter(test).length).join(" | ")} | ${rules.length} |`;
  const all = pages.flatMap((p) => p.rules);
  return [
    `| page | ${columns.map(([name]) => name).join(" | ")} | rules |`,
    `| --- | ${columns.map(() => "---:").join(" | ")} | ---: |`,
    ...pages.filter((p) => p.rules.length > 0).map((p) => row(`\`${p.page}\``, p.rules)),
    row("**all**", all),
  ].join("\n");
}

/** spec/README.md with its table replaced by `table`. */
export function withTable(readme, table) {
  const start = readme.indexOf(MARK_START);
  const end = readme.indexOf(MARK_END);
  if (start < 0 || end < start) throw new Error(`spec/README.md has no ${MARK_START} ... ${MARK_END} block`);
  return `${readme.slice(0, start + MARK_START.length)}\n${table}\n${readme.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pages = readGrades();
  const bad = pages.flatMap((p) => p.rules.filter((r) => r.grades.length !== 1).map((r) => `${p.page}:${r.line} ${r.id} has ${r.grades.length} Grade lines`));
  if (bad.length > 0) {
    console.error(bad.join("\n"));
    process.exit(1);
  }
  const readmePath = join(specDir, "README.md");
  const readme = readFileSync(readmePath, "utf8");
  const next = withTable(readme, gradeTable(pages));
  if (process.argv.includes("--write")) writeFileSync(readmePath, next);
  console.log(`${relative(process.cwd(), readmePath)}: ${next === readme ? "table up to date" : process.argv.includes("--write") ? "table rewritten" : "table out of date (run npm run spec:grades)"}`);
  const indexPath = join(specDir, "rules.json");
  const index = ruleIndexText(pages);
  let current = "";
  try {
    current = readFileSync(indexPath, "utf8");
  } catch {
    // not written yet
  }
  if (process.argv.includes("--write")) writeFileSync(indexPath, index);
  console.log(`${relative(process.cwd(), indexPath)}: ${index === current ? "up to date" : process.argv.includes("--write") ? "rewritten" : "out of date (run npm run spec:grades)"}`);
}
