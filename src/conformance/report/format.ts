// Compact, readable renderings of values for reports: long strings and big maps are
// abbreviated (the JSON report keeps them whole).

/** Long enough for an identity pool ARN (about 107 characters). */
const MAX_STRING = 120;
/** Edge-length values are one character repeated: shown as `a×129`. */
const MAX_REPEATED = 16;
const MAX_ENTRIES = 6;

function abbreviateString(value: string): string {
  if (value.length > MAX_REPEATED && /^(.)\1*$/s.test(value)) return `${value[0]}×${value.length}`;
  return value.length <= MAX_STRING ? value : `${value.slice(0, 60)}…(${value.length} chars)`;
}

/** A ValidationException message with its long values abbreviated (`Value 'a×129' at ...`). */
export const abbreviateMessage = (message: string) =>
  message.replace(/Value '([\s\S]*?)' at '/g, (_, v: string) => `Value '${abbreviateString(v)}' at '`);

function abbreviate(value: unknown): unknown {
  if (typeof value === "string") return abbreviateString(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ENTRIES).map(abbreviate);
    return value.length > MAX_ENTRIES ? [...items, `…${value.length - MAX_ENTRIES} more (${value.length} items)`] : items;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    const shown = entries.slice(0, MAX_ENTRIES).map(([k, v]) => [k, abbreviate(v)]);
    if (entries.length > MAX_ENTRIES) shown.push(["…", `${entries.length - MAX_ENTRIES} more (${entries.length} entries)`]);
    return Object.fromEntries(shown);
  }
  return value;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return "nothing";
  return JSON.stringify(abbreviate(value));
}
