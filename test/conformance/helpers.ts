import { World } from "../../src/conformance/world.js";
import { step, testLogin, userPoolProviderName } from "../../src/model/index.js";
import type { Outcome, SendOptions, Target } from "../../src/conformance/target.js";

/** The same target without `reset`: the harness must then clean up after each run itself. */
export function withoutReset(target: Target): Target {
  return {
    name: target.name,
    account: target.account,
    region: target.region,
    revealsRegion: target.revealsRegion,
    ...(target.sharesSigningKey ? { sharesSigningKey: true } : {}),
    send: (op, input, options) => target.send(op, input, options),
  };
}

/** Wraps a target: `change` may replace the answer to one command. */
export function intercepting(
  target: Target,
  change: (op: string, input: unknown, outcome: Outcome, options?: SendOptions) => Outcome,
): Target & { calls: { op: string; input: unknown }[] } {
  const calls: { op: string; input: unknown }[] = [];
  const wrapped: Target & { calls: typeof calls } = {
    name: target.name,
    account: target.account,
    region: target.region,
    revealsRegion: target.revealsRegion,
    ...(target.sharesSigningKey ? { sharesSigningKey: true } : {}),
    calls,
    async send(op, input, options) {
      calls.push({ op, input });
      return change(op, input, await target.send(op, input, options), options);
    },
  };
  if (target.reset) wrapped.reset = () => target.reset!();
  return wrapped;
}

/** The target, except that one operation is answered by `outcome` without reaching it. */
export function answering(target: Target, op: string, outcome: Outcome): Target {
  return { ...target, send: async (o, input) => (o === op ? outcome : target.send(o, input)) };
}

/**
 * A world with two pools (one with a public provider, a user pool, a developer provider and
 * guests; one with nothing), a guest, a Facebook user and a developer user in the first, a
 * guest in the second, and an OpenID token of the developer user.
 */
export function populatedWorld(): World {
  const world = new World({ seed: 1 }, "123456789012", "us-east-1");
  let key = 0;
  const run = (op: string, input: Record<string, unknown>) => {
    const [next, result] = step(world.state, { op, input, context: world.context(Date.now()) });
    if (!result.ok) throw new Error(`${op}: ${result.error.message}`);
    world.state = next;
    return result.output as Record<string, string>;
  };
  const pool = (settings: Record<string, unknown>) => {
    const id = run("CreateIdentityPool", { IdentityPoolName: "p", AllowUnauthenticatedIdentities: true, ...settings }).IdentityPoolId!;
    world.noteCreated("pool", id, (key += 10));
    return id;
  };
  const identity = (op: string, input: Record<string, unknown>) => {
    const output = run(op, input);
    world.noteCreated("identity", output.IdentityId!, (key += 10));
    return output;
  };
  const first = pool({
    SupportedLoginProviders: { "graph.facebook.com": "app1" },
    CognitoIdentityProviders: [{ ProviderName: userPoolProviderName("us-east-1_Example"), ClientId: "client1" }],
    DeveloperProviderName: "login.dev",
  });
  const second = pool({});
  identity("GetId", { IdentityPoolId: first });
  identity("GetId", { IdentityPoolId: first, Logins: testLogin.facebook("app1", "u0") });
  const developer = identity("GetOpenIdTokenForDeveloperIdentity", { IdentityPoolId: first, Logins: { "login.dev": "d0" } });
  world.noteOpenIdToken({ token: developer.Token!, identityId: developer.IdentityId!, lifetime: 900 });
  identity("GetId", { IdentityPoolId: second });
  return world;
}
