/**
 * Applying a change that DynamoDB makes in place to a table on the local emulator, keeping its items.
 */
import {
  CreateTableCommandInput, DeleteTableCommand, DynamoDBClient, ListTagsOfResourceCommand, TableDescription,
  TagResourceCommand, UntagResourceCommand, UpdateTableCommand, UpdateTableCommandInput,
} from "@aws-sdk/client-dynamodb";
import { capacity, copyItems, create, describe, settle } from "./table-ops";
import { RebuildHooks, RebuildStep, holdingTableName, journalTag, writeJournal } from "./rebuild-journal";

/**
 * The in-place part of a change, as a deployment applies it: UpdateTable for billing and capacity
 * (table and the indexes it keeps), TagResource / UntagResource for tags. Adding or deleting a GSI is
 * left to rebuildKeepingItems: dynalite ignores those UpdateTable operations. The caller compares again.
 */
export async function updateInPlace(client: DynamoDBClient, want: CreateTableCommandInput, existing: TableDescription, timeoutMs: number): Promise<void> {
  const name = want.TableName!;
  const update = async (input: Omit<UpdateTableCommandInput, "TableName">) => {
    await client.send(new UpdateTableCommand({ TableName: name, ...input }));
    await settle(client, name, timeoutMs);
  };
  const wantGsi = new Map((want.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName!, g]));
  const present = existing.GlobalSecondaryIndexes ?? [];
  const provisioned = (want.BillingMode ?? "PROVISIONED") === "PROVISIONED";
  const billingChanged = (existing.BillingModeSummary?.BillingMode ?? "PROVISIONED") !== (want.BillingMode ?? "PROVISIONED");
  if (billingChanged || (provisioned && capacity(want.ProvisionedThroughput) !== capacity(existing.ProvisionedThroughput))) {
    await update({
      BillingMode: want.BillingMode ?? "PROVISIONED",
      ...(provisioned ? { ProvisionedThroughput: want.ProvisionedThroughput } : {}),
      // Switching to provisioned needs capacity for every index the table has.
      ...(provisioned && billingChanged && present.length > 0 ? {
        GlobalSecondaryIndexUpdates: present.map((g) => ({
          Update: { IndexName: g.IndexName, ProvisionedThroughput: wantGsi.get(g.IndexName!)?.ProvisionedThroughput ?? want.ProvisionedThroughput },
        })),
      } : {}),
    });
  } else if (provisioned) {
    for (const g of present) {
      const wanted = wantGsi.get(g.IndexName!);
      if (wanted && capacity(wanted.ProvisionedThroughput) !== capacity(g.ProvisionedThroughput)) {
        await update({ GlobalSecondaryIndexUpdates: [{ Update: { IndexName: g.IndexName, ProvisionedThroughput: wanted.ProvisionedThroughput } }] });
      }
    }
  }
  const wantTags = new Map((want.Tags ?? []).map((t) => [t.Key!, t.Value!]));
  const haveTags = (await client.send(new ListTagsOfResourceCommand({ ResourceArn: existing.TableArn }))).Tags ?? [];
  const stale = haveTags.filter((t) => !wantTags.has(t.Key!)).map((t) => t.Key!);
  if (stale.length > 0) await client.send(new UntagResourceCommand({ ResourceArn: existing.TableArn, TagKeys: stale }));
  const changedTags = (want.Tags ?? []).filter((t) => !haveTags.some((h) => h.Key === t.Key && h.Value === t.Value));
  if (changedTags.length > 0) await client.send(new TagResourceCommand({ ResourceArn: existing.TableArn, Tags: changedTags }));
}

/**
 * dynalite ignores GSI creation and deletion in UpdateTable, which DynamoDB performs in place. Locally
 * the same end state is reached by rebuilding the table with its items: they are first copied to a
 * holding table on the same server (persisted with --data), whose journal tag says how far the rebuild
 * got (local/rebuild-journal.ts). The tag records the full copy before the first destructive step, so
 * a run killed at any step is finished or rolled back by the next run before anything else; a holding
 * table left by one is never overwritten.
 */
export async function rebuildKeepingItems(client: DynamoDBClient, input: CreateTableCommandInput, timeoutMs: number, hooks: RebuildHooks = {}): Promise<string> {
  const name = input.TableName!;
  const holding = holdingTableName(name);
  const step = (reached: RebuildStep) => hooks.afterStep?.(name, reached);
  if (await describe(client, holding)) {
    throw new Error(`table ${holding} holds the items of an interrupted GSI rebuild of ${name} and has no journal to say how far it got: ` +
      `copy its items back into ${name} or delete it, then run again`);
  }
  const keyNames = new Set((input.KeySchema ?? []).map((k) => k.AttributeName));
  await create(client, {
    TableName: holding, KeySchema: input.KeySchema, BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: (input.AttributeDefinitions ?? []).filter((a) => keyNames.has(a.AttributeName)),
    Tags: [journalTag("copying")],
  }, timeoutMs);
  await step("holding-created");
  const held = await copyItems(client, name, holding);
  await step("items-copied");
  await writeJournal(client, holding, { held });
  await step("journal-committed");
  await client.send(new DeleteTableCommand({ TableName: name }));
  await settle(client, name, timeoutMs, true);
  await step("table-deleted");
  await create(client, input, timeoutMs);
  await step("table-created");
  const restored = await copyItems(client, holding, name);
  if (restored !== held) throw new Error(`GSI rebuild of ${name}: ${held} items held, ${restored} restored; the holding table ${holding} is kept`);
  await step("items-restored");
  await client.send(new DeleteTableCommand({ TableName: holding }));
  await settle(client, holding, timeoutMs, true);
  await step("holding-deleted");
  return `rebuilt locally with its ${held} item${held === 1 ? "" : "s"}: dynalite cannot add or delete a GSI in place (DynamoDB does, with UpdateTable)`;
}
