// The heart: step(state, command) -> [state, result]. Pure: no clock, no randomness, no I/O.
// Order (spec/validation.md VAL-1): operation known -> JSON kinds -> shape constraints ->
// request rate -> the operation's own rules. A refused command returns the state it was given.
import { match } from "ts-pattern";
import { messages, modelError } from "./errors.js";
import { operationSpec } from "./shapes.js";
import { modeledInput, validateInput } from "./validate.js";
import { countRequest, isThrottled } from "./rates.js";
import type { State } from "./state.js";
import { fail, isOperationName, type Command, type Operations, type OperationName, type RawCommand, type Result } from "./types.js";
import {
  createIdentityPool,
  deleteIdentityPool,
  describeIdentityPool,
  listIdentityPools,
  updateIdentityPool,
} from "./operations/pools.js";
import { listTagsForResource, tagResource, untagResource } from "./operations/tags.js";
import { deleteIdentities, describeIdentity, getId, listIdentities, unlinkIdentity } from "./operations/identities.js";
import { getCredentialsForIdentity, getOpenIdToken } from "./operations/credentials.js";
import { getIdentityPoolRoles, setIdentityPoolRoles } from "./operations/roles.js";
import { getPrincipalTagAttributeMap, setPrincipalTagAttributeMap } from "./operations/principal-tags.js";
import { stsStep } from "./operations/sts.js";
import { initStep } from "./operations/init.js";
import {
  getOpenIdTokenForDeveloperIdentity,
  lookupDeveloperIdentity,
  mergeDeveloperIdentities,
  unlinkDeveloperIdentity,
} from "./operations/developer.js";

export function step<Op extends OperationName>(
  state: State,
  command: Extract<Command, { op: Op }>,
): [State, Result<Operations[Op]["output"]>];
export function step(state: State, command: RawCommand): [State, Result];
export function step(state: State, command: RawCommand): [State, Result] {
  const { op, input, context: ctx } = command;
  if (command.service === "sts") return stepSts(state, ctx, op, input);
  if (command.service === "init") return initStep(state, ctx, op, input);
  if (!isOperationName(op)) return [state, fail(modelError("UnknownOperationException", messages.unknownOperation(String(op))))];
  const invalid = validateInput(operationSpec(op)!.input!.shape, input);
  if (invalid) return [state, fail(invalid)];
  if (isThrottled(state, ctx, op)) return [state, fail(modelError("TooManyRequestsException", messages.rateExceeded()))];

  const valid = (modeledInput(operationSpec(op)!.input!.shape, input ?? {}) ?? {}) as never;
  const [next, result] = match(op)
    .returnType<[State, Result]>()
    .with("CreateIdentityPool", () => createIdentityPool(state, ctx, valid))
    .with("DescribeIdentityPool", () => describeIdentityPool(state, ctx, valid))
    .with("UpdateIdentityPool", () => updateIdentityPool(state, ctx, valid))
    .with("DeleteIdentityPool", () => deleteIdentityPool(state, ctx, valid))
    .with("ListIdentityPools", () => listIdentityPools(state, ctx, valid))
    .with("TagResource", () => tagResource(state, ctx, valid))
    .with("UntagResource", () => untagResource(state, ctx, valid))
    .with("ListTagsForResource", () => listTagsForResource(state, ctx, valid))
    .with("GetId", () => getId(state, ctx, valid))
    .with("GetCredentialsForIdentity", () => getCredentialsForIdentity(state, ctx, valid))
    .with("GetOpenIdToken", () => getOpenIdToken(state, ctx, valid))
    .with("DescribeIdentity", () => describeIdentity(state, ctx, valid))
    .with("ListIdentities", () => listIdentities(state, ctx, valid))
    .with("DeleteIdentities", () => deleteIdentities(state, ctx, valid))
    .with("UnlinkIdentity", () => unlinkIdentity(state, ctx, valid))
    .with("GetIdentityPoolRoles", () => getIdentityPoolRoles(state, ctx, valid))
    .with("SetIdentityPoolRoles", () => setIdentityPoolRoles(state, ctx, valid))
    .with("GetPrincipalTagAttributeMap", () => getPrincipalTagAttributeMap(state, ctx, valid))
    .with("SetPrincipalTagAttributeMap", () => setPrincipalTagAttributeMap(state, ctx, valid))
    .with("GetOpenIdTokenForDeveloperIdentity", () => getOpenIdTokenForDeveloperIdentity(state, ctx, valid))
    .with("LookupDeveloperIdentity", () => lookupDeveloperIdentity(state, ctx, valid))
    .with("MergeDeveloperIdentities", () => mergeDeveloperIdentities(state, ctx, valid))
    .with("UnlinkDeveloperIdentity", () => unlinkDeveloperIdentity(state, ctx, valid))
    .exhaustive();
  return result.ok ? [countRequest(next, ctx, op), result] : [state, result];
}

/** STS-1: the STS operations share the state; a refused command returns the state it was given. */
function stepSts(state: State, ctx: RawCommand["context"], op: string, input: unknown): [State, Result] {
  const [next, result] = stsStep(state, ctx, op, input);
  return result.ok ? [next, result] : [state, result];
}
