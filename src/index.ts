// cognito-identity-model: the model, the in-process fake, the HTTP server, the wire protocol.
export * from "./model/index.js";
export {
  createFake,
  Service,
  InitError,
  FakeRequestHandler,
  fetchJwks,
  userPoolConfig,
  type Fake,
  type FakeOptions,
  type OpenIdConfiguration,
  type ServiceOptions,
  type ServiceSnapshot,
  type RestoreResult,
  type UserPoolEmulator,
} from "./fake/index.js";
export { startServer, createRequestListener, type RunningServer, type ServerOptions } from "./server/index.js";
export {
  TARGET_PREFIX,
  JSON_CONTENT_TYPE,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_REGION,
  DEFAULT_ACCOUNT,
  decodeRequest,
  encodeError,
  encodeSuccess,
  callerOf,
  accountFor,
  parseAuthorization,
  verifySignature,
  serializeOutput,
  type WireRequest,
  type WireResponse,
  type WireError,
  type WireErrorType,
  type Caller,
  type CallerOptions,
} from "./protocol/index.js";
