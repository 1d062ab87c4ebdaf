// Commands and results. The inputs and outputs are the SDK's own types.
import type {
  CreateIdentityPoolInput,
  DeleteIdentitiesInput,
  DeleteIdentitiesResponse,
  DescribeIdentityInput,
  GetCredentialsForIdentityInput,
  GetCredentialsForIdentityResponse,
  GetIdentityPoolRolesInput,
  GetIdentityPoolRolesResponse,
  GetIdInput,
  GetIdResponse,
  GetOpenIdTokenInput,
  GetOpenIdTokenResponse,
  GetOpenIdTokenForDeveloperIdentityInput,
  GetOpenIdTokenForDeveloperIdentityResponse,
  LookupDeveloperIdentityInput,
  LookupDeveloperIdentityResponse,
  MergeDeveloperIdentitiesInput,
  MergeDeveloperIdentitiesResponse,
  UnlinkDeveloperIdentityInput,
  GetPrincipalTagAttributeMapInput,
  GetPrincipalTagAttributeMapResponse,
  IdentityDescription,
  ListIdentitiesInput,
  ListIdentitiesResponse,
  SetIdentityPoolRolesInput,
  SetPrincipalTagAttributeMapInput,
  SetPrincipalTagAttributeMapResponse,
  UnlinkIdentityInput,
  DeleteIdentityPoolInput,
  DescribeIdentityPoolInput,
  IdentityPool,
  ListIdentityPoolsInput,
  ListIdentityPoolsResponse,
  ListTagsForResourceInput,
  ListTagsForResourceResponse,
  TagResourceInput,
  TagResourceResponse,
  UntagResourceInput,
  UntagResourceResponse,
} from "@aws-sdk/client-cognito-identity";
import type { ModelError } from "./errors.js";

/** Every operation the model implements, with its input and output. */
export interface Operations {
  CreateIdentityPool: { input: CreateIdentityPoolInput; output: IdentityPool };
  DescribeIdentityPool: { input: DescribeIdentityPoolInput; output: IdentityPool };
  UpdateIdentityPool: { input: IdentityPool; output: IdentityPool };
  DeleteIdentityPool: { input: DeleteIdentityPoolInput; output: Record<string, never> };
  ListIdentityPools: { input: ListIdentityPoolsInput; output: ListIdentityPoolsResponse };
  TagResource: { input: TagResourceInput; output: TagResourceResponse };
  UntagResource: { input: UntagResourceInput; output: UntagResourceResponse };
  ListTagsForResource: { input: ListTagsForResourceInput; output: ListTagsForResourceResponse };
  GetId: { input: GetIdInput; output: GetIdResponse };
  GetCredentialsForIdentity: { input: GetCredentialsForIdentityInput; output: GetCredentialsForIdentityResponse };
  GetOpenIdToken: { input: GetOpenIdTokenInput; output: GetOpenIdTokenResponse };
  DescribeIdentity: { input: DescribeIdentityInput; output: IdentityDescription };
  ListIdentities: { input: ListIdentitiesInput; output: ListIdentitiesResponse };
  DeleteIdentities: { input: DeleteIdentitiesInput; output: DeleteIdentitiesResponse };
  UnlinkIdentity: { input: UnlinkIdentityInput; output: Record<string, never> };
  GetIdentityPoolRoles: { input: GetIdentityPoolRolesInput; output: GetIdentityPoolRolesResponse };
  SetIdentityPoolRoles: { input: SetIdentityPoolRolesInput; output: Record<string, never> };
  GetPrincipalTagAttributeMap: { input: GetPrincipalTagAttributeMapInput; output: GetPrincipalTagAttributeMapResponse };
  SetPrincipalTagAttributeMap: { input: SetPrincipalTagAttributeMapInput; output: SetPrincipalTagAttributeMapResponse };
  GetOpenIdTokenForDeveloperIdentity: {
    input: GetOpenIdTokenForDeveloperIdentityInput;
    output: GetOpenIdTokenForDeveloperIdentityResponse;
  };
  LookupDeveloperIdentity: { input: LookupDeveloperIdentityInput; output: LookupDeveloperIdentityResponse };
  MergeDeveloperIdentities: { input: MergeDeveloperIdentitiesInput; output: MergeDeveloperIdentitiesResponse };
  UnlinkDeveloperIdentity: { input: UnlinkDeveloperIdentityInput; output: Record<string, never> };
}

export type OperationName = keyof Operations;

export const operationNames = [
  "CreateIdentityPool",
  "DescribeIdentityPool",
  "UpdateIdentityPool",
  "DeleteIdentityPool",
  "ListIdentityPools",
  "TagResource",
  "UntagResource",
  "ListTagsForResource",
  "GetId",
  "GetCredentialsForIdentity",
  "GetOpenIdToken",
  "DescribeIdentity",
  "ListIdentities",
  "DeleteIdentities",
  "UnlinkIdentity",
  "GetIdentityPoolRoles",
  "SetIdentityPoolRoles",
  "GetPrincipalTagAttributeMap",
  "SetPrincipalTagAttributeMap",
  "GetOpenIdTokenForDeveloperIdentity",
  "LookupDeveloperIdentity",
  "MergeDeveloperIdentities",
  "UnlinkDeveloperIdentity",
] as const satisfies readonly OperationName[];

export function isOperationName(op: unknown): op is OperationName {
  return typeof op === "string" && (operationNames as readonly string[]).includes(op);
}

/** Who calls, where, and when: everything the model needs from outside. `now` is epoch milliseconds. */
export interface Context {
  account: string;
  /** The Region of the endpoint the request was sent to. */
  region: string;
  now: number;
  /**
   * True when the request did not reveal its endpoint's Region (an unsigned call to an address that
   * names none, such as `127.0.0.1`): the public operations then take the Region from the id they
   * are given (IDN-4, IDN-16). Absent or false: `region` is the endpoint's, as on AWS.
   */
  regionUnknown?: boolean;
  /** The access key id the request was signed with; absent for an unsigned request (STS-10). */
  accessKeyId?: string;
  /**
   * ID-10: the id CreateIdentityPool gives the pool it creates, instead of the generator's next.
   * Init files set it (spec/init.md); no request ever does.
   */
  id?: string;
}

export type Command = {
  [K in OperationName]: { op: K; input: Operations[K]["input"]; context: Context };
}[OperationName];

/** What `step` accepts: a typed command, or anything a client may send. */
export interface RawCommand {
  /** `sts` for the STS operations (spec/sts.md), `init` for the seed operations of init files (spec/init.md); Cognito Identity when absent. */
  service?: "sts" | "init";
  op: string;
  input: unknown;
  context: Context;
}

export type Result<T = unknown> = { ok: true; output: T } | { ok: false; error: ModelError };

export const ok = <T>(output: T): Result<T> => ({ ok: true, output });
export const fail = (error: ModelError): { ok: false; error: ModelError } => ({ ok: false, error });
