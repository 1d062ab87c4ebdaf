// spec/init.schema.json describes the init file (INIT-6): the documented file conforms, every export
// conforms, and what the init file refuses as malformed the schema refuses too.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyInit, exportInit, histories, history } from "../model/init-helpers.js";
import { fresh, NOW } from "../model/helpers.js";
import { schemaErrors } from "./json-schema.js";

const repo = join(import.meta.dirname, "../..");
const schema = JSON.parse(readFileSync(join(repo, "spec/init.schema.json"), "utf8")) as Record<string, unknown>;
const documented = () => {
  const page = readFileSync(join(repo, "docs/init.md"), "utf8");
  return JSON.parse(/cat > init\.json <<'EOF'\n([\s\S]*?)\nEOF\n/.exec(page)![1]!) as unknown;
};
const guestPool = { IdentityPoolName: "dev", AllowUnauthenticatedIdentities: true };

describe("spec/init.schema.json", () => {
  it("INIT-6: the init file of docs/init.md conforms to the schema, and the fake starts from it", () => {
    expect(schemaErrors(schema, documented())).toEqual([]);
    expect(applyInit(fresh(), documented(), { account: "000000000000", region: "us-east-1", now: NOW }).ok).toBe(true);
  });

  it("INIT-6: every export conforms to the schema", () => {
    fc.assert(
      fc.property(histories, ([plans, seed]) => {
        expect(schemaErrors(schema, JSON.parse(JSON.stringify(exportInit(history(plans, seed).state))))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it("INIT-6: what the init file refuses as malformed, the schema refuses", () => {
    const malformed: unknown[] = [
      [],
      { pool: [] },
      { version: 2 },
      { pools: {} },
      { pools: [{ ...guestPool, IdentityPoolNam: "typo" }] },
      { pools: [{ ...guestPool, account: "1" }] },
      { pools: [{ ...guestPool, region: "mars" }] },
      { pools: [{ ...guestPool, IdentityPoolId: "no colon" }] },
      { pools: [{ ...guestPool, roles: { Roles: {}, Extra: 1 } }] },
      { pools: [{ ...guestPool, principalTags: [{ UseDefaults: true }] }] },
      { pools: [{ ...guestPool, identities: [{ linkedLogins: [{ provider: "graph.facebook.com" }] }] }] },
      { pools: [{ ...guestPool, identities: [{ created: "yesterday" }] }] },
      { pools: [{ ...guestPool, identities: [{ disabled: "yes" }] }] },
      { pools: [{ ...guestPool, identities: [{ nickname: "bob" }] }] },
    ];
    for (const file of malformed) {
      const refused = applyInit(fresh(), file, { account: "123456789012", region: "us-east-1", now: NOW });
      expect(refused.ok, JSON.stringify(file)).toBe(false);
      expect(schemaErrors(schema, file), JSON.stringify(file)).not.toEqual([]);
    }
    // The checker itself refuses what it does not know, so no keyword of the schema goes unchecked.
    expect(() => schemaErrors({ oneOf: [] }, {})).toThrow("unsupported keyword oneOf");
  });
});
