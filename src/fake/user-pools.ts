// Tokens from user-pool emulators (spec/login-tokens.md LOGIN-16, LOGIN-17): their keys are fetched
// here, outside the pure model, and handed to it as configuration data.
import type { Jwks, ModelConfigInput } from "../model/index.js";

/** One user-pool emulator's pool: its Logins key, where its JWKS is, and, if not AWS's, its issuer. */
export interface UserPoolEmulator {
  /** The Logins key, `cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  providerName: string;
  /** e.g. `http://127.0.0.1:5000/<userPoolId>/.well-known/jwks.json` (moto), `http://localhost:9229/<userPoolId>/.well-known/jwks.json` (cognito-local). */
  jwksUrl: string;
  /** The `iss` of its tokens when it is not `https://<providerName>` (cognito-local). */
  issuer?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Fetches a JWKS; throws with the URL and the reason when it cannot, or the answer is no JWKS. */
export async function fetchJwks(url: string, timeoutMs = 5_000): Promise<Jwks> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  if (!response.ok) throw new Error(`JWKS ${url} answered ${response.status}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`JWKS ${url} is not JSON`);
  }
  if (!isRecord(body) || !Array.isArray(body.keys) || !body.keys.every((k) => isRecord(k) && typeof k.kty === "string")) {
    throw new Error(`JWKS ${url} has no "keys" list of JWKs`);
  }
  return { keys: body.keys } as Jwks;
}

/**
 * The model configuration that makes the pools of `emulators` check their tokens as AWS checks a
 * user pool's: signature against the emulator's keys (LOGIN-9), issuer (LOGIN-16), `aud`, `exp`.
 * Merge it into `createFake({ config })`; `serve --user-pool` does it for the server.
 */
export async function userPoolConfig(emulators: readonly UserPoolEmulator[], base: ModelConfigInput = {}): Promise<ModelConfigInput> {
  const loginJwks = { ...base.tokens?.loginJwks };
  const loginIssuers = { ...base.tokens?.loginIssuers };
  for (const emulator of emulators) {
    loginJwks[emulator.providerName] = await fetchJwks(emulator.jwksUrl);
    if (emulator.issuer !== undefined) loginIssuers[emulator.providerName] = emulator.issuer;
  }
  return { ...base, tokens: { ...base.tokens, loginJwks, loginIssuers } };
}
