// JSON on the wire: parsing request bodies (WIRE-6) and writing outputs (WIRE-8).
import { isUtf8 } from "node:buffer";
import { MAX_NESTING } from "../model/records.js";
import { protocolErrors, type WireError } from "./errors.js";

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: WireError };

/**
 * Parses a request body. An empty (or all-whitespace) body is `{}`. Text that is not UTF-8, is
 * nested deeper than MAX_NESTING, or is not JSON is a SerializationException naming the first
 * problem. What the JSON value holds is left to the model, which reports wrong kinds as AWS does.
 */
export function parseJsonBody(body: Uint8Array | string): ParsedBody {
  let text: string;
  if (typeof body === "string") text = body;
  else {
    if (!isUtf8(body)) return { ok: false, error: protocolErrors.invalidUtf8() };
    text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  }
  if (text.length === 0 || text.trim().length === 0) return { ok: true, value: {} };
  if (bracketsDeeperThan(text, MAX_NESTING)) return { ok: false, error: protocolErrors.nestedTooDeep(MAX_NESTING) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: protocolErrors.malformedJson(describeSyntaxError(text)) };
  }
}

/**
 * WIRE-27: whether brackets outside strings ever open more than `limit` levels, read before the text
 * is parsed so that no parser and no part of the model ever sees such a body.
 */
function bracketsDeeperThan(text: string, limit: number): boolean {
  // The engine's regular expressions find the next bracket or quote: a 1 MB body is scanned in a
  // fraction of the time a loop over its characters takes.
  const outside = /["{}[\]]/g;
  const inside = /["\\]/g;
  let depth = 0;
  for (let m = outside.exec(text); m !== null; m = outside.exec(text)) {
    const c = m[0];
    if (c === '"') {
      inside.lastIndex = outside.lastIndex;
      for (let q = inside.exec(text); ; q = inside.exec(text)) {
        if (q === null) return false;
        if (q[0] === '"') break;
        inside.lastIndex = q.index + 2;
      }
      outside.lastIndex = inside.lastIndex;
    } else if (c === "{" || c === "[") {
      if (++depth > limit) return true;
    } else depth--;
  }
  return false;
}

const describeChar = (text: string, i: number): string => {
  const code = text.codePointAt(i)!;
  return code >= 0x20 && code < 0x7f ? `'${text[i]}'` : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
};

/**
 * Where and why `text` is not JSON, worded independently of the JavaScript engine so the same
 * body always gets the same message. Iterative: nesting depth cannot exhaust the stack.
 */
export function describeSyntaxError(text: string): string {
  const n = text.length;
  let i = 0;
  const stack: string[] = [];
  const unexpected = () => (i >= n ? `unexpected end of input at position ${i}` : `unexpected character ${describeChar(text, i)} at position ${i}`);
  const skipSpace = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  /** Advances past a string starting at `i`; returns false at the first fault. */
  const scanString = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i++;
            return false;
          }
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          i++;
          return false;
        }
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };
  const scanNumber = (): boolean => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
    else return false;
    if (text[i] === ".") {
      i++;
      if (!isDigit(text.charCodeAt(i))) return false;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (!isDigit(text.charCodeAt(i))) return false;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    return true;
  };

  let state: "value" | "key" | "after" = "value";
  for (;;) {
    skipSpace();
    if (state === "value") {
      const c = text[i];
      if (c === "{" || c === "[") {
        stack.push(c);
        i++;
        skipSpace();
        if (text[i] === (c === "{" ? "}" : "]")) {
          stack.pop();
          i++;
          state = "after";
        } else state = c === "{" ? "key" : "value";
      } else if (c === '"') {
        if (!scanString()) return unexpected();
        state = "after";
      } else if (c === "-" || (c !== undefined && isDigit(c.charCodeAt(0)))) {
        if (!scanNumber()) return unexpected();
        state = "after";
      } else if (c === "t" || c === "f" || c === "n") {
        const word = c === "t" ? "true" : c === "f" ? "false" : "null";
        for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) return unexpected();
        state = "after";
      } else return unexpected();
    } else if (state === "key") {
      if (text[i] !== '"' || !scanString()) return unexpected();
      skipSpace();
      if (text[i] !== ":") return unexpected();
      i++;
      state = "value";
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < n ? `unexpected content after the JSON value at position ${i}` : "unexpected content";
      }
      const c = text[i];
      if (c === ",") {
        i++;
        state = top === "{" ? "key" : "value";
      } else if ((top === "{" && c === "}") || (top === "[" && c === "]")) {
        stack.pop();
        i++;
      } else return unexpected();
    }
  }
}

/** WIRE-8: a Date becomes epoch seconds, a JSON number (with a fraction when it has milliseconds). */
function replaceDates(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}

function containsDate(value: unknown, depth = 0): boolean {
  if (value instanceof Date) return true;
  if (typeof value !== "object" || value === null || depth > 64) return depth > 64;
  if (Array.isArray(value)) return value.some((v) => containsDate(v, depth + 1));
  for (const key in value) if (containsDate((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/** Compact JSON of an operation output (WIRE-8). Undefined members are omitted. */
export function serializeOutput(output: unknown): string {
  if (output === undefined || output === null) return "{}";
  return containsDate(output) ? JSON.stringify(output, replaceDates) : JSON.stringify(output);
}
