// A target behind the real AWS SDK client: the SDK's own serialization, error parsing and
// deserialization run, so the check sees what an SDK user sees.
import * as sdk from "@aws-sdk/client-cognito-identity";
import type { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import { TargetUnreachable, type Outcome, type Target } from "../target.js";

type CommandClass = new (input: unknown) => Parameters<CognitoIdentityClient["send"]>[0];

function commandClass(op: string): CommandClass | undefined {
  const candidate = (sdk as Record<string, unknown>)[`${op}Command`];
  return typeof candidate === "function" ? (candidate as CommandClass) : undefined;
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ETIMEDOUT", "EPIPE"]);

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: { code?: string };
}

/** Drops members the SDK sets to undefined, so absent and undefined compare alike. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value instanceof Date || typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  );
}

export function outcomeOfSdkError(error: unknown, endpoint: string): Outcome {
  const e = (error ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const code = e.code ?? e.cause?.code;
  if (status === undefined && ((code !== undefined && NETWORK_CODES.has(code)) || e.name === "TimeoutError")) {
    throw new TargetUnreachable(`cannot reach ${endpoint}: ${code ?? e.message ?? "timeout"}`);
  }
  if (e.name === "CredentialsProviderError") throw new TargetUnreachable(`no credentials for ${endpoint}: ${e.message}`);
  const message = String(e.message ?? "");
  if (status === undefined || status >= 500 || e.$fault === undefined) {
    return { ok: false, error: { type: e.name ?? "Error", message: message.split("\n")[0]! }, status, crash: true };
  }
  return { ok: false, error: { type: e.name ?? "UnknownError", message }, status };
}

export interface SdkTargetOptions {
  name: string;
  account: string;
  region: string;
  /** A client for the target's endpoint of a Region: called once per Region used. */
  client: (region: string) => CognitoIdentityClient;
  /** See Target.revealsRegion. */
  revealsRegion: boolean;
  reset?: () => Promise<void>;
  close?: () => Promise<void>;
}

export function sdkTarget(options: SdkTargetOptions): Target {
  const { name } = options;
  const clients = new Map<string, CognitoIdentityClient>();
  const clientFor = (region: string) => {
    let client = clients.get(region);
    if (!client) clients.set(region, (client = options.client(region)));
    return client;
  };
  const target: Target = {
    name,
    account: options.account,
    region: options.region,
    revealsRegion: options.revealsRegion,
    async send(op, input, sendOptions) {
      const Command = commandClass(op);
      if (!Command) return { ok: false, error: { type: "UnknownOperationException", message: `The SDK has no ${op}Command.` } };
      const client = clientFor(sendOptions?.region ?? options.region);
      try {
        const { $metadata, ...output } = (await client.send(new Command(input))) as { $metadata: { httpStatusCode?: number } };
        return { ok: true, output: withoutUndefined(output), status: $metadata.httpStatusCode };
      } catch (error) {
        return outcomeOfSdkError(error, name);
      }
    },
    async close() {
      for (const client of clients.values()) client.destroy();
      await options.close?.();
    },
  };
  if (options.reset) target.reset = options.reset;
  return target;
}
