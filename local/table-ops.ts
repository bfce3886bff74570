/**
 * Small DynamoDB table operations shared by the local deploy and its in-place updates: describe,
 * wait for ACTIVE (or gone), create with tags, and read a table as the comparison needs it.
 */
import {
  CreateTableCommand, CreateTableCommandInput, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ListTagsOfResourceCommand, PutItemCommand,
  ResourceNotFoundException, ScanCommand, TableDescription, TagResourceCommand,
} from "@aws-sdk/client-dynamodb";

/** Capacity as requested (ProvisionedThroughput) or as described (ProvisionedThroughputDescription). */
export type Capacity = { ReadCapacityUnits?: number; WriteCapacityUnits?: number };

export const capacity = (t: Capacity | undefined) => `read ${t?.ReadCapacityUnits ?? 0}, write ${t?.WriteCapacityUnits ?? 0}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

/** Polls until the table (and its indexes) are ACTIVE, or until it is gone when `gone` is set. */
export async function settle(client: DynamoDBClient, name: string, timeoutMs: number, gone = false): Promise<TableDescription | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const table = await describe(client, name);
    if (gone ? !table : !table || (table.TableStatus === "ACTIVE" && (table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === "ACTIVE"))) {
      return table;
    }
    if (Date.now() > deadline) {
      throw new Error(`table ${name} is still ${table?.TableStatus ?? "present"} after ${timeoutMs} ms ` +
        "(a data directory left by an interrupted run can hold a table in CREATING forever: delete that directory)");
    }
    await sleep(10);
  }
}

export async function tagsOf(client: DynamoDBClient, table: TableDescription): Promise<string[]> {
  const tags = (await client.send(new ListTagsOfResourceCommand({ ResourceArn: table.TableArn }))).Tags ?? [];
  return tags.map((t) => `${t.Key}=${t.Value}`).sort();
}

export async function create(client: DynamoDBClient, input: CreateTableCommandInput, timeoutMs: number): Promise<void> {
  const created = await client.send(new CreateTableCommand(input));
  await settle(client, input.TableName!, timeoutMs);
  // dynalite drops Tags from CreateTable but implements TagResource, so tags are applied separately.
  if (input.Tags?.length) await client.send(new TagResourceCommand({ ResourceArn: created.TableDescription!.TableArn, Tags: input.Tags }));
}

export async function described(client: DynamoDBClient, table: TableDescription) {
  return {
    ...table,
    billing: table.BillingModeSummary?.BillingMode ?? "PROVISIONED",
    throughput: table.ProvisionedThroughput,
    tags: await tagsOf(client, table),
  };
}


/** Copy every item of `from` into `to` (PutItem: copying the same items again changes nothing). Returns how many. */
export async function copyItems(client: DynamoDBClient, from: string, to: string): Promise<number> {
  let count = 0;
  let start: Record<string, any> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: from, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) await client.send(new PutItemCommand({ TableName: to, Item: item }));
    count += page.Items?.length ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

export async function listTables(client: DynamoDBClient): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
}
