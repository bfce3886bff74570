/**
 * Deploys a stack's tables to a local DynamoDB, idempotently: create what is missing, leave what
 * matches alone, and never change an existing table behind the user's back.
 *
 * What is compared (everything the emulator stores) and how each difference is classed:
 *   key schema (names, types)           replacement on AWS too (Terraform/Pulumi replace the table)
 *   local secondary indexes             replacement on AWS too (LSIs exist only at creation)
 *   global secondary indexes            in-place update on AWS (UpdateTable adds/deletes an index;
 *                                       a changed index is deleted and rebuilt, the table stays)
 *   billing mode, provisioned capacity  in-place update on AWS (UpdateTable)
 *   tags                                in-place update on AWS (TagResource / UntagResource)
 *   attribute definitions               only reported when no key or index difference explains them
 * Locally, in-place updates are applied the way a deployment would (UpdateTable for billing, capacity
 * and GSIs, TagResource / UntagResource for tags), keeping the items, and the table is compared again:
 * whatever the emulator did not apply is reported, never claimed. GSI creation and deletion, which
 * dynalite ignores, are reached by rebuilding the table with its items (see rebuildKeepingItems). Only replacements (key schema, LSIs)
 * are refused unless `recreate` is set, which deletes the table with its items and creates it again.
 * Settings dynalite does not store (PITR, TTL, SSE, streams, table class, deletion protection) cannot
 * be compared; `notEmulated` lists them for every table.
 */
import {
  CreateTableCommandInput, DeleteTableCommand, KeySchemaElement, Projection, TableDescription,
} from "@aws-sdk/client-dynamodb";
import { Blueprint, tablesOf } from "../model/stack";
import { createTableInput, emulatorInput, notEmulated } from "./create-table-input";
import { localDynamoClient } from "./client";
import { Capacity, capacity, create, described, listTables, settle } from "./table-ops";
import { rebuildKeepingItems, updateInPlace } from "./update-in-place";
import { RebuildHooks, recoverRebuilds } from "./rebuild-journal";

export type LocalAction = "created" | "unchanged" | "updated" | "recreated" | "refused";

export interface Difference {
  setting: string;
  expected: string;
  found: string;
  /** What a real deployment of the same change does. */
  onAws: "replacement" | "in-place update";
}

export interface LocalTableReport {
  table: string;
  /** The blueprint that declares it, e.g. `OrdersTable "orders"`. */
  blueprint: string;
  action: LocalAction;
  differences: Difference[];
  notEmulated: string[];
  /** Why a table was refused although every difference is an in-place update on AWS. */
  note?: string;
}

export interface LocalDeployReport {
  endpoint: string;
  tables: LocalTableReport[];
  /** Tables on the server that the stack does not declare (left untouched). */
  otherTables: string[];
  /** Unfinished GSI rebuilds of an earlier run, finished or rolled back before anything else (local/rebuild-journal.ts). */
  recovered: string[];
}

export interface DeployLocalOptions {
  endpoint: string;
  /** Delete and recreate tables that differ from the stack. Destroys their local items. */
  recreate?: boolean;
  /** Upper bound for a table to become ACTIVE or disappear. Default 10 s. */
  timeoutMs?: number;
  /** @internal Test seam: runs after each step of a GSI rebuild, so a test can stop one there (as a kill would). */
  rebuildHooks?: RebuildHooks;
}


type Described = Pick<TableDescription, "KeySchema" | "AttributeDefinitions" | "GlobalSecondaryIndexes" | "LocalSecondaryIndexes"> & {
  billing: string;
  throughput?: Capacity;
  tags: string[];
};

/** "orderId S HASH, createdAt N RANGE": key names with their types, in key order. */
function keys(schema: KeySchemaElement[] | undefined, types: Map<string, string>): string {
  return (schema ?? []).map((k) => `${k.AttributeName} ${types.get(k.AttributeName!) ?? "?"} ${k.KeyType}`).join(", ");
}

function projected(p: Projection | undefined): string {
  const extra = p?.NonKeyAttributes?.length ? ` [${[...p.NonKeyAttributes].sort().join(", ")}]` : "";
  return `${p?.ProjectionType ?? "?"}${extra}`;
}


function indexMap(indexes: { IndexName?: string; KeySchema?: KeySchemaElement[]; Projection?: Projection }[] | undefined, types: Map<string, string>) {
  return new Map((indexes ?? []).map((i) => [i.IndexName!, `keys ${keys(i.KeySchema, types)}; projection ${projected(i.Projection)}`]));
}

/** Expected vs found, normalised to strings so a difference prints exactly what differs. */
export function compareTable(want: CreateTableCommandInput, have: Described): Difference[] {
  const diffs: Difference[] = [];
  const add = (setting: string, expected: string, found: string, onAws: Difference["onAws"]) => {
    if (expected !== found) diffs.push({ setting, expected, found, onAws });
  };
  const wantTypes = new Map(want.AttributeDefinitions!.map((a) => [a.AttributeName!, a.AttributeType!]));
  const haveTypes = new Map((have.AttributeDefinitions ?? []).map((a) => [a.AttributeName!, a.AttributeType!]));

  add("key schema", keys(want.KeySchema, wantTypes), keys(have.KeySchema, haveTypes), "replacement");
  for (const [kind, onAws, wantList, haveList] of [
    ["local secondary index", "replacement", want.LocalSecondaryIndexes, have.LocalSecondaryIndexes],
    ["global secondary index", "in-place update", want.GlobalSecondaryIndexes, have.GlobalSecondaryIndexes],
  ] as const) {
    const wanted = indexMap(wantList, wantTypes);
    const found = indexMap(haveList, haveTypes);
    for (const name of [...new Set([...wanted.keys(), ...found.keys()])].sort()) {
      add(`${kind} ${name}`, wanted.get(name) ?? "absent", found.get(name) ?? "absent", onAws);
    }
  }
  const structural = diffs.length > 0;
  const attrs = (m: Map<string, string>) => [...m].map(([n, t]) => `${n} ${t}`).sort().join(", ");
  if (!structural) add("attribute definitions", attrs(wantTypes), attrs(haveTypes), "replacement");

  const wantBilling = want.BillingMode ?? "PROVISIONED";
  add("billing mode", wantBilling, have.billing, "in-place update");
  if (wantBilling === "PROVISIONED" && have.billing === "PROVISIONED") {
    add("provisioned throughput", capacity(want.ProvisionedThroughput), capacity(have.throughput), "in-place update");
    const haveGsi = new Map((have.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName!, g.ProvisionedThroughput]));
    for (const g of want.GlobalSecondaryIndexes ?? []) {
      if (haveGsi.has(g.IndexName!)) {
        add(`global secondary index ${g.IndexName} throughput`, capacity(g.ProvisionedThroughput), capacity(haveGsi.get(g.IndexName!)), "in-place update");
      }
    }
  }
  const wantTags = (want.Tags ?? []).map((t) => `${t.Key}=${t.Value}`).sort().join(", ") || "none";
  add("tags", wantTags, have.tags.join(", ") || "none", "in-place update");
  return diffs;
}

/** Deploys every table of `blueprints` (lock tables of state backends included), in declaration order. */
export async function deployLocal(blueprints: Blueprint<unknown>[], options: DeployLocalOptions): Promise<LocalDeployReport> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const client = localDynamoClient(options.endpoint);
  try {
    // Before anything else: an earlier run killed inside a GSI rebuild is finished or rolled back first.
    const inputs = new Map(tablesOf(blueprints).map((b) => [b.table.tableName, emulatorInput(createTableInput(b.table))]));
    const recovered = await recoverRebuilds(client, inputs, timeoutMs);
    const tables: LocalTableReport[] = [];
    for (const blueprint of tablesOf(blueprints)) {
      const spec = blueprint.table;
      const input = emulatorInput(createTableInput(spec));
      const report: LocalTableReport = {
        table: spec.tableName, blueprint: `${blueprint.kind} "${blueprint.name}"`, action: "unchanged", differences: [], notEmulated: notEmulated(spec),
      };
      tables.push(report);
      const existing = await settle(client, spec.tableName, timeoutMs);
      if (!existing) {
        await create(client, input, timeoutMs);
        report.action = "created";
        continue;
      }
      report.differences = compareTable(input, await described(client, existing));
      if (report.differences.length === 0) continue;
      if (report.differences.every((d) => d.onAws === "in-place update")) {
        // Applied like a deployment would, items kept; what the emulator did not apply stays listed.
        const applied = report.differences;
        await updateInPlace(client, input, existing, timeoutMs);
        let left = compareTable(input, await described(client, (await settle(client, spec.tableName, timeoutMs))!));
        if (left.length > 0 && left.every((d) => d.setting.startsWith("global secondary index"))) {
          report.note = await rebuildKeepingItems(client, input, timeoutMs, options.rebuildHooks);
          left = compareTable(input, await described(client, (await settle(client, spec.tableName, timeoutMs))!));
        }
        report.differences = left.length === 0 ? applied : left;
        report.action = left.length === 0 ? "updated" : "refused";
        if (left.length > 0) {
          report.note = "the emulator did not apply these in place; on AWS they are in-place updates. " +
            "The other changes were applied; --recreate rebuilds the table (items lost)";
        }
        if (left.length === 0 || !options.recreate) continue;
      }
      if (!options.recreate) {
        report.action = "refused";
        continue;
      }
      await client.send(new DeleteTableCommand({ TableName: spec.tableName }));
      await settle(client, spec.tableName, timeoutMs, true);
      await create(client, input, timeoutMs);
      report.action = "recreated";
    }
    const declared = new Set(tables.map((t) => t.table));
    return { endpoint: options.endpoint, tables, otherTables: (await listTables(client)).filter((n) => !declared.has(n)).sort(), recovered };
  } finally {
    client.destroy();
  }
}
