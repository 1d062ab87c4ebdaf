// The credentials a state issued (CRED-12) and, once long expired, only that it issued them
// (CRED-14). Live records by access key id; an index by expiration, so the next record to forget
// is found in O(log n); and the generator positions of the forgotten ones, as runs of consecutive
// positions: a stream of identical calls leaves one run, whatever its length.
import type { IssuedCredentials } from "./identity-state.js";
import { credentialPosition } from "./keygen.js";
import { PMap } from "./pmap.js";

/** CRED-14: how long after their expiration credentials are still described. */
export const FORGET_AFTER_MS = 3_600_000;
/** CRED-14: at most this many records are forgotten per issuing command; more than one, so a backlog shrinks. */
const FORGET_PER_ISSUE = 2;

type Runs = PMap<number, number>;

/** The runs with `position` added, merged with the runs it touches. */
function withPosition(runs: Runs, position: number): Runs {
  const before = runs.atOrBefore(position);
  if (before && position < before[1]) return runs;
  const after = runs.get(position + 1);
  const start = before && before[1] === position ? before[0] : position;
  return (after === undefined ? runs : runs.delete(position + 1)).set(start, after ?? position + 1);
}

/**
 * CRED-14: what is wrong with a snapshot's runs of forgotten positions, for a generator at
 * `counter`: each `[first, after last]` with first < after last <= counter, in order, apart.
 */
export function forgottenRunsProblem(runs: readonly (readonly [number, number])[], counter: number): string | undefined {
  let end = 0;
  for (const [index, [first, after]] of runs.entries()) {
    if (first < end || after <= first || after > counter) return `run ${index} [${first}, ${after}] is not after the previous one, empty, or past the id counter ${counter}`;
    end = after;
  }
  return undefined;
}

export class CredentialRegistry {
  private constructor(
    private readonly live: PMap<string, IssuedCredentials>,
    /** expiration -> the access key ids that expire then. */
    private readonly expiring: PMap<number, PMap<string, true>>,
    /** First position -> the position after the last, of each run of forgotten credentials. */
    private readonly forgotten: Runs,
  ) {}

  static readonly empty = new CredentialRegistry(PMap.empty(), PMap.empty(), PMap.empty());

  /** From a snapshot's `credentials` and `forgottenCredentials`, checked as WIRE-29 says. */
  static fromSnapshot(records: readonly IssuedCredentials[], runs: readonly (readonly [number, number])[]): CredentialRegistry {
    const forgotten = PMap.fromEntries(runs.map(([first, end]) => [first, end] as [number, number]));
    return records.reduce<CredentialRegistry>((registry, issued) => registry.with(issued), new CredentialRegistry(PMap.empty(), PMap.empty(), forgotten));
  }

  /** Credentials still described. */
  get size(): number {
    return this.live.size;
  }

  get(accessKeyId: string): IssuedCredentials | undefined {
    return this.live.get(accessKeyId);
  }

  /** In access key id order. */
  values(): IssuedCredentials[] {
    return this.live.values();
  }

  /** The runs of forgotten positions, `[first, after last]`, in order. */
  forgottenRuns(): [number, number][] {
    return this.forgotten.entries();
  }

  /** CRED-14: whether a generator of `seed` issued these credentials and they were forgotten since. */
  forgot(accessKeyId: string, seed: number): boolean {
    if (this.forgotten.size === 0) return false;
    const position = credentialPosition(seed, accessKeyId);
    if (position === undefined) return false;
    const run = this.forgotten.atOrBefore(position);
    return run !== undefined && position < run[1];
  }

  /** CRED-12, CRED-14: records the new credentials, after forgetting a few of those long expired at `now`. */
  issue(issued: IssuedCredentials, now: number, seed: number): CredentialRegistry {
    return this.forgetExpired(now, seed).with(issued);
  }

  private with(issued: IssuedCredentials): CredentialRegistry {
    const key = issued.accessKeyId;
    const previous = this.live.get(key);
    const expiring = previous ? this.withoutExpiring(previous.expiration, key) : this.expiring;
    const bucket = expiring.get(issued.expiration) ?? PMap.empty<string, true>();
    return new CredentialRegistry(this.live.set(key, issued), expiring.set(issued.expiration, bucket.set(key, true)), this.forgotten);
  }

  private withoutExpiring(expiration: number, key: string): PMap<number, PMap<string, true>> {
    const bucket = this.expiring.get(expiration);
    if (!bucket) return this.expiring;
    const rest = bucket.delete(key);
    return rest.size === 0 ? this.expiring.delete(expiration) : this.expiring.set(expiration, rest);
  }

  private forgetExpired(now: number, seed: number): CredentialRegistry {
    let registry: CredentialRegistry = this;
    for (let i = 0; i < FORGET_PER_ISSUE; i++) {
      const oldest = registry.expiring.first();
      if (!oldest || !(oldest[0] + FORGET_AFTER_MS <= now)) break;
      const key = oldest[1].first()![0];
      // A record whose key no position of this seed gives (a hand-made snapshot) leaves no trace.
      const position = credentialPosition(seed, key);
      registry = new CredentialRegistry(
        registry.live.delete(key),
        registry.withoutExpiring(oldest[0], key),
        position === undefined ? registry.forgotten : withPosition(registry.forgotten, position),
      );
    }
    return registry;
  }
}
