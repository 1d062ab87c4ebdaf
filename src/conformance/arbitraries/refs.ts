// References to resources. fast-check has no bundles, so a command carries a key that is
// resolved against the model's state when it runs: the live (or deleted) resource whose
// creation key is nearest. Unlike a position, that survives shrinking dropping other creations.
// The variants cover the ids that matter: live, deleted, never created, another Region's, malformed.
import fc from "fast-check";
import { poolArn } from "../../model/index.js";
import type { ResourceKindName } from "../resources.js";
import type { World } from "../world.js";

export type IdRef =
  | { live: number }
  | { deleted: number }
  | { unknown: string }
  | { otherRegion: number; region: string }
  | { upperCase: number }
  | { malformed: string };

const otherRegions = ["eu-west-1", "us-west-2", "ap-southeast-2"];
const otherAccounts = ["111122223333", "000000000000"];

/** Now and then a command goes to the endpoint of another Region (OperationHarness.elsewhere). */
export const elsewhere = fc.oneof({ arbitrary: fc.constant(false), weight: 11 }, { arbitrary: fc.constant(true), weight: 1 });

/** Creation keys and reference keys share this range. */
export const referenceKey = fc.nat({ max: 99 });
const index = referenceKey;

export const idRef: fc.Arbitrary<IdRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ live: index }), weight: 16 },
  { arbitrary: fc.record({ deleted: index }), weight: 2 },
  { arbitrary: fc.record({ unknown: fc.uuid({ version: 4 }) }), weight: 2 },
  { arbitrary: fc.record({ otherRegion: index, region: fc.constantFrom(...otherRegions) }), weight: 1 },
  { arbitrary: fc.record({ upperCase: index }), weight: 1 },
  {
    arbitrary: fc.record({
      malformed: fc.constantFrom("", "bad", "us-east-1_aBcDeFgHi", "us-east-1:", `us-east-1:${"0".repeat(46)}`, "us east 1:0123-abcd"),
    }),
    weight: 1,
  },
);

/**
 * Mostly a live resource: for commands that need an earlier one (an identity's pool, a pool's
 * identities) to be interesting; the other references still come now and then.
 */
export const liveRef: fc.Arbitrary<IdRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ live: index }), weight: 4 },
  { arbitrary: idRef, weight: 1 },
);

/** A well-formed id that no run ever creates. */
const neverCreated = (world: World, n: number) => `${world.region}:00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export function resolveId(ref: IdRef, world: World, kind: ResourceKindName = "pool"): string {
  if ("live" in ref) return world.nearest(kind, ref.live, "live") ?? neverCreated(world, ref.live);
  if ("deleted" in ref) return world.nearest(kind, ref.deleted, "deleted") ?? neverCreated(world, ref.deleted);
  if ("unknown" in ref) return `${world.region}:${ref.unknown}`;
  if ("otherRegion" in ref) {
    const id = resolveId({ live: ref.otherRegion }, world, kind);
    const region = ref.region === world.region ? "eu-central-1" : ref.region;
    return `${region}${id.slice(id.indexOf(":"))}`;
  }
  if ("upperCase" in ref) return resolveId({ live: ref.upperCase }, world, kind).toUpperCase();
  return ref.malformed;
}

export type ArnRef =
  | { arn: "local"; id: IdRef }
  | { arn: "otherAccount"; id: IdRef; account: string }
  | { arn: "otherRegion"; id: IdRef; region: string }
  | { arn: "otherPartition"; id: IdRef }
  | { arn: "bareId"; id: IdRef }
  | { arn: "raw"; value: string };

export const arnRef: fc.Arbitrary<ArnRef> = fc.oneof(
  { withCrossShrink: true },
  { arbitrary: fc.record({ arn: fc.constant("local" as const), id: idRef }), weight: 16 },
  { arbitrary: fc.record({ arn: fc.constant("otherAccount" as const), id: idRef, account: fc.constantFrom(...otherAccounts) }), weight: 1 },
  { arbitrary: fc.record({ arn: fc.constant("otherRegion" as const), id: idRef, region: fc.constantFrom(...otherRegions) }), weight: 1 },
  { arbitrary: fc.record({ arn: fc.constant("otherPartition" as const), id: idRef }), weight: 1 },
  { arbitrary: fc.record({ arn: fc.constant("bareId" as const), id: idRef }), weight: 1 },
  {
    arbitrary: fc.record({
      arn: fc.constant("raw" as const),
      value: fc.constantFrom(
        "",
        "arn:aws:iam::1:x/y",
        "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_aBcDeFgHi",
        "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/",
        "arn:aws:cognito-identity:us-east-1:1234:identitypool/us-east-1:00000000-0000-4000-8000-000000000000",
        `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/us-east-1:${"0".repeat(2000)}`,
      ),
    }),
    weight: 1,
  },
);

export function resolveArn(ref: ArnRef, world: World): string {
  if (ref.arn === "raw") return ref.value;
  const id = resolveId(ref.id, world);
  switch (ref.arn) {
    case "local":
      return poolArn(world.account, world.region, id);
    case "otherAccount":
      return poolArn(ref.account === world.account ? "999999999999" : ref.account, world.region, id);
    case "otherRegion":
      return poolArn(world.account, ref.region === world.region ? "eu-central-1" : ref.region, id);
    case "otherPartition":
      return poolArn(world.account, world.region, id).replace(/^arn:[^:]+:/, "arn:aws-cn:");
    case "bareId":
      return id;
  }
}
