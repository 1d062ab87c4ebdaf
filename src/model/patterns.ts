// The service model's patterns are Java regular expressions applied as full matches.
// JavaScript differs on `\s` and `\S` (Java: ASCII whitespace only, JavaScript: Unicode
// whitespace), so those are rewritten; `\w` and `\d` are ASCII in both; `\p{..}` needs the `u` flag.

const JAVA_SPACE = " \\t\\n\\x0B\\f\\r";

export function toJavaScriptSource(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" && i + 1 < pattern.length) {
      const next = pattern[i + 1];
      i++;
      if (next === "s") out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      else if (next === "S" && !inClass) out += `[^${JAVA_SPACE}]`;
      else if (next === "S" && out.endsWith("[") && pattern[i + 1] === "]") {
        out += `^${JAVA_SPACE}`;
      } else out += `\\${next}`;
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}

const cache = new Map<string, RegExp>();

export function matchesPattern(pattern: string, value: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${toJavaScriptSource(pattern)})$`, "u");
    cache.set(pattern, re);
  }
  return re.test(value);
}
