// Random command sequences over the model's operations, for the model's own properties.
// Pools are referenced by index into the live pools at the time the command runs.
import fc from "fast-check";
import { initialState, poolArn, step, type RawCommand, type State } from "../../src/model/index.js";
import { namespaceOf } from "../../src/model/state.js";

export const context = { account: "123456789012", region: "us-east-1", now: 1_700_000_000_000 };

/** A command whose pool reference is resolved against the state it runs in. */
export type Planned = (state: State) => RawCommand;

export function livePoolIds(state: State): string[] {
  return namespaceOf(state, context.account, context.region).order.values();
}

const poolRef = fc.nat();
const pick = (state: State, index: number): string =>
  livePoolIds(state)[index % Math.max(1, livePoolIds(state).length)] ?? "us-east-1:00000000-0000-4000-8000-000000000000";

// Mostly valid inputs, so sequences build real state; invalid ones at the edges now and then.
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: invalid });
const name = mostly(
  fc.oneof(fc.constantFrom("pool", "a", "x".repeat(128)), fc.stringMatching(/^[a-z0-9 ]{1,10}$/)),
  fc.oneof(fc.constantFrom("pool#name", "", "x".repeat(129)), fc.string({ maxLength: 8 })),
);
const tagKey = fc.oneof(fc.constantFrom("k1", "k2", "k3", ""), fc.integer({ min: 0, max: 70 }).map((n) => `t${n}`), fc.string({ minLength: 1, maxLength: 3 }));
// Up to 52 keys at once and a shared key space, so sequences reach and cross the 50-tag limit.
const tags = fc.oneof(
  fc.dictionary(tagKey, fc.string({ maxLength: 4 }), { maxKeys: 8 }),
  fc.integer({ min: 40, max: 52 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, "v"]))),
);
const cognitoProvider = fc.record(
  {
    ProviderName: mostly(fc.constant("cognito-idp.us-east-1.amazonaws.com/us-east-1_abc"), fc.constant("bad name")),
    ClientId: fc.constantFrom("client1", "x"),
  },
  { requiredKeys: [] },
);

const poolSettings = fc.record(
  {
    IdentityPoolName: name,
    AllowUnauthenticatedIdentities: fc.boolean(),
    AllowClassicFlow: fc.boolean(),
    DeveloperProviderName: fc.constantFrom("login.example", "login.other"),
    SupportedLoginProviders: mostly<Record<string, string>>(fc.constant({ "graph.facebook.com": "123" }), fc.constant({ "accounts.google.com": "abc " })),
    CognitoIdentityProviders: fc.array(cognitoProvider, { maxLength: 2 }),
    IdentityPoolTags: tags,
  },
  { requiredKeys: ["IdentityPoolName", "AllowUnauthenticatedIdentities"] },
);

const arnOf = (state: State, index: number, variant: number) => {
  const id = pick(state, index);
  switch (variant % 8 < 5 ? 0 : variant % 4) {
    case 0:
      return poolArn(context.account, context.region, id);
    case 1:
      return poolArn("210987654321", context.region, id);
    case 2:
      return `arn:aws:cognito-identity:${context.region}:${context.account}:pool/${id}`;
    default:
      return poolArn(context.account, "eu-west-1", id);
  }
};

const cmd = (op: string, input: unknown): RawCommand => ({ op, input, context });

export const plannedCommand: fc.Arbitrary<Planned> = fc.oneof(
  poolSettings.map((input) => () => cmd("CreateIdentityPool", input)),
  poolRef.map((i) => (s: State) => cmd("DescribeIdentityPool", { IdentityPoolId: pick(s, i) })),
  fc.tuple(poolRef, poolSettings).map(([i, input]) => (s: State) => cmd("UpdateIdentityPool", { ...input, IdentityPoolId: pick(s, i) })),
  poolRef.map((i) => (s: State) => cmd("DeleteIdentityPool", { IdentityPoolId: pick(s, i) })),
  fc.integer({ min: -1, max: 61 }).map((max) => () => cmd("ListIdentityPools", { MaxResults: max })),
  fc.tuple(poolRef, fc.nat(), tags).map(([i, v, t]) => (s: State) => cmd("TagResource", { ResourceArn: arnOf(s, i, v), Tags: t })),
  fc.tuple(poolRef, fc.nat(), fc.array(tagKey, { maxLength: 5 })).map(
    ([i, v, keys]) => (s: State) => cmd("UntagResource", { ResourceArn: arnOf(s, i, v), TagKeys: keys }),
  ),
  fc.tuple(poolRef, fc.nat()).map(([i, v]) => (s: State) => cmd("ListTagsForResource", { ResourceArn: arnOf(s, i, v) })),
);

export const plannedCommands = fc.array(plannedCommand, { maxLength: 40 });

/** Runs planned commands from a fresh state, calling `visit` with each step's before/after. */
export function runPlanned(
  planned: Planned[],
  seed = 1,
  visit?: (before: State, command: RawCommand, after: State, result: ReturnType<typeof step>[1]) => void,
): State {
  let state = initialState({ seed });
  for (const plan of planned) {
    const command = plan(state);
    const [next, result] = step(state, command);
    visit?.(state, command, next, result);
    state = next;
  }
  return state;
}
