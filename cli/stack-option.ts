/**
 * The `--stack` flag shared by plan and check. Required, with the project's stacks listed when it is
 * missing: silently defaulting to one stack would let `plan` show dev while a user thinks of prod.
 */
import { FlagSpec } from "./args";
import { BlueprintValidationError } from "../model/errors";
import { availableStacks } from "./stack-file";

export const STACK_FLAG: FlagSpec = { type: "string", description: "Stack to read (Pulumi.<stack>.yaml in the project directory)" };
export const JSON_FLAG: FlagSpec = { type: "boolean", description: "Print JSON instead of text" };

export function requireStack(command: string, flags: Record<string, unknown>, dir: string): string {
  if (typeof flags.stack === "string") return flags.stack;
  let stacks: string[] = [];
  try { stacks = availableStacks(dir); } catch { /* the error below still says what to do */ }
  throw new BlueprintValidationError(`dynamodb-blueprints ${command}`, [{
    where: `${command} --stack`, value: "nothing (undefined)", message: "is required",
    fix: stacks.length ? `write --stack <name>, one of ${stacks.join(", ")}` : "write --stack <name> and run from the project directory",
  }]);
}

/** JSON with two-space indent and a trailing newline; key order is the builders' insertion order. */
export const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
