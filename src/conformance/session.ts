// One run: each command goes to the pure model and to the target; the target's ids are
// mapped to the model's, the answers compared, and after a difference both sides are brought
// back in step so the run can go on looking for other divergences.
import { step, type ModelConfigInput, type Result } from "../model/index.js";
import { Bijection, mentioned, mentionsAny } from "./bijection.js";
import { jwtClaims } from "./compare/opaque.js";
import { compareOutcomes, type Difference } from "./compare/outcome.js";
import { restsOnConvention } from "./conventions.js";
import type { Verdict } from "./known.js";
import { field, type OperationHarness } from "./operation.js";
import { resourceKinds } from "./resources.js";
import type { Stats } from "./stats.js";
import type { Outcome, SendOptions, Target } from "./target.js";
import { World } from "./world.js";

export interface TraceStep {
  op: string;
  /** In the model's ids. */
  input: unknown;
  expected: Result;
  /** The target's answer, its ids mapped to the model's. */
  actual: Outcome;
  difference?: Difference;
  /**
   * `cascade`: the difference concerns something an earlier divergence had already set apart;
   * `convention`: the expected side is a convention of ours, not held against other implementations.
   */
  verdict: "agree" | "cascade" | "convention" | Verdict;
}

export interface RunEnvironment {
  target: Target;
  modelConfig: ModelConfigInput;
  clock: () => number;
  toleranceMs: number;
  /** False when the target may hold resources this run did not create. */
  isolated(): boolean;
  judge(op: string, difference: Difference): Verdict;
  stats: Stats;
  signal?: AbortSignal;
}

/** A divergence not seen before: fails the run, so fast-check shrinks it. */
export class NewDivergence extends Error {
  constructor(readonly trace: TraceStep[]) {
    super(`${trace.at(-1)?.op}: ${trace.at(-1)?.difference?.kind}`);
  }
}

export class CheckAborted extends Error {
  override readonly name = "CheckAborted";
}

export class Session {
  readonly world: World;
  readonly ids = new Bijection();
  /** Model-side values (ids, tokens) whose counterpart in the target may differ. */
  readonly tainted = new Set<string>();
  readonly trace: TraceStep[] = [];
  /** Model access key id -> the credentials the target issued in the same answer. */
  private readonly credentials = new Map<string, NonNullable<SendOptions["credentials"]>>();

  constructor(private readonly env: RunEnvironment) {
    this.world = new World(env.modelConfig, env.target.account, env.target.region, env.target.sharesSigningKey === true);
  }

  async execute(harness: OperationHarness, params: unknown): Promise<TraceStep> {
    if (this.env.signal?.aborted) throw new CheckAborted("interrupted");
    const { op } = harness;
    this.world.now = this.env.clock();
    const input = harness.input(params, this.world);
    const elsewhere = harness.elsewhere?.(params) === true;
    const signer = harness.signedWith?.(params, this.world);
    const context = {
      ...this.world.context(this.world.now, { elsewhere, regionUnknown: !this.env.target.revealsRegion }),
      ...(signer === undefined ? {} : { accessKeyId: signer }),
    };
    const [next, result] = step(this.world.state, { ...(harness.service ? { service: harness.service } : {}), op, input, context });
    const signed = signer === undefined ? undefined : this.credentials.get(signer);
    const options: SendOptions = {
      ...(elsewhere ? { region: context.region } : {}),
      ...(harness.service ? { service: harness.service } : {}),
      ...(signed ? { credentials: signed } : {}),
    };
    const raw = await this.env.target.send(op, this.ids.toTarget(input), Object.keys(options).length > 0 ? options : undefined);
    this.env.stats.sent(op, raw);
    const conflict = this.learn(harness, params, input, result, raw);
    const expected = viewOf(harness, result);
    const actual = this.ids.toModel(viewOf(harness, raw), input);
    let difference = compareOutcomes(op, expected, actual, { toleranceMs: this.env.toleranceMs, masked: this.tainted, ...(harness.service ? { service: harness.service } : {}) });
    if (!difference && conflict) difference = { kind: "wrong output", facets: ["id reused"], lines: [conflict] };
    // A crash or a missing operation is never a consequence of an earlier divergence.
    const consequence = difference !== undefined && difference.kind !== "crash" && difference.kind !== "missing operation";
    // Signed with credentials the target did not issue alongside the model: a consequence as well.
    const unsigned = signer !== undefined && signed === undefined;
    const cascade = consequence && (unsigned || mentionsAny(input, this.tainted) || (harness.listsAll === true && !this.env.isolated()));
    const convention = difference !== undefined && this.env.target.ours !== true && restsOnConvention(input, result);
    const verdict: TraceStep["verdict"] = !difference ? "agree" : cascade ? "cascade" : convention ? "convention" : this.env.judge(op, difference);
    const traced: TraceStep = { op, input, expected, actual, verdict, ...(difference ? { difference } : {}) };
    this.trace.push(traced);
    await this.resynchronize(harness, input, next, result, raw, difference);
    if (verdict === "new") throw new NewDivergence([...this.trace]);
    return traced;
  }

  /** Pairs what the model and the target generated in this answer; returns a broken pairing. */
  private learn(harness: OperationHarness, params: unknown, input: unknown, expected: Result, actual: Outcome): string | undefined {
    if (!expected.ok) return undefined;
    let conflict: string | undefined;
    const pair = (model: string | undefined, target: string | undefined) => {
      if (model !== undefined && target !== undefined) conflict ??= this.ids.pairIds(model, target);
    };
    if (harness.creates && actual.ok) {
      const model = harness.creates.id(expected.output);
      if (model !== undefined) this.world.noteCreated(harness.creates.kind, model, harness.creates.key(params));
      pair(model, harness.creates.id(actual.output));
    }
    if (harness.names && actual.ok) pair(harness.names(expected.output), harness.names(actual.output));
    const modelToken = harness.nextToken?.(expected.output);
    if (modelToken !== undefined) {
      this.world.noteToken(harness.op, modelToken, input as Record<string, unknown>);
      this.pairTokens(modelToken, actual.ok ? harness.nextToken!(actual.output) : undefined);
    }
    const issued = harness.issuesCredentials?.(expected.output);
    if (issued) {
      this.world.noteCredentials(issued.accessKeyId);
      const theirs = actual.ok ? harness.issuesCredentials!(actual.output) : undefined;
      if (theirs) this.credentials.set(issued.accessKeyId, theirs);
    }
    const openIdToken = harness.openIdToken?.(expected.output);
    const identityId = field("IdentityId")(expected.output);
    if (openIdToken !== undefined && identityId !== undefined) {
      const claims = jwtClaims(openIdToken);
      this.world.noteOpenIdToken({ token: openIdToken, identityId, lifetime: Number(claims?.exp) - Number(claims?.iat) });
      this.pairTokens(openIdToken, actual.ok ? harness.openIdToken!(actual.output) : undefined, true);
    }
    return conflict;
  }

  /** A token the model handed out stands for the target's; without one, later uses of it are cascades. */
  private pairTokens(model: string, target: string | undefined, embedded = false): void {
    if (target !== undefined) this.ids.pairTokens(model, target, embedded);
    else this.tainted.add(model);
  }

  /**
   * After a difference: a target that refused did nothing, so the model keeps its state; a
   * target that accepted what the model refused has its creation undone; what else may now
   * differ (the resources the command named) is tainted, and later differences about it are
   * cascades, not divergences.
   */
  private async resynchronize(
    harness: OperationHarness,
    input: unknown,
    next: typeof this.world.state,
    expected: Result,
    actual: Outcome,
    difference: Difference | undefined,
  ): Promise<void> {
    if (!difference) {
      this.world.state = next;
      return;
    }
    if (expected.ok && actual.ok) {
      this.world.state = next;
      if (harness.mutates) this.taint(input, expected.output);
      return;
    }
    if (expected.ok && !actual.ok) {
      if (actual.crash && harness.mutates) this.taint(input);
      return;
    }
    if (!expected.ok && actual.ok) {
      const created = harness.creates?.id(actual.output);
      // Only a fresh id is the target's creation; an id already paired is an existing resource answered.
      if (harness.creates && created !== undefined && this.ids.toModel(created) === created) {
        const removal = resourceKinds[harness.creates.kind].removal(created);
        const undone = await this.env.target.send(removal.op, removal.input);
        if (!undone.ok) this.taint(input);
      } else if (harness.mutates) this.taint(input);
    }
  }

  private taint(...values: unknown[]): void {
    for (const id of mentioned(values, this.world.allCreated())) this.tainted.add(id);
  }
}

/** The answer as compared: opaque members replaced by what can be compared (OperationHarness.view). */
function viewOf<T extends Result | Outcome>(harness: OperationHarness, outcome: T): T {
  return harness.view && outcome.ok ? { ...outcome, output: harness.view(outcome.output) } : outcome;
}
