// The harness of each modelled operation. A new operation is one file next to these and one
// line below; until then the check leaves it out and says so.
import { checkableOperationNames, type CheckedOperationName, type OperationHarness } from "../operation.js";
import { assumeRoleWithWebIdentity } from "./assume-role-with-web-identity.js";
import { getCallerIdentity } from "./get-caller-identity.js";
import { createIdentityPool } from "./create-identity-pool.js";
import { deleteIdentities } from "./delete-identities.js";
import { deleteIdentityPool } from "./delete-identity-pool.js";
import { describeIdentity } from "./describe-identity.js";
import { describeIdentityPool } from "./describe-identity-pool.js";
import { getCredentialsForIdentity } from "./get-credentials-for-identity.js";
import { getId } from "./get-id.js";
import { getIdentityPoolRoles } from "./get-identity-pool-roles.js";
import { getOpenIdTokenForDeveloperIdentity } from "./get-open-id-token-for-developer-identity.js";
import { getOpenIdToken } from "./get-open-id-token.js";
import { getPrincipalTagAttributeMap } from "./get-principal-tag-attribute-map.js";
import { listIdentities } from "./list-identities.js";
import { listIdentityPools } from "./list-identity-pools.js";
import { listTagsForResource } from "./list-tags-for-resource.js";
import { lookupDeveloperIdentity } from "./lookup-developer-identity.js";
import { mergeDeveloperIdentities } from "./merge-developer-identities.js";
import { setIdentityPoolRoles } from "./set-identity-pool-roles.js";
import { setPrincipalTagAttributeMap } from "./set-principal-tag-attribute-map.js";
import { tagResource } from "./tag-resource.js";
import { unlinkDeveloperIdentity } from "./unlink-developer-identity.js";
import { unlinkIdentity } from "./unlink-identity.js";
import { untagResource } from "./untag-resource.js";
import { updateIdentityPool } from "./update-identity-pool.js";

type AnyHarness = OperationHarness<any>;

export const harnesses: Partial<Record<CheckedOperationName, AnyHarness>> = {
  CreateIdentityPool: createIdentityPool,
  DescribeIdentityPool: describeIdentityPool,
  UpdateIdentityPool: updateIdentityPool,
  DeleteIdentityPool: deleteIdentityPool,
  ListIdentityPools: listIdentityPools,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  GetId: getId,
  GetCredentialsForIdentity: getCredentialsForIdentity,
  GetOpenIdToken: getOpenIdToken,
  DescribeIdentity: describeIdentity,
  ListIdentities: listIdentities,
  DeleteIdentities: deleteIdentities,
  UnlinkIdentity: unlinkIdentity,
  GetIdentityPoolRoles: getIdentityPoolRoles,
  SetIdentityPoolRoles: setIdentityPoolRoles,
  GetPrincipalTagAttributeMap: getPrincipalTagAttributeMap,
  SetPrincipalTagAttributeMap: setPrincipalTagAttributeMap,
  GetOpenIdTokenForDeveloperIdentity: getOpenIdTokenForDeveloperIdentity,
  LookupDeveloperIdentity: lookupDeveloperIdentity,
  MergeDeveloperIdentities: mergeDeveloperIdentities,
  UnlinkDeveloperIdentity: unlinkDeveloperIdentity,
  AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
  GetCallerIdentity: getCallerIdentity,
};

export const harnessOf = (op: string): AnyHarness | undefined =>
  (checkableOperationNames as readonly string[]).includes(op) ? harnesses[op as CheckedOperationName] : undefined;

/** Modelled operations the check can generate. */
export const checkedOperations: CheckedOperationName[] = checkableOperationNames.filter((op) => harnesses[op] !== undefined);

/** Modelled operations without a harness yet. */
export const uncheckedOperations: CheckedOperationName[] = checkableOperationNames.filter((op) => harnesses[op] === undefined);

/** The operations to generate for a selection: the selection plus what it needs, in model order. */
export function withNeeds(selection: readonly CheckedOperationName[]): CheckedOperationName[] {
  const wanted = new Set<CheckedOperationName>(selection.filter((op) => harnesses[op] !== undefined));
  for (const op of [...wanted]) for (const need of harnesses[op]!.needs ?? []) wanted.add(need);
  return checkedOperations.filter((op) => wanted.has(op));
}
