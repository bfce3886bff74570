/**
 * The typed escape hatch: `providerArguments`, further `aws_dynamodb_table` arguments by their
 * provider (Terraform) names, for what the blueprint does not model yet. Both renderers get them: the
 * Pulumi table inputs (camelCase, the bridge's rule) and the same argument in the HCL. They are
 * checked against the provider schema (terraform/provider-arguments.ts, run by both renderers before
 * anything is registered or written); here, the checks that need no schema: the shape, and that no
 * argument the blueprint sets itself is overridden (it would bypass the validation and the renderers'
 * agreement).
 */
import type { TableArgs } from "./types";
import type { Value } from "./resources";
import { ProblemList } from "./errors";
import { CREATION_SOURCE_ARGS } from "./creation-source";
import { TABLE_FIELDS } from "./table-fields";

/** Arguments the blueprint sets (or deliberately leaves to the provider), by provider name, with the model argument to use instead. */
export const MODEL_OWNED_ARGUMENTS: Record<string, string> = {
  name: "tableName", hash_key: "partitionKey", range_key: "sortKey", attribute: "the keys (attributes are derived from them)",
  global_secondary_index: "globalSecondaryIndexes", local_secondary_index: "localSecondaryIndexes", server_side_encryption: "encryption / kmsKeyArn",
  replica: "replicas", global_table_witness: "globalTableWitness", stream_enabled: "streamViewType",
  // The table's Region is first-class: it moves every child resource and Region condition with the table.
  region: "region (the table's Region; its key, alarms, scaling and other children follow it)",
  ...Object.fromEntries(Object.entries(CREATION_SOURCE_ARGS).map(([arg, tf]) => [tf, arg])),
  ...Object.fromEntries(TABLE_FIELDS.flatMap((f) => f.terraform.paths.map((p) => [p.split(".")[0], f.arg] as const))),
  // Set by the provider, never by a configuration.
  id: "nothing (the provider sets it)", tags_all: "tags (the provider merges default tags into tags_all)",
  // The bridge has no such input; Pulumi uses the customTimeouts resource option.
  timeouts: "Pulumi's customTimeouts resource option (Pulumi has no timeouts input, so both renderers cannot agree)",
};

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const isPrimitive = (v: unknown) => ["string", "number", "boolean"].includes(typeof v);

/** The shape rules (plain data of provider names) and the owned arguments. */
export function checkProviderArgumentsShape(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  const extra = args.providerArguments;
  if (extra === undefined) return;
  const at = `${where}.providerArguments`;
  if (typeof extra !== "object" || extra === null || Array.isArray(extra)) {
    problems.add(at, extra, "must be an object of aws_dynamodb_table arguments", `write { <provider argument>: <value> } (provider names)`);
    return;
  }
  for (const [name, value] of Object.entries(extra)) {
    const owned = MODEL_OWNED_ARGUMENTS[name] ?? MODEL_OWNED_ARGUMENTS[snake(name)];
    if (owned !== undefined) {
      problems.add(`${at}.${name}`, value, "is an argument the blueprint sets itself; overriding it would bypass its validation", `use ${owned}`);
      continue;
    }
    if (name !== snake(name)) {
      problems.add(`${at}.${name}`, value, "is not a provider argument name (they are snake_case)", `write "${snake(name)}"`);
      continue;
    }
    if (!isPlainValue(value)) {
      problems.add(`${at}.${name}`, value, "must be plain data: a string, number or boolean, a list of them, or an object of them",
        "write the value as the provider documents it");
    }
  }
}

function isPlainValue(v: unknown): boolean {
  if (isPrimitive(v)) return true;
  if (Array.isArray(v)) return v.every((x) => isPrimitive(x) || (typeof x === "object" && x !== null && !Array.isArray(x) && Object.values(x).every(isPrimitive)));
  if (typeof v === "object" && v !== null) return Object.values(v).every((x) => isPrimitive(x) || (Array.isArray(x) && x.every(isPrimitive)));
  return false;
}

/** The Pulumi inputs (the bridge's camelCase names; nested object keys too). */
export function providerArgumentInputs(extra: Record<string, unknown> | undefined): Record<string, Value> {
  const out: Record<string, Value> = {};
  const convert = (v: unknown): Value => (Array.isArray(v) ? v.map(convert)
    : typeof v === "object" && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), convert(x)])) : v as Value);
  for (const [name, value] of Object.entries(extra ?? {})) out[camel(name)] = convert(value);
  return out;
}
