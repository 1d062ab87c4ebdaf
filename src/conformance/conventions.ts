// What only this project's implementations can be held to: answers that rest on the model's own
// conventions (spec/login-tokens.md LOGIN-12: the test-token format for providers whose real tokens
// are opaque). Against another implementation such a difference is not reported.
import { TEST_TOKEN_PREFIX, type Result } from "../model/index.js";

const CONVENTION_MESSAGE = /^Invalid login token\. Not a test token for .* \(see spec\/login-tokens\.md\)\.$/;

const carriesTestFormatToken = (input: unknown): boolean => {
  const logins = (input as { Logins?: unknown } | null | undefined)?.Logins;
  return typeof logins === "object" && logins !== null && Object.values(logins).some((t) => typeof t === "string" && t.startsWith(TEST_TOKEN_PREFIX));
};

/** A refusal for what a login token says (expired, not for this provider): read from the token itself. */
const TOKEN_CONTENT_REFUSAL = /^Invalid login token\./;

/**
 * True when the expected answer is a convention of ours: the refusal of a value that is not in the
 * test format; a success that takes a test-format token as a provider's (no other implementation
 * can verify one); or a refusal for what a test-format token says (its expiry, its issuer), which
 * no other implementation can read.
 */
export function restsOnConvention(input: unknown, expected: Result): boolean {
  if (!expected.ok) return CONVENTION_MESSAGE.test(expected.error.message) || (TOKEN_CONTENT_REFUSAL.test(expected.error.message) && carriesTestFormatToken(input));
  return carriesTestFormatToken(input);
}
