// The model side of one run: the pure model's state in a mutable holder (fast-check's model
// runner mutates its model), plus what the run has seen that the state forgets.
import { initialState, type Context, type ModelConfigInput, type Pool, type State } from "../model/index.js";
import type { Identity } from "../model/identity-state.js";
import { namespaceOf } from "../model/state.js";
import { identitiesOfPool, resourceKinds, type ResourceKindName } from "./resources.js";

/** A pagination token the model returned, with the input of the call that got it. */
export interface PageToken {
  token: string;
  input: Readonly<Record<string, unknown>>;
}

/** An OpenID token the model issued, for later calls that present it as a login. */
export interface IssuedToken {
  token: string;
  identityId: string;
  /** Seconds from issue to expiry. */
  lifetime: number;
}

/** The Region of the commands sent elsewhere: one that is not the target's. */
export const otherRegion = (region: string) => (region === "eu-west-1" ? "us-west-2" : "eu-west-1");

export class World {
  state: State;
  private readonly created = new Map<ResourceKindName, { id: string; key: number }[]>();
  private readonly pageTokens = new Map<string, PageToken[]>();
  readonly openIdTokens: IssuedToken[] = [];
  /** The time of the command being made (epoch milliseconds), for inputs that depend on it. */
  now = 0;
  /** Access key ids of the credentials the model issued, for calls signed with them. */
  readonly credentials: string[] = [];

  constructor(
    config: ModelConfigInput,
    readonly account: string,
    readonly region: string,
    /** Target.sharesSigningKey: tokens the model makes itself are the target's too. */
    readonly forgesTokens = false,
  ) {
    this.state = initialState(config);
  }

  /**
   * The model's context of a command: in the run's Region or `elsewhere`; `regionUnknown` when the
   * target cannot tell the Region of an unsigned request (Target.revealsRegion).
   */
  context(now: number, where: { elsewhere?: boolean; regionUnknown?: boolean } = {}): Context {
    const region = where.elsewhere ? otherRegion(this.region) : this.region;
    return { account: this.account, region, now, ...(where.regionUnknown ? { regionUnknown: true } : {}) };
  }

  live(kind: ResourceKindName): string[] {
    return resourceKinds[kind].live(this.state, this.account, this.region);
  }

  /**
   * The live (or deleted) resource whose reference key is nearest to `key`, the earliest on a
   * tie; only among `within` when given. Removing another resource's creation does not change
   * which one is found, so shrinking can drop unrelated commands.
   */
  nearest(kind: ResourceKindName, key: number, among: "live" | "deleted", within?: ReadonlySet<string>): string | undefined {
    const live = new Set(this.live(kind));
    let best: { id: string; key: number } | undefined;
    for (const c of this.created.get(kind) ?? []) {
      if (live.has(c.id) !== (among === "live") || (within && !within.has(c.id))) continue;
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

  tokensOf(op: string): readonly PageToken[] {
    return this.pageTokens.get(op) ?? [];
  }

  noteToken(op: string, token: string, input: Readonly<Record<string, unknown>>): void {
    const tokens = this.pageTokens.get(op) ?? [];
    if (!tokens.some((t) => t.token === token)) this.pageTokens.set(op, [...tokens, { token, input }]);
  }

  noteOpenIdToken(issued: IssuedToken): void {
    if (!this.openIdTokens.some((t) => t.token === issued.token)) this.openIdTokens.push(issued);
  }

  noteCredentials(accessKeyId: string): void {
    if (!this.credentials.includes(accessKeyId)) this.credentials.push(accessKeyId);
  }

  pool(id: string): Pool | undefined {
    return namespaceOf(this.state, this.account, this.region).pools.get(id);
  }

  identity(id: string): Identity | undefined {
    return this.state.identities.get(id);
  }

  /** The id of the pool an identity belongs to, while both exist. */
  poolOfIdentity(id: string): string | undefined {
    const identity = this.identity(id);
    return identity ? this.state.poolData.get(identity.pool)?.poolId : undefined;
  }

  identitiesOf(poolId: string): string[] {
    return identitiesOfPool(this.state, this.account, this.region, poolId);
  }

  /** The developer user identifiers linked in a pool, identity by identity. */
  developerIdentifiers(poolId: string): string[] {
    const provider = this.pool(poolId)?.developerProviderName;
    if (provider === undefined) return [];
    return this.identitiesOf(poolId).flatMap((id) => this.identity(id)!.logins.filter((l) => l.provider === provider).map((l) => l.subject));
  }
}
