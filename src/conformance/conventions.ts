// What only this project's implementations can be held to: answers that rest on the model's own
// conventions (spec/login-tokens.md LOGIN-12: the test-token format for providers whose real tokens
// are opaque). Against another implementation such a difference is not reported.
import { TEST_TOKEN_PREFIX, type Result } from "../model/index.js";

const CONVENTION_MESSAGE = /^Invalid login token\. Not a test token for .* \(see spec\/login-tokens\.md\)\.$/;

const carriesTestFormatToken = (input: unknown): boolean => {
  const logins = (input as { Logins?: unknown } | null | undefined)?.Logins;
  return typeof logins === "object" && logins !== null && Object.values(logins).some((t) => typeof t === "string" && t.startsWith(TEST_TOKEN_PREFIX));
};

/**
 * True when the expected answer is a convention of ours: the refusal of a value that is not in the
 * test format, or a success that takes a test-format token as a provider's (no other
 * implementation can verify one).
 */
export function restsOnConvention(input: unknown, expected: Result): boolean {
  if (!expected.ok) return CONVENTION_MESSAGE.test(expected.error.message);
  return carriesTestFormatToken(input);
}
