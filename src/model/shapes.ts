// The operation shapes, read from spec/shapes.json (derived from botocore by `npm run spec:import`).
import spec from "../../spec/shapes.json" with { type: "json" };
import stsSpec from "../../spec/sts-shapes.json" with { type: "json" };

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
  /** Query protocol errors: the code on the wire and the HTTP status. */
  error?: { code: string; httpStatusCode: number; senderFault?: boolean };
}

export interface OperationSpec {
  name: string;
  input?: ShapeRef;
  output?: ShapeRef & { resultWrapper?: string };
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

/** The shapes of one service, by name (shape names repeat across services: `Credentials`). */
export interface ShapeLookup {
  shape(name: string): Shape;
}

const lookup = (shapes: Record<string, Shape>, file: string): ShapeLookup => ({
  shape(name) {
    const shape = Object.prototype.hasOwnProperty.call(shapes, name) ? shapes[name] : undefined;
    if (!shape) throw new Error(`${file} has no shape ${name}`);
    return shape;
  },
});

export const cognitoShapes = lookup(service.shapes, "spec/shapes.json");

export function shapeNamed(name: string): Shape {
  return cognitoShapes.shape(name);
}

/** STS-1: the STS operations the identity-pool flows end in, from spec/sts-shapes.json. */
export interface StsServiceSpec {
  source: { botocore: string; file: string };
  metadata: { apiVersion: string; endpointPrefix: string; xmlNamespace: string; protocol: string };
  operations: Record<string, OperationSpec>;
  shapes: Record<string, Shape>;
}

export const stsService = stsSpec as unknown as StsServiceSpec;
export const stsShapes = lookup(stsService.shapes, "spec/sts-shapes.json");

export function stsOperationSpec(op: string): OperationSpec | undefined {
  return Object.prototype.hasOwnProperty.call(stsService.operations, op) ? stsService.operations[op] : undefined;
}

export function operationSpec(op: string): OperationSpec | undefined {
  return Object.prototype.hasOwnProperty.call(service.operations, op) ? service.operations[op] : undefined;
}

/** Operations callable without a signature (`authtype: none` in the service model). */
export function isPublicOperation(op: string): boolean {
  return operationSpec(op)?.authtype === "none";
}
