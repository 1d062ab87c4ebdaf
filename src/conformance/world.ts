// The model side of one run: the pure model's state in a mutable holder (fast-check's model
// runner mutates its model), plus what the run has seen that the state forgets.
import { initialState, type Context, type ModelConfigInput, type Pool, type State } from "../model/index.js";
import { namespaceOf } from "../model/state.js";
import { resourceKinds, type ResourceKindName } from "./resources.js";

export class World {
  state: State;
  private readonly created = new Map<ResourceKindName, { id: string; key: number }[]>();
  /** Pagination tokens the model returned, for later pages. */
  readonly tokens: string[] = [];

  constructor(
    config: ModelConfigInput,
    readonly account: string,
    readonly region: string,
  ) {
    this.state = initialState(config);
  }

  context(now: number): Context {
    return { account: this.account, region: this.region, now };
  }

  live(kind: ResourceKindName): string[] {
    return resourceKinds[kind].live(this.state, this.account, this.region);
  }

  /**
   * The live (or deleted) resource whose reference key is nearest to `key`, the earliest on a
   * tie. Removing another resource's creation does not change which one is found, so shrinking
   * can drop unrelated commands.
   */
  nearest(kind: ResourceKindName, key: number, among: "live" | "deleted"): string | undefined {
    const live = new Set(this.live(kind));
    let best: { id: string; key: number } | undefined;
    for (const c of this.created.get(kind) ?? []) {
      if (live.has(c.id) !== (among === "live")) continue;
      if (!best || Math.abs(c.key - key) < Math.abs(best.key - key)) best = c;
    }
    return best?.id;
  }

  noteCreated(kind: ResourceKindName, id: string, key: number): void {
    const created = this.created.get(kind) ?? [];
    if (!created.some((c) => c.id === id)) this.created.set(kind, [...created, { id, key }]);
  }

  /** Every id created in this run, of every kind. */
  allCreated(): string[] {
    return [...this.created.values()].flat().map((c) => c.id);
  }

  noteToken(token: string): void {
    if (!this.tokens.includes(token)) this.tokens.push(token);
  }

  pool(id: string): Pool | undefined {
    return namespaceOf(this.state, this.account, this.region).pools.get(id);
  }
}
