// A target behind the real AWS SDK client: the SDK's own serialization, error parsing and
// deserialization run, so the check sees what an SDK user sees.
import * as cognito from "@aws-sdk/client-cognito-identity";
import * as sts from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { queryCodeOfShape } from "../../protocol/query.js";
import { crashDetail, RecordingHandler } from "./recording.js";
import { TargetUnreachable, type Outcome, type SendOptions, type Target } from "../target.js";

/** What the harness needs of an SDK client: Cognito Identity's or STS's. */
export interface AnyClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}

type CommandClass = new (input: unknown) => unknown;

function commandClass(op: string, service: SendOptions["service"]): CommandClass | undefined {
  const candidate = ((service === "sts" ? sts : cognito) as Record<string, unknown>)[`${op}Command`];
  return typeof candidate === "function" ? (candidate as CommandClass) : undefined;
}

/** Which client a command goes through: the service, the Region, the credentials it is signed with. */
export interface ClientKey {
  region: string;
  service?: "sts";
  credentials?: SendOptions["credentials"];
}

const recorders = new WeakMap<AnyClient, RecordingHandler>();

type HandlerSetting = { handle(...args: never[]): unknown } | { requestTimeout?: number; connectionTimeout?: number };

/**
 * A client of the key's service and Region, with the settings given, signing with the key's
 * credentials if it has them; its exchanges are recorded (`recorderOf`).
 */
export function sdkClient(key: ClientKey, config: Omit<cognito.CognitoIdentityClientConfig, "region" | "requestHandler"> & { requestHandler: HandlerSetting }): AnyClient {
  const given = config.requestHandler;
  const inner = "handle" in given ? given : new NodeHttpHandler(given);
  const recorder = new RecordingHandler(inner as ConstructorParameters<typeof RecordingHandler>[0]);
  const settings = { ...config, requestHandler: recorder, region: key.region, ...(key.credentials ? { credentials: key.credentials } : {}) };
  const client = key.service === "sts" ? new sts.STSClient(settings as sts.STSClientConfig) : new cognito.CognitoIdentityClient(settings as cognito.CognitoIdentityClientConfig);
  recorders.set(client, recorder);
  return client;
}

const recorderOf = (client: AnyClient) => recorders.get(client);

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
  /** A client for the target's endpoint of a Region and service, signing with the credentials given (else its own). */
  client: (key: ClientKey) => AnyClient;
  /** See Target.revealsRegion. */
  revealsRegion: boolean;
  /** See Target.sharesSigningKey. */
  sharesSigningKey?: boolean;
  /** See Target.ours. */
  ours?: boolean;
  reset?: () => Promise<void>;
  close?: () => Promise<void>;
}

export function sdkTarget(options: SdkTargetOptions): Target {
  const { name } = options;
  const clients = new Map<string, AnyClient>();
  const clientFor = (key: ClientKey) => {
    const id = `${key.service ?? "cognito-identity"}/${key.region}/${key.credentials?.accessKeyId ?? ""}`;
    let client = clients.get(id);
    if (!client) clients.set(id, (client = options.client(key)));
    return client;
  };
  const target: Target = {
    name,
    account: options.account,
    region: options.region,
    revealsRegion: options.revealsRegion,
    ...(options.sharesSigningKey ? { sharesSigningKey: true } : {}),
    ...(options.ours ? { ours: true } : {}),
    async send(op, input, sendOptions) {
      const Command = commandClass(op, sendOptions?.service);
      if (!Command) return { ok: false, error: { type: "UnknownOperationException", message: `The SDK has no ${op}Command.` } };
      const client = clientFor({
        region: sendOptions?.region ?? options.region,
        ...(sendOptions?.service ? { service: sendOptions.service } : {}),
        ...(sendOptions?.credentials ? { credentials: sendOptions.credentials } : {}),
      });
      try {
        const { $metadata, ...output } = (await client.send(new Command(input))) as { $metadata: { httpStatusCode?: number } };
        const raw = recorderOf(client)?.last;
        return { ok: true, output: withoutUndefined(output), status: $metadata.httpStatusCode, ...(raw ? { raw } : {}) };
      } catch (error) {
        const raw = recorderOf(client)?.last;
        const outcome = outcomeOfSdkError(error, name);
        if (outcome.ok) return outcome;
        // What the SDK could not read, the target's own words: status, content type, body.
        const detail = outcome.crash ? crashDetail(raw) : undefined;
        // STS's SDK names exceptions after their shapes; the wire (and the model) use the code.
        const type = sendOptions?.service === "sts" ? queryCodeOfShape(outcome.error.type) : outcome.error.type;
        return { ...outcome, error: { type, message: detail ? `${outcome.error.message} (${detail})` : outcome.error.message }, ...(raw ? { raw } : {}) };
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
