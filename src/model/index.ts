export { step } from "./step.js";
export { applyInit, exportInit, type InitFile, type InitPool, type InitIdentity, type InitPrincipalTags, type InitResult } from "./init.js";
export { initialState, snapshotState, snapshotView, restoreState, type State, type Snapshot, type Pool } from "./state.js";
export { jsonChunks, LazyList, LazyRecord } from "./lazy-json.js";
export { resolveConfig, defaultQuotas, defaultRateLimits, type ModelConfig, type ModelConfigInput, type Quotas } from "./config.js";
export { validateInput } from "./validate.js";
export { testLogin, testToken, userPoolProviderName, TEST_TOKEN_DEFAULT_EXP, type TestTokenClaims, type TestTokenOptions } from "./test-tokens.js";
export { TEST_TOKEN_PREFIX } from "./logins.js";
export { openIdJwks, openIdConfiguration, OPENID_ISSUER, type SigningKey } from "./tokens.js";
export { describeCredentials, type CredentialsDescription } from "./operations/credentials.js";
export type { TokenConfig, Jwk, Jwks } from "./token-config.js";
export { poolArn, parsePoolArn, partitionOf } from "./arn.js";
export { messages, type ErrorType, type ModelError } from "./errors.js";
export { service, isPublicOperation, operationSpec } from "./shapes.js";
export {
  operationNames,
  isOperationName,
  type Command,
  type Context,
  type OperationName,
  type Operations,
  type RawCommand,
  type Result,
} from "./types.js";
export { parseRoles, registeredRole, type IamConfig, type IamRole } from "./iam/roles.js";
export { parsePolicyDocument, type PolicyDocument } from "./iam/policy.js";
export { evaluatePolicy, type AuthorizationRequest, type Decision, type Evaluation } from "./iam/evaluate.js";
export { trustRefusal, webIdentityContext, COGNITO_FEDERATED_PRINCIPAL, type WebIdentityRequest, type TrustRefusal } from "./iam/trust.js";
