// The OpenID keys and discovery document under /.well-known/ (spec/protocol.md WIRE-22), so that JWT
// libraries verify the OpenID tokens of the fake as they verify AWS's.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Service } from "../fake/service.js";
import { formatUrl, sendJson } from "./http.js";

export const WELL_KNOWN_PREFIX = "/.well-known/";

const JWKS_PATH = "/.well-known/jwks.json";
/** AWS's own JWKS path (its discovery document names `https://cognito-identity.amazonaws.com/.well-known/jwks_uri`). */
const AWS_JWKS_PATH = "/.well-known/jwks_uri";
const CONFIGURATION_PATH = "/.well-known/openid-configuration";
const routes = [JWKS_PATH, AWS_JWKS_PATH, CONFIGURATION_PATH];

export function isWellKnownPath(path: string): boolean {
  return path.startsWith(WELL_KNOWN_PREFIX);
}

/** A host name, IPv4 address or bracketed IPv6 address, with an optional port: nothing else goes into a URL. */
const HOST = /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

/**
 * The address the client reached this server at: `http://` and its `Host` header, or the socket's
 * local address when the request has no usable `Host` (HTTP/1.0, or a value that is no host).
 */
export function baseUrlOf(req: IncomingMessage): string {
  const host = req.headers.host;
  if (typeof host === "string" && HOST.test(host)) return `http://${host}`;
  return formatUrl(req.socket.localAddress ?? "127.0.0.1", req.socket.localPort ?? 80);
}

export function handleWellKnown(req: IncomingMessage, res: ServerResponse, path: string, service: Service): void {
  req.resume();
  if (!routes.includes(path)) {
    sendJson(res, 404, { error: `no route ${path}; routes: ${routes.join(", ")}` });
    return;
  }
  if (req.method !== "GET") {
    sendJson(res, 405, { error: `${req.method ?? ""} is not allowed on ${path}` }, { allow: "GET" });
    return;
  }
  if (path === CONFIGURATION_PATH) sendJson(res, 200, service.openIdConfiguration(baseUrlOf(req)));
  else sendJson(res, 200, service.jwks());
}
