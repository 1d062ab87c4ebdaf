import { describe, expect, it } from "vitest";
import type { Difference } from "../../src/conformance/compare/outcome.js";
import { mutants } from "../../src/conformance/mutants.js";
import { harnesses } from "../../src/conformance/ops/index.js";
import { NewDivergence, Session, type RunEnvironment } from "../../src/conformance/session.js";
import { Stats } from "../../src/conformance/stats.js";
import type { Target } from "../../src/conformance/target.js";
import { modelTarget } from "../../src/conformance/targets/model.js";
import { answering, intercepting } from "./helpers.js";

function session(target: Target, judge: (op: string, d: Difference) => "new" | "known" = () => "known") {
  const env: RunEnvironment = {
    target,
    modelConfig: { seed: 1 },
    clock: () => 1_700_000_000_000,
    toleranceMs: 1000,
    isolated: () => true,
    judge,
    stats: new Stats([]),
  };
  return new Session(env);
}

const create = (settings: Record<string, unknown> = {}, key = 0) =>
  [harnesses.CreateIdentityPool!, { key, settings: { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false, ...settings } }] as const;
const describePool = [harnesses.DescribeIdentityPool!, { pool: { live: 0 } }] as const;
const listPools = [harnesses.ListIdentityPools!, { maxResults: 60, token: { none: true } }] as const;
const tag = [harnesses.TagResource!, { resource: { arn: "local", id: { live: 0 } }, tags: { team: "a" } }] as const;

describe("Session", () => {
  it("maps the target's ids to the model's: outputs agree although the ids differ", async () => {
    const target = intercepting(modelTarget(), (_op, _input, outcome) => outcome);
    const s = session(target);
    const created = await s.execute(...create());
    expect(created.verdict).toBe("agree");
    const described = await s.execute(...describePool);
    expect(described.verdict).toBe("agree");
    const modelId = (created.expected as { output: { IdentityPoolId: string } }).output.IdentityPoolId;
    const targetId = (target.calls[1]!.input as { IdentityPoolId: string }).IdentityPoolId;
    expect(targetId).not.toBe(modelId);
    expect(s.ids.toModel(targetId)).toBe(modelId);
  });

  it("a target that refuses what the model accepts changed nothing: the model keeps its state", async () => {
    const missingTags = answering(modelTarget(), "TagResource", { ok: false, error: { type: "UnknownOperationException", message: "no" }, status: 400 });
    const s = session(missingTags);
    await s.execute(...create());
    const tagged = await s.execute(...tag);
    expect(tagged.difference?.kind).toBe("missing operation");
    const described = await s.execute(...describePool);
    expect(described.difference).toBeUndefined();
  });

  it("a creation the model refuses is undone in the target", async () => {
    const lenient = intercepting(modelTarget({ config: { quotas: { tagsPerPool: 51 } } }), (_op, _input, outcome) => outcome);
    const s = session(lenient);
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const created = await s.execute(...create({ IdentityPoolTags: tags }));
    expect(created.difference?.kind).toBe("wrong status");
    expect(lenient.calls.map((c) => c.op)).toEqual(["CreateIdentityPool", "DeleteIdentityPool"]);
    expect((await s.execute(...listPools)).verdict).toBe("agree");
  });

  it("after a divergent change, differences about that resource are cascades, and lists skip it", async () => {
    const noRename = mutants.find((m) => m.name === "update does not rename")!.target();
    const s = session(noRename);
    await s.execute(...create({}, 0));
    await s.execute(...create({}, 50));
    const updated = await s.execute(harnesses.UpdateIdentityPool!, { pool: { live: 0 }, settings: { IdentityPoolName: "renamed", AllowUnauthenticatedIdentities: false }, developer: { keep: "omit" } });
    expect(updated.difference?.facets).toEqual(["IdentityPoolName: changed"]);
    const described = await s.execute(...describePool);
    expect(described.verdict).toBe("cascade");
    expect((await s.execute(...listPools)).verdict).toBe("agree");
    expect((await s.execute(harnesses.DescribeIdentityPool!, { pool: { live: 50 } })).verdict).toBe("agree");
  });

  it("a new divergence stops the run with the commands that led to it", async () => {
    const noPeriod = mutants.find((m) => m.name.startsWith("not-found"))!.target();
    const s = session(noPeriod, () => "new");
    await s.execute(...create());
    const failure = await s.execute(harnesses.DescribeIdentityPool!, { pool: { unknown: "00000000-0000-4000-8000-000000000001" } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NewDivergence);
    expect((failure as NewDivergence).trace.map((t) => t.op)).toEqual(["CreateIdentityPool", "DescribeIdentityPool"]);
  });

  it("an OpenID token the target issued is the one later commands present as a login", async () => {
    const issued: string[] = [];
    const target = intercepting(modelTarget({ clock: () => 1_700_000_000_000 }), (op, _input, outcome) => {
      if (op === "GetOpenIdTokenForDeveloperIdentity" && outcome.ok) issued.push((outcome.output as { Token: string }).Token);
      return outcome;
    });
    const s = session(target);
    await s.execute(...create({ DeveloperProviderName: "login.dev" }));
    const developer = await s.execute(harnesses.GetOpenIdTokenForDeveloperIdentity!, {
      key: 1, pool: { withDeveloper: 0 }, provider: { ofPool: true }, identifier: { name: 0 }, others: [],
    });
    expect(developer.verdict).toBe("agree");
    const presented = await s.execute(harnesses.GetOpenIdToken!, { identity: { live: 1 }, logins: { fitting: 0 } });
    expect(presented.verdict).toBe("agree");
    const sent = target.calls.find((c) => c.op === "GetOpenIdToken")!.input as { Logins: Record<string, string> };
    expect(sent.Logins).toEqual({ "cognito-identity.amazonaws.com": issued[0] });
    expect(s.world.openIdTokens[0]!.token).not.toBe(issued[0]);
  });

  it("an identity already answered and paired is not deleted as if the target had created it", async () => {
    let first: unknown;
    const target = intercepting(modelTarget(), (op, _input, outcome) => {
      if (op !== "GetId") return outcome;
      first ??= outcome;
      return outcome.ok ? outcome : (first as typeof outcome);
    });
    const s = session(target);
    await s.execute(...create({ AllowUnauthenticatedIdentities: true }));
    await s.execute(harnesses.GetId!, { key: 1, pool: { live: 0 }, logins: { absent: true } });
    await s.execute(harnesses.UpdateIdentityPool!, { pool: { live: 0 }, settings: { IdentityPoolName: "p", AllowUnauthenticatedIdentities: false }, developer: { keep: "omit" } });
    const refused = await s.execute(harnesses.GetId!, { key: 2, pool: { live: 0 }, logins: { absent: true } });
    expect(refused.difference?.kind).toBe("wrong status");
    expect(target.calls.map((c) => c.op)).not.toContain("DeleteIdentities");
  });

  it("a crash is reported even about what an earlier divergence set apart", async () => {
    const noRename = mutants.find((m) => m.name === "update does not rename")!.target();
    const crashing = intercepting(noRename, (op, _input, outcome) =>
      op === "ListIdentities" ? { ok: false, error: { type: "SyntaxError", message: "Unexpected token '<'" }, status: 500, crash: true } : outcome,
    );
    const s = session(crashing);
    await s.execute(...create());
    await s.execute(harnesses.UpdateIdentityPool!, { pool: { live: 0 }, settings: { IdentityPoolName: "renamed", AllowUnauthenticatedIdentities: false }, developer: { keep: "omit" } });
    expect((await s.execute(...describePool)).verdict).toBe("cascade");
    const listed = await s.execute(harnesses.ListIdentities!, { pool: { live: 0 }, maxResults: 1, token: { none: true } });
    expect(listed.difference?.kind).toBe("crash");
    expect(listed.verdict).toBe("known");
  });
});
