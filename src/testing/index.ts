// cognito-identity-model/testing: what unit tests use beside the fake (spec/testing.md): matchers
// over the call history, builders of common setups, a testbed per test, a server per worker, the
// admin routes of faults and calls. No test runner is imported: `cognito-identity-model/vitest`
// and `cognito-identity-model/jest` register the matchers with theirs.
export { cognitoMatchers, type CallSource, type CognitoMatchers, type InputPattern } from "./matchers.js";
export {
  TEST_ACCOUNT,
  developerSetup,
  guestPool,
  roleRules,
  testRole,
  userPoolSetup,
  type DeveloperSetup,
  type PoolOptions,
  type PoolSetup,
  type RoleRule,
  type UserPoolOptions,
  type UserPoolSetup,
} from "./builders.js";
export {
  closeSharedServer,
  createTestbed,
  modelAdmin,
  serverEnv,
  sharedServer,
  testClientConfig,
  type ModelAdmin,
  type Testbed,
  type TestbedOptions,
} from "./testbed.js";
