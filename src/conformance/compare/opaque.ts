// Members no two implementations answer alike byte for byte, reduced to what they must agree on.
// An OpenID token is its claims (the signature and key id differ with the signing key), with
// `iat` as a date (compared within the tolerance) and `exp` as the lifetime `exp - iat`.
// Credentials are their form: `ASIA` and 16 characters, a 40-character secret, a session token,
// an expiration (a date, compared within the tolerance).

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** The claims of a compact JWT, unverified; undefined when the value is not one. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
    return isRecord(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}

/** The claims of an OpenID token; anything that is not a JWT stays as it is. */
export function openIdTokenView(token: unknown): unknown {
  if (typeof token !== "string") return token;
  const claims = jwtClaims(token);
  if (!claims) return token;
  const { iat, exp, ...rest } = claims;
  if (typeof iat !== "number" || typeof exp !== "number") return { ...rest, iat, exp };
  return { ...rest, issued: new Date(iat * 1000), lifetime: exp - iat };
}

const ACCESS_KEY_ID = /^ASIA[A-Z0-9]{16}$/;

/** The form of a set of credentials (the secret is `SecretKey` in Cognito Identity, `SecretAccessKey` in STS). */
export function credentialsView(credentials: unknown): unknown {
  if (!isRecord(credentials)) return credentials;
  const { AccessKeyId, SessionToken, ...rest } = credentials;
  const view: Record<string, unknown> = {
    ...rest,
    AccessKeyId: typeof AccessKeyId === "string" && ACCESS_KEY_ID.test(AccessKeyId) ? "ASIA and 16 characters" : AccessKeyId,
    SessionToken: typeof SessionToken === "string" && SessionToken !== "" ? "present" : SessionToken,
  };
  for (const secret of ["SecretKey", "SecretAccessKey"]) {
    if (typeof rest[secret] === "string") view[secret] = `${(rest[secret] as string).length} characters`;
  }
  return view;
}

/** The credentials of an answer (`Credentials`), as a later call signs with them. */
export function issuedCredentials(output: unknown): { accessKeyId: string; secretAccessKey: string; sessionToken: string } | undefined {
  const c = isRecord(output) && isRecord(output.Credentials) ? output.Credentials : undefined;
  const secret = c?.SecretAccessKey ?? c?.SecretKey;
  if (!c || typeof c.AccessKeyId !== "string" || typeof secret !== "string" || typeof c.SessionToken !== "string") return undefined;
  return { accessKeyId: c.AccessKeyId, secretAccessKey: secret, sessionToken: c.SessionToken };
}

const ROLE_ID = /^AROA[A-Z0-9]{17}:/;

/** A role session id (`AROA` and 17 characters, then the session name): its form and the session. */
export const roleSessionIdView = (id: unknown): unknown => (typeof id === "string" && ROLE_ID.test(id) ? `AROA and 17 characters:${id.slice(22)}` : id);

/** An output with one member replaced by its view. */
export const viewing =
  (member: string, view: (value: unknown) => unknown) =>
  (output: unknown): unknown =>
    isRecord(output) && member in output ? { ...output, [member]: view(output[member]) } : output;
