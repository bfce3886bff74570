/**
 * Commands whose packages are optional peers (the local emulator, the AWS SDK clients `adopt --table`
 * reads live tables with): component-only users never install them, so a missing one is a clear
 * exit-2 error naming what to install, not a MODULE_NOT_FOUND.
 */
import { BlueprintValidationError } from "../model/errors";

/** What `adopt --table` loads (cli/adopt/read-live.ts): DynamoDB, Application Auto Scaling, KMS (the table's
 * key) and Lambda (the stream's event source mappings). README's install table row lists the same. */
export const ADOPT_PACKAGES = ["@aws-sdk/client-dynamodb@^3.1164.0", "@aws-sdk/client-application-auto-scaling@^3.1141.0", "@aws-sdk/client-kms@^3.1164.0",
  "@aws-sdk/client-lambda@^3.1164.0"];

export async function importOptional<T>(load: () => Promise<T>, command: string, packages: string[]): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing = /Cannot find module '([^']+)'/.exec((error as Error)?.message ?? "")?.[1];
    const known = packages.find((p) => missing !== undefined && p.replace(/@[^@/]*$/, "") === missing);
    if (!known) throw error;
    throw new BlueprintValidationError(`dynamodb-blueprints ${command}`, [{
      where: command, value: `${missing} not installed`, message: "needs optional packages this project has not installed",
      fix: `npm install --save-dev ${packages.map((p) => `"${p}"`).join(" ")}`,
    }]);
  }
}
