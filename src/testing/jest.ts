// cognito-identity-model/jest: the matchers registered with jest's global `expect`
// (`setupFilesAfterEnv: ["cognito-identity-model/jest"]`), and their types on `jest.Matchers`.
import { cognitoMatchers, type CognitoMatchers } from "./matchers.js";

declare global {
  namespace jest {
    interface Matchers<R, T = {}> extends CognitoMatchers<R> {}
  }
}

const runner = (globalThis as { expect?: { extend?: (matchers: object) => void } }).expect;
if (typeof runner?.extend !== "function") {
  throw new Error("cognito-identity-model/jest: no global expect to extend; load it from jest's setupFilesAfterEnv (vitest: cognito-identity-model/vitest)");
}
runner.extend(cognitoMatchers);

export { cognitoMatchers, type CognitoMatchers } from "./matchers.js";
