import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeSyntaxError, parseJsonBody, serializeOutput } from "../../src/protocol/json.js";

const parsed = (body: string | Uint8Array) => parseJsonBody(body);

describe("request bodies", () => {
  it("WIRE-6: an empty or all-whitespace body is {}", () => {
    expect(parsed("")).toEqual({ ok: true, value: {} });
    expect(parsed(new Uint8Array())).toEqual({ ok: true, value: {} });
    expect(parsed(" \n\t ")).toEqual({ ok: true, value: {} });
  });

  it("WIRE-6: JSON is parsed as is; what it holds is left to the model", () => {
    expect(parsed('{"MaxResults":5,"Unknown":[1]}')).toEqual({ ok: true, value: { MaxResults: 5, Unknown: [1] } });
    expect(parsed("[1,2]")).toEqual({ ok: true, value: [1, 2] });
    expect(parsed(Buffer.from('{"a":"é"}'))).toEqual({ ok: true, value: { a: "é" } });
  });

  it.each([
    ['{"a":}', "unexpected character '}' at position 5"],
    ['{"a":1', "unexpected end of input at position 6"],
    ["{} {}", "unexpected content after the JSON value at position 3"],
    ["{'a':1}", "unexpected character ''' at position 1"],
    ['{"a":tru}', "unexpected character '}' at position 8"],
    ['{"a":01}', "unexpected character '1' at position 6"],
    ['{"a":"\u0001"}', "unexpected character U+0001 at position 6"],
    ['{"a":"\\x"}', "unexpected character 'x' at position 7"],
    ['{"a":[1,]}', "unexpected character ']' at position 8"],
    ["\u00e9", "unexpected character U+00E9 at position 0"],
  ])("WIRE-6: %j is a SerializationException naming the problem: %s", (body, problem) => {
    expect(parsed(body)).toEqual({ ok: false, error: { type: "SerializationException", message: `Malformed JSON request body: ${problem}.` } });
  });

  it("WIRE-6: a body that is not UTF-8 is a SerializationException", () => {
    expect(parsed(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({
      ok: false,
      error: { type: "SerializationException", message: "Malformed request body: it is not valid UTF-8." },
    });
  });

  it("WIRE-6: deep nesting is described without exhausting the stack", () => {
    expect(describeSyntaxError(`${"[".repeat(200_000)}}`)).toBe("unexpected character '}' at position 200000");
  });

  it("WIRE-6: every string JSON.parse refuses gets a described problem (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))), fc.json().map((j) => `${j}x`)), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        fc.pre(!valid && text.trim() !== "");
        expect(describeSyntaxError(text)).toMatch(/^unexpected (character .+|end of input|content after the JSON value) at position \d+$/);
      }),
    );
  });
});

describe("nesting depth", () => {
  const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  const lists = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
  const tooDeep = { ok: false, error: { type: "SerializationException", message: "Request body is nested deeper than the limit of 64 levels." } };

  it("WIRE-27: a body nested 64 levels deep is parsed; 65 levels is a SerializationException", () => {
    expect(parsed(objects(64)).ok).toBe(true);
    expect(parsed(lists(64)).ok).toBe(true);
    expect(parsed(objects(65))).toEqual(tooDeep);
    expect(parsed(lists(65))).toEqual(tooDeep);
    expect(parsed(`[${Array.from({ length: 1000 }, () => "[{}]").join(",")}]`).ok).toBe(true);
  });

  it("WIRE-27: thousands of levels inside RoleMappings are refused before anything is parsed", () => {
    for (const depth of [3_000, 5_000, 200_000]) {
      expect(parsed(`{"IdentityPoolId":"us-east-1:1","Roles":{},"RoleMappings":{"graph.facebook.com":${objects(depth)}}}`)).toEqual(tooDeep);
    }
  });

  it("WIRE-27: brackets inside strings are text, not nesting", () => {
    const text = JSON.stringify({ a: "[".repeat(1000), b: ["{\\\"[[[", "\\"] });
    expect(parsed(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it("WIRE-27: a body too deep is refused even when it is malformed further on", () => {
    expect(parsed(`${lists(65).slice(0, 70)}x`)).toEqual(tooDeep);
    expect(parsed(`${"[".repeat(10)}x`)).toEqual({ ok: false, error: { type: "SerializationException", message: "Malformed JSON request body: unexpected character 'x' at position 10." } });
  });
});

describe("output bodies", () => {
  it("WIRE-8: a Date is epoch seconds, with a fraction only when it has milliseconds, at any depth", () => {
    const output = {
      CreationDate: new Date(Date.UTC(2022, 0, 10, 23, 23, 54)),
      Credentials: { Expiration: new Date(1641857034123) },
      Identities: [{ LastModifiedDate: new Date(0) }],
      Epoch: 1641857034,
    };
    expect(serializeOutput(output)).toBe(
      '{"CreationDate":1641857034,"Credentials":{"Expiration":1641857034.123},"Identities":[{"LastModifiedDate":0}],"Epoch":1641857034}',
    );
  });
});
