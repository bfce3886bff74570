/**
 * The schema lock's GSI warnings (project/schema-lock-indexes.ts) and their checklist item: a GSI whose
 * keys or projection changed (rebuilt: queries fail during backfill) and more than one GSI created or
 * deleted in one change are WARNs with the safe sequence; one added GSI, a capacity change, or a lock
 * that predates GSI recording warn about nothing.
 */
import * as assert from "assert";
import { dynamoTable } from "../../model/blueprints";
import { Blueprint } from "../../model/stack";
import { GlobalSecondaryIndexArgs, TableArgs } from "../../model/types";
import { buildLock } from "../../project/schema-lock";
import { indexWarningLines, indexWarnings } from "../../project/schema-lock-indexes";
import { checkSchemaLock } from "../../project/checklist/schema-lock";

const S = (name: string) => ({ name, type: "S" as const });
const gsi = (name: string, pk: string, more: Partial<GlobalSecondaryIndexArgs> = {}): GlobalSecondaryIndexArgs => ({ name, partitionKey: S(pk), ...more });
const args = (globalSecondaryIndexes: GlobalSecondaryIndexArgs[], more: Partial<TableArgs> = {}): TableArgs =>
  ({ tableName: "events", partitionKey: S("pk"), globalSecondaryIndexes, ...more });
const lockOf = (...b: Blueprint<unknown>[]) => buildLock("test", b);
const warnings = (before: GlobalSecondaryIndexArgs[], after: GlobalSecondaryIndexArgs[]) =>
  indexWarnings(lockOf(dynamoTable("events", args(before))), lockOf(dynamoTable("events", args(after))));

describe("safety: schema lock, GSI changes", () => {
  it("a GSI whose keys or projection changed is rebuilt: a WARN naming both shapes, with the add-new-then-remove sequence", () => {
    const [w] = warnings([gsi("byUser", "user")], [gsi("byUser", "owner")]);
    assert.deepStrictEqual([w.setting, w.locked, w.current], ['globalSecondaryIndexes["byUser"]', "partition user (S), sort none, projection ALL", "partition owner (S), sort none, projection ALL"]);
    assert.match(w.message, /deleted and rebuilt, and queries on it fail until the new one has backfilled/);
    assert.match(w.fix, /add the new shape as a new GSI \(e\.g\. "byUserV2"\); deploy and wait until it is ACTIVE; move the queries to it; remove "byUser" in a later change/);
    assert.deepStrictEqual(indexWarningLines(lockOf(dynamoTable("events", args([gsi("byUser", "user")]))), lockOf(dynamoTable("events", args([gsi("byUser", "owner")])))),
      [`warning: events globalSecondaryIndexes["byUser"] (partition user (S), sort none, projection ALL -> partition owner (S), sort none, projection ALL): ${w.message}.`]);
    const [p] = warnings([gsi("byUser", "user")], [gsi("byUser", "user", { projectionType: "INCLUDE", nonKeyAttributes: ["a"] })]);
    assert.strictEqual(p.current, "partition user (S), sort none, projection INCLUDE [a]");
  });

  it("more than one GSI created or deleted in one change is a WARN listing them in a one-per-deployment order; one is fine", () => {
    assert.deepStrictEqual(warnings([gsi("ix1", "x")], [gsi("ix1", "x"), gsi("ix2", "y")]), []);
    assert.deepStrictEqual(warnings([gsi("ix1", "x"), gsi("ix2", "y")], [gsi("ix1", "x")]), []);
    const [w] = warnings([gsi("old", "x")], [gsi("ix2", "y"), gsi("ix3", "z")]);
    assert.deepStrictEqual([w.setting, w.locked, w.current], ["globalSecondaryIndexes", "1 index", `created "ix2", "ix3", deleted "old"`]);
    assert.match(w.fix, /^create or delete one GSI per deployment \(create "ix2", then create "ix3", then delete "old"\)/);
  });

  it("capacity changes and locks written before GSIs were recorded warn about nothing", () => {
    assert.deepStrictEqual(warnings([gsi("ix1", "x")], [gsi("ix1", "x", { warmThroughput: { readUnitsPerSecond: 12000 } })]), []);
    const old = lockOf(dynamoTable("events", args([gsi("ix1", "x")])));
    delete old.tables.events.globalSecondaryIndexes;
    assert.deepStrictEqual(indexWarnings(old, lockOf(dynamoTable("events", args([gsi("ix1", "y"), gsi("ixb", "z"), gsi("ixc", "w")])))), []);
  });

  it("check: the schema-lock item WARNs with the safe sequence (not a FAIL: no data is lost) and PASSes once locked", () => {
    const lock = lockOf(dynamoTable("events", args([gsi("byUser", "user")])));
    const input = (gsis: GlobalSecondaryIndexArgs[]) => ({
      stack: "test", config: { protect: false, environment: "test" }, resources: [], blueprints: [dynamoTable("events", args(gsis))],
      schemaLock: { file: "dynamodb-blueprints.test.lock.json", lock, accepted: [] },
    }) as never;
    const item = checkSchemaLock(input([gsi("byUser", "owner")]));
    assert.strictEqual(item.status, "WARN");
    assert.deepStrictEqual(item.details, [`WARN DynamoTable "events" (table events).globalSecondaryIndexes["byUser"]: locked partition user (S), sort none, projection ALL, now partition owner (S), sort none, projection ALL; changed keys or projection: DynamoDB cannot alter an index, so it is deleted and rebuilt, and queries on it fail until the new one has backfilled`]);
    assert.match(item.fix!, /^events: keep "byUser" as it was/);
    assert.strictEqual(checkSchemaLock(input([gsi("byUser", "user")])).status, "PASS");
  });
});
