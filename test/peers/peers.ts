// Clients nobody here wrote: boto3 and the AWS CLI. When one is missing its tests say so and are
// skipped, unless CIM_REQUIRE_PEERS=1 (set by .ci/run), which turns a missing peer into a failure.
import { spawnSync } from "node:child_process";

export const peersRequired = process.env.CIM_REQUIRE_PEERS === "1";

/** Why a peer cannot run, or undefined when it can. */
export function missingPeer(command: string, args: string[], what: string): string | undefined {
  const probe = spawnSync(command, args, { encoding: "utf8", timeout: 60_000 });
  if (probe.error) return `${what} is not installed (${command}: ${probe.error.message})`;
  if (probe.status !== 0) return `${what} is not usable (${command} ${args.join(" ")}: ${(probe.stderr || probe.stdout).trim().split("\n").pop()})`;
  return undefined;
}

/** Says why a peer's tests are skipped; throws inside a test when the peer is required. */
export function announce(missing: string | undefined): { skip: boolean; check(): void } {
  if (missing && !peersRequired) console.warn(`${missing}: its tests are skipped (CIM_REQUIRE_PEERS=1 makes this a failure)`);
  return {
    skip: missing !== undefined && !peersRequired,
    check: () => {
      if (missing) throw new Error(`${missing}, and CIM_REQUIRE_PEERS=1 requires it`);
    },
  };
}

/** Dummy credentials and a clean configuration, so no local AWS profile takes part. */
export function peerEnv(region = "us-east-1"): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: "123456789012",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_DEFAULT_REGION: region,
    AWS_REGION: region,
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_PAGER: "",
    AWS_EC2_METADATA_DISABLED: "true",
    PYTHONWARNINGS: "ignore",
  };
  for (const name of ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL", "AWS_CA_BUNDLE"]) delete env[name];
  return env;
}
