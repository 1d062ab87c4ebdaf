// What the init tests use from the model.
export { applyInit, exportInit, initialState, step, type InitFile, type RawCommand, type State } from "../../src/model/index.js";
export { uuidFor as uuidForTest } from "../../src/model/ids.js";
