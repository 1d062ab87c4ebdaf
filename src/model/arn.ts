// Identity pool ARNs: arn:{partition}:cognito-identity:{region}:{account}:identitypool/{IdentityPoolId}.
import { matchesPattern } from "./patterns.js";
import { partitionOfRegion } from "./regions.js";
import { shapeNamed } from "./shapes.js";

/** ID-4: the partition of a Region, from botocore's partitions; `aws` for a name none of them knows. */
export function partitionOf(region: string): string {
  return partitionOfRegion(region)?.id ?? "aws";
}

export function poolArn(account: string, region: string, poolId: string): string {
  return `arn:${partitionOf(region)}:cognito-identity:${region}:${account}:identitypool/${poolId}`;
}

export interface ParsedPoolArn {
  partition: string;
  region: string;
  account: string;
  poolId: string;
}

const ARN = /^arn:(aws[a-z-]*):cognito-identity:([a-z0-9-]+):(\d{12}):identitypool\/(.+)$/;

/** Parses an identity pool ARN; undefined when it is not one (TAG-7). */
export function parsePoolArn(arn: string): ParsedPoolArn | undefined {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  const [, partition, region, account, poolId] = m as unknown as [string, string, string, string, string];
  const idShape = shapeNamed("IdentityPoolId");
  if (poolId.length > (idShape.max ?? Infinity) || !matchesPattern(idShape.pattern!, poolId)) return undefined;
  return { partition, region, account, poolId };
}

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;

/** A role ARN's partition, account and name (the last path element); undefined when it is not one. */
export function parseRoleArn(arn: string): { partition: string; account: string; name: string } | undefined {
  const m = ROLE_ARN.exec(arn);
  return m ? { partition: m[1]!, account: m[2]!, name: m[3]! } : undefined;
}
