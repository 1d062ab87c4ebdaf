// WIRE-36: what a large AWS JSON body is refused for before the model sees it, computed apart from
// the event loop (body-worker.ts). The same functions the service runs, in the same order, so the
// answer is the one it would give: the body's JSON (WIRE-6, WIRE-27), then the operation's shape
// constraints (step's first check of a known operation, VAL-1).
import { isOperationName, operationSpec, validateInput } from "../model/index.js";
import { parseJsonBody } from "../protocol/json.js";

export interface BodyVerdict {
  /** The refusal the service would answer; absent when the body gets past these checks. */
  refusal?: { type: string; message: string };
}

export function checkBody(op: string, body: Uint8Array | string): BodyVerdict {
  if (!isOperationName(op)) return {};
  const parsed = parseJsonBody(body);
  if (!parsed.ok) return { refusal: { type: parsed.error.type, message: parsed.error.message } };
  const invalid = validateInput(operationSpec(op)!.input!.shape, parsed.value);
  return invalid ? { refusal: { type: invalid.type, message: invalid.message } } : {};
}
