/**
 * The journal of `local`'s GSI rebuild (local/update-in-place.ts rebuildKeepingItems). The holding
 * table `<table>.gsi-rebuild` carries a tag saying how far the rebuild got. It lives on the server,
 * with the items it describes (persisted together with --data), so it can never disagree with them:
 *
 *   copying    the holding table exists and the items are being copied into it; `<table>` is untouched
 *   held:<n>   all n items are in the holding table; written BEFORE `<table>` is deleted (the first
 *              destructive step), so from here on the holding table is the items' safe copy
 *
 * A run killed at any step leaves one of these. The next `local` run, before anything else:
 *   copying   rolls back: deletes the holding table (`<table>` still has every item)
 *   held:<n>  finishes: (re)creates `<table>` (as the stack declares it, or with the holding table's
 *             keys when the stack no longer does), copies the n items back (PutItem, so items already
 *             restored are only rewritten), checks the count, then deletes the holding table
 * and says so in its report. A holding table without the tag (left by an older version) is finished
 * when `<table>` is gone, since that version deleted the table only after a complete copy; with
 * `<table>` present it is left alone and a rebuild that needs its name refuses, as before.
 */
import { CreateTableCommandInput, DeleteTableCommand, DynamoDBClient, ListTagsOfResourceCommand, TableDescription, TagResourceCommand } from "@aws-sdk/client-dynamodb";
import { copyItems, create, describe, listTables, settle } from "./table-ops";

export const HOLDING_SUFFIX = ".gsi-rebuild";
export const JOURNAL_TAG = "dynamodb-blueprints:gsi-rebuild";
export const holdingTableName = (table: string) => `${table}${HOLDING_SUFFIX}`;

/** The steps of a rebuild, in order; a test stops a rebuild after any of them, as a kill would. */
export const REBUILD_STEPS = ["holding-created", "items-copied", "journal-committed", "table-deleted", "table-created", "items-restored", "holding-deleted"] as const;
export type RebuildStep = (typeof REBUILD_STEPS)[number];
export interface RebuildHooks { afterStep?: (table: string, step: RebuildStep) => void | Promise<void> }

type Journal = "copying" | { held: number };

export const journalTag = (journal: Journal) => ({ Key: JOURNAL_TAG, Value: journal === "copying" ? "copying" : `held:${journal.held}` });

export async function writeJournal(client: DynamoDBClient, holding: string, journal: Journal): Promise<void> {
  const table = await describe(client, holding);
  await client.send(new TagResourceCommand({ ResourceArn: table!.TableArn, Tags: [journalTag(journal)] }));
}

async function readJournal(client: DynamoDBClient, holding: TableDescription): Promise<Journal | undefined> {
  const tags = (await client.send(new ListTagsOfResourceCommand({ ResourceArn: holding.TableArn }))).Tags ?? [];
  const value = tags.find((t) => t.Key === JOURNAL_TAG)?.Value;
  if (value === "copying") return "copying";
  const held = /^held:(\d+)$/.exec(value ?? "");
  return held ? { held: Number(held[1]) } : undefined;
}

/** The holding table's own keys, for a table the stack no longer declares. */
function keysOnly(name: string, holding: TableDescription): CreateTableCommandInput {
  return { TableName: name, KeySchema: holding.KeySchema, AttributeDefinitions: holding.AttributeDefinitions, BillingMode: "PAY_PER_REQUEST" };
}

async function drop(client: DynamoDBClient, name: string, timeoutMs: number): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: name }));
  await settle(client, name, timeoutMs, true);
}

/**
 * Finish or roll back every unfinished rebuild on the server (see the module comment). `inputs` are
 * the stack's tables as the emulator creates them. Returns one sentence per rebuild it resolved.
 */
export async function recoverRebuilds(client: DynamoDBClient, inputs: Map<string, CreateTableCommandInput>, timeoutMs: number): Promise<string[]> {
  const said: string[] = [];
  for (const holdingName of (await listTables(client)).filter((n) => n.endsWith(HOLDING_SUFFIX))) {
    const name = holdingName.slice(0, -HOLDING_SUFFIX.length);
    const holding = await settle(client, holdingName, timeoutMs);
    if (!holding) continue;
    const journal = await readJournal(client, holding);
    const table = await settle(client, name, timeoutMs);
    if (journal === "copying") {
      if (!table) {
        throw new Error(`table ${holdingName} is an unfinished GSI rebuild that was still copying, yet ${name} is gone: ` +
          `its items are only in ${holdingName}; copy them into ${name} yourself (nothing was changed)`);
      }
      await drop(client, holdingName, timeoutMs);
      said.push(`rolled back the unfinished GSI rebuild of ${name}: it stopped while copying the items out, before ${name} was changed; ` +
        `${holdingName} was deleted and ${name} keeps all its items`);
      continue;
    }
    if (journal === undefined && table) continue; // not known to be ours and not needed: left alone
    if (!table) await create(client, inputs.get(name) ?? keysOnly(name, holding), timeoutMs);
    const restored = await copyItems(client, holdingName, name);
    const expected = journal?.held ?? restored;
    if (restored !== expected) {
      throw new Error(`the unfinished GSI rebuild of ${name} recorded ${expected} items in ${holdingName}, which now holds ${restored}: ` +
        `nothing was deleted; check ${holdingName} and copy its items into ${name} yourself`);
    }
    await drop(client, holdingName, timeoutMs);
    said.push(`finished the unfinished GSI rebuild of ${name}: ${table ? "" : `${name} was created again and `}` +
      `its ${restored} item${restored === 1 ? " was" : "s were"} copied back from ${holdingName}, which was then deleted`);
  }
  return said;
}
