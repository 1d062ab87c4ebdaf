// The harness of each modelled operation. A new operation is one file next to these and one
// line below; until then the check leaves it out and says so.
import { operationNames, type OperationName } from "../../model/index.js";
import type { OperationHarness } from "../operation.js";
import { createIdentityPool } from "./create-identity-pool.js";
import { deleteIdentityPool } from "./delete-identity-pool.js";
import { describeIdentityPool } from "./describe-identity-pool.js";
import { listIdentityPools } from "./list-identity-pools.js";
import { listTagsForResource } from "./list-tags-for-resource.js";
import { tagResource } from "./tag-resource.js";
import { untagResource } from "./untag-resource.js";
import { updateIdentityPool } from "./update-identity-pool.js";

type AnyHarness = OperationHarness<any>;

export const harnesses: Partial<Record<OperationName, AnyHarness>> = {
  CreateIdentityPool: createIdentityPool,
  DescribeIdentityPool: describeIdentityPool,
  UpdateIdentityPool: updateIdentityPool,
  DeleteIdentityPool: deleteIdentityPool,
  ListIdentityPools: listIdentityPools,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

export const harnessOf = (op: string): AnyHarness | undefined =>
  (operationNames as readonly string[]).includes(op) ? harnesses[op as OperationName] : undefined;

/** Modelled operations the check can generate. */
export const checkedOperations: OperationName[] = operationNames.filter((op) => harnesses[op] !== undefined);

/** Modelled operations without a harness yet. */
export const uncheckedOperations: OperationName[] = operationNames.filter((op) => harnesses[op] === undefined);

/** The operations to generate for a selection: the selection plus what it needs, in model order. */
export function withNeeds(selection: readonly OperationName[]): OperationName[] {
  const wanted = new Set<OperationName>(selection.filter((op) => harnesses[op] !== undefined));
  for (const op of [...wanted]) for (const need of harnesses[op]!.needs ?? []) wanted.add(need);
  return checkedOperations.filter((op) => wanted.has(op));
}
