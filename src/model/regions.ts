// Region names and Cognito user-pool provider names, read from botocore's partitions and the
// user-pool service model (both copied into spec/shapes.json by `npm run spec:import`).
import { service } from "./shapes.js";

const partitions = service.partitions.map((p) => ({ ...p, regex: new RegExp(p.regionRegex) }));

/** The partition a Region name belongs to; undefined when the name is no Region of any partition. */
export function partitionOfRegion(name: string): { id: string; dnsSuffix: string } | undefined {
  const found = partitions.find((p) => p.regex.test(name));
  return found && { id: found.id, dnsSuffix: found.dnsSuffix };
}

export const isRegionName = (name: string): boolean => partitionOfRegion(name) !== undefined;

const userPoolId = service.userPoolShapes.UserPoolIdType;
const userPoolIdPattern = new RegExp(`^(?:${userPoolId.pattern})$`);
const PROVIDER_NAME = /^cognito-idp\.([^./]+)\.([^/]+)\/(.*)$/;

/**
 * POOL-14: `cognito-idp.<region>.<partition's DNS suffix>/<user pool id>`, the user pool id as the
 * user-pool service models it; undefined for anything else (a bare user pool id, an ARN, a URL).
 */
export function parseCognitoProviderName(name: string): { region: string; userPoolId: string } | undefined {
  const m = PROVIDER_NAME.exec(name);
  if (!m) return undefined;
  const [, region, suffix, id] = m as unknown as [string, string, string, string];
  const partition = partitionOfRegion(region);
  if (!partition || partition.dnsSuffix !== suffix) return undefined;
  if (id.length < (userPoolId.min ?? 1) || id.length > (userPoolId.max ?? Infinity) || !userPoolIdPattern.test(id)) return undefined;
  return { region, userPoolId: id };
}
