/**
 * Policy pack entry point, run by the Pulumi CLI: `pulumi preview --policy-pack ./policy`.
 *
 * Constructing a `PolicyPack` is not inert: it reads `./package.json` from the working directory
 * for the version, starts a gRPC server, prints its port for the CLI and keeps the process alive
 * (a second one in the same process calls `process.exit(1)`). So it is only constructed when the
 * CLI's policy runner (`@pulumi/pulumi/cmd/run-policy-pack`, used by both the legacy
 * `pulumi-analyzer-policy` shim and the Node.js language host) is the entry module. Importing this
 * file anywhere else (a test, a glob) does nothing; tests import `./policies` instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, packArgs } from "./policies";

/** Escape hatch if a future CLI runs packs through another entry script. */
export const FORCE_ENV = "DYNAMODB_BLUEPRINTS_SERVE_POLICY_PACK";

export function runByPolicyRunner(mainFile: string | undefined = require.main?.filename, env: NodeJS.ProcessEnv = process.env): boolean {
  return env[FORCE_ENV] === "1" || /[\\/]cmd[\\/]run-policy-pack[\\/]/.test(mainFile ?? "");
}

export const pack: PolicyPack | undefined = runByPolicyRunner() ? new PolicyPack(PACK_NAME, packArgs) : undefined;
