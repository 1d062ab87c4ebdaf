// The operation shapes, read from spec/shapes.json (derived from botocore by `npm run spec:import`).
import spec from "../../spec/shapes.json" with { type: "json" };

export interface ShapeRef {
  shape: string;
}

export interface Shape {
  type: "structure" | "string" | "boolean" | "integer" | "long" | "timestamp" | "list" | "map";
  required?: string[];
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  exception?: boolean;
  fault?: boolean;
}

export interface OperationSpec {
  name: string;
  input?: ShapeRef;
  output?: ShapeRef;
  errors?: ShapeRef[];
  authtype?: string;
}

/** A partition of botocore's endpoint data: its Region names and DNS suffix. */
export interface PartitionSpec {
  id: string;
  regionRegex: string;
  dnsSuffix: string;
}

interface ServiceSpec {
  source: { botocore: string; file: string; partitions: string; userPoolShapes: string };
  metadata: { targetPrefix: string; apiVersion: string; endpointPrefix: string };
  operations: Record<string, OperationSpec>;
  shapes: Record<string, Shape>;
  partitions: PartitionSpec[];
  /** Shapes of the user-pool service (cognito-idp) that this one refers to. */
  userPoolShapes: { UserPoolIdType: Shape };
}

export const service = spec as unknown as ServiceSpec;

export function shapeNamed(name: string): Shape {
  const shape = service.shapes[name];
  if (!shape) throw new Error(`spec/shapes.json has no shape ${name}`);
  return shape;
}

export function operationSpec(op: string): OperationSpec | undefined {
  return Object.prototype.hasOwnProperty.call(service.operations, op) ? service.operations[op] : undefined;
}

/** Operations callable without a signature (`authtype: none` in the service model). */
export function isPublicOperation(op: string): boolean {
  return operationSpec(op)?.authtype === "none";
}
