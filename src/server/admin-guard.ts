// Who may use the admin routes (spec/protocol.md WIRE-25, WIRE-26): no web page of another origin,
// no request addressed to a name the server was not given (DNS rebinding), and, when configured,
// only a caller that shows the admin token.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

export interface AdminAccess {
  /** Port the server listens on. */
  port: number;
  /** Host names (beyond IP addresses and `localhost`) that requests may be addressed to, e.g. a container's name. */
  allowedHosts?: readonly string[];
  /** When set, every admin request must carry `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  /** WIRE-26: with signature verification on, admin routes are closed unless a token is set. */
  verifySignatures?: boolean;
}

export interface AdminRefusal {
  status: 401 | 403;
  error: string;
  headers?: Record<string, string>;
}

/** `host[:port]` of a Host header, the brackets of an IPv6 address removed; undefined when malformed. */
function splitHost(value: string): { name: string; port: string | undefined } | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m) return undefined;
  return { name: m[1]!.replace(/^\[|\]$/g, "").toLowerCase(), port: m[2] };
}

/**
 * WIRE-25: a Host the server answers admin requests for: an IP address or `localhost` (names no
 * rebinding can point elsewhere), or a configured name; with the server's port, or none (port 80).
 */
export function isAllowedHost(value: string | undefined, access: AdminAccess): boolean {
  if (value === undefined) return false;
  const host = splitHost(value);
  if (!host) return false;
  const port = host.port === undefined ? 80 : Number(host.port);
  if (port !== access.port) return false;
  if (isIP(host.name) !== 0 || host.name === "localhost") return true;
  return (access.allowedHosts ?? []).some((name) => name.toLowerCase() === host.name);
}

/** WIRE-25: an `Origin` other than the server's own, as the request's Host names it. */
function isForeignOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return false;
  return hostHeader === undefined || origin.toLowerCase() !== `http://${hostHeader.toLowerCase()}`;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why an admin request is refused, or undefined when it may go on (WIRE-25, WIRE-26). */
export function adminRefusal(req: Pick<IncomingMessage, "headers">, access: AdminAccess): AdminRefusal | undefined {
  const host = typeof req.headers.host === "string" ? req.headers.host : undefined;
  if (!isAllowedHost(host, access)) {
    return { status: 403, error: `admin routes answer only requests addressed to this server (an IP address or localhost, port ${access.port}, or a name given with --allow-host); Host was '${host ?? ""}'` };
  }
  const origin = typeof req.headers.origin === "string" ? req.headers.origin : undefined;
  if (isForeignOrigin(origin, host)) return { status: 403, error: `admin routes refuse requests from web pages of another origin (Origin: ${origin})` };
  if (access.adminToken === undefined) {
    if (access.verifySignatures) return { status: 403, error: "admin routes are closed while signature verification is on and no admin token is set (--admin-token)" };
    return undefined;
  }
  const authorization = typeof req.headers.authorization === "string" ? req.headers.authorization : "";
  const given = /^Bearer (.+)$/.exec(authorization)?.[1];
  if (given === undefined || !sameToken(given, access.adminToken)) {
    return { status: 401, error: "admin routes need the admin token: Authorization: Bearer <token>", headers: { "www-authenticate": 'Bearer realm="cognito-identity-model admin"' } };
  }
  return undefined;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** WIRE-26: the warning `serve` prints when it listens beyond this machine with open admin routes. */
export function exposedAdminWarning(host: string, adminToken: string | undefined): string | undefined {
  if (adminToken !== undefined || LOOPBACK.has(host) || host.startsWith("127.")) return undefined;
  return `cognito-identity-model serve: warning: listening on ${host} without --admin-token: anyone who can reach this address can read, reset and replace the state under /_model/`;
}
