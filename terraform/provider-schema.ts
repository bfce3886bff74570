/**
 * The hashicorp/aws provider schema the emitter writes for (derived by scripts/provider-schema.ts
 * from `@cdktn/provider-aws`, committed as terraform/schema/aws-<version>.json). The emitter takes
 * Terraform argument names from it, never from a naming rule alone: where the Pulumi bridge renamed
 * an argument (MetricAlarm `name` is the provider's `alarm_name`), the schema file says so, and an
 * argument the schema does not have is an internal error here instead of a `terraform validate`
 * failure on the user's machine.
 */
import * as schemaFile from "./schema/aws-6.66.0.json";

export const PROVIDER_SCHEMA_SOURCE = {
  provider: "hashicorp/aws",
  providerVersion: "6.66.0",
  package: "@cdktn/provider-aws",
  packageVersion: "25.7.0",
} as const;

export interface SchemaAttribute { type: string; computed: boolean; optional: boolean; required: boolean }
export interface SchemaNestedBlock { nesting: "single" | "list" | "set"; required: boolean; block: SchemaBlock }
export interface SchemaBlock { attributes: Record<string, SchemaAttribute>; blocks: Record<string, SchemaNestedBlock> }
export interface ProviderSchema {
  provider: string;
  providerVersion: string;
  package: string;
  packageVersion: string;
  resources: Record<string, SchemaBlock>;
  dataSources: Record<string, SchemaBlock>;
  /** Per resource type: Pulumi argument -> Terraform argument, where they are not camelCase twins. */
  pulumiNames: Record<string, Record<string, string>>;
}

export const PROVIDER_SCHEMA = schemaFile as unknown as ProviderSchema;

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/**
 * A top-level Pulumi argument of `type` as the provider's argument name. Throws (an emitter bug, not
 * a user error) when the provider has no such settable argument.
 */
export function terraformArgument(type: string, pulumiName: string, address: string | (() => string) = type): string {
  // Asked once per argument of every resource of an emission: answers are kept per type.
  let known = checkedArguments.get(type);
  if (!known) checkedArguments.set(type, known = new Map());
  const cached = known.get(pulumiName);
  if (cached !== undefined) return cached;
  const name = checkedArgument(type, pulumiName, address);
  known.set(pulumiName, name);
  return name;
}
const checkedArguments = new Map<string, Map<string, string>>();

function checkedArgument(type: string, pulumiName: string, where: string | (() => string)): string {
  const renamed = PROVIDER_SCHEMA.pulumiNames[type]?.[pulumiName];
  const name = renamed ?? snake(pulumiName);
  const block = PROVIDER_SCHEMA.resources[type];
  const attribute = block?.attributes[name];
  if (!block || !attribute || !(attribute.optional || attribute.required)) {
    const address = typeof where === "function" ? where() : where;
    throw new Error(`internal: ${address}: ${type} has no argument "${name}" in ${PROVIDER_SCHEMA_SOURCE.provider} ${PROVIDER_SCHEMA_SOURCE.providerVersion} (Pulumi argument "${pulumiName}")`);
  }
  return name;
}
