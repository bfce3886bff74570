/**
 * A GSI's key: one partition and at most one sort attribute, or (DynamoDB, November 2025) a
 * multi-attribute key of up to four partition and four sort attributes, in order. CDK names them
 * `partitionKeys` / `sortKeys`; the provider writes one `key_schema { attribute_name, key_type }` per
 * attribute (HASH ones first, then RANGE), which is what `@pulumi/aws` calls `keySchemas`.
 */
import type { GlobalSecondaryIndexSpec, KeyAttribute } from "./types";

/** Attributes per key type in one index (AWS: "Multi-attribute keys for global secondary indexes"). */
export const MAX_KEY_ATTRIBUTES = 4;

export interface IndexKeys { partition: KeyAttribute[]; sort: KeyAttribute[] }

/** Every key attribute of an index, partition then sort, in declared order. */
export function indexKeys(g: Pick<GlobalSecondaryIndexSpec, "partitionKey" | "sortKey" | "partitionKeys" | "sortKeys">): IndexKeys {
  return { partition: g.partitionKeys ?? [g.partitionKey], sort: g.sortKeys ?? (g.sortKey ? [g.sortKey] : []) };
}

/** The key schema as `{ attributeName, keyType }` elements (Pulumi `keySchemas`, Terraform `key_schema`). */
export function keySchemaElements(keys: IndexKeys): { attributeName: string; keyType: "HASH" | "RANGE" }[] {
  return [
    ...keys.partition.map((k) => ({ attributeName: k.name, keyType: "HASH" as const })),
    ...keys.sort.map((k) => ({ attributeName: k.name, keyType: "RANGE" as const })),
  ];
}

export const isMultiAttribute = (keys: IndexKeys) => keys.partition.length > 1 || keys.sort.length > 1;
