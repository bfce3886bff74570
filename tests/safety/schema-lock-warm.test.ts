/**
 * Warm throughput can only be raised (AWS docs, "Understanding DynamoDB warm throughput"), and the AWS
 * provider plans a lower table value as a replacement and a lower GSI value as an index rebuild. The
 * schema lock records the table's and each GSI's value; a lower or removed one FAILs `check`, is refused
 * by `lock` and, before anything is written, by `hcl` (guardReplacements). Locks without the field pass.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DestructiveChangeError, assertNoUnacceptedReplacements, buildLock, lockFileName, parseLock, reconcileLock, serializeLock,
} from "../../project/schema-lock";
import { guardReplacements } from "../../project/schema-lock-file";
import { checkSchemaLock } from "../../project/checklist/schema-lock";
import type { ChecklistInput } from "../../project/checklist/types";
import { dynamoTable } from "../../model/blueprints";
import { BlueprintValidationError } from "../../model/errors";
import { GlobalSecondaryIndexArgs, TableArgs, WarmThroughput } from "../../model/types";

const gsi = (warm?: WarmThroughput): GlobalSecondaryIndexArgs => ({ name: "byUser", partitionKey: { name: "user", type: "S" }, ...(warm ? { warmThroughput: warm } : {}) });
const events = (warm?: WarmThroughput, indexWarm?: WarmThroughput) => dynamoTable("events", {
  tableName: "events-t", partitionKey: { name: "pk", type: "S" }, globalSecondaryIndexes: [gsi(indexWarm)], ...(warm ? { warmThroughput: warm } : {}),
} as TableArgs);
const W = (read: number, write: number): WarmThroughput => ({ readUnitsPerSecond: read, writeUnitsPerSecond: write });
const locked = buildLock("test", [events(W(20000, 8000), W(15000, 5000))]);
const item = (blueprint: ReturnType<typeof events>, accepted: string[] = []) =>
  checkSchemaLock({ stack: "test", blueprints: [blueprint], schemaLock: { file: lockFileName("test"), lock: locked, accepted } } as unknown as ChecklistInput);

describe("safety: warm throughput can only be raised (schema lock)", () => {
  it("records the table's and each GSI's warm throughput, and nothing when unset (older locks stay byte-stable)", () => {
    assert.deepStrictEqual(locked.tables.events.warmThroughput, { readUnitsPerSecond: 20000, writeUnitsPerSecond: 8000 });
    assert.deepStrictEqual(locked.tables.events.globalSecondaryIndexes![0].warmThroughput, { readUnitsPerSecond: 15000, writeUnitsPerSecond: 5000 });
    const plain = buildLock("test", [events()]);
    assert.ok(!("warmThroughput" in plain.tables.events) && !("warmThroughput" in plain.tables.events.globalSecondaryIndexes![0]));
    assert.ok(!serializeLock(plain).includes("warmThroughput"));
  });

  it("a raised or equal value passes and becomes the new floor in the lock", () => {
    const r = reconcileLock("test", locked, [events(W(30000, 8000), W(15000, 6000))]);
    assert.deepStrictEqual(r.unaccepted, []);
    assert.deepStrictEqual(r.next!.tables.events.warmThroughput, { readUnitsPerSecond: 30000, writeUnitsPerSecond: 8000 });
    assert.deepStrictEqual(r.next!.tables.events.globalSecondaryIndexes![0].warmThroughput, { readUnitsPerSecond: 15000, writeUnitsPerSecond: 6000 });
    assert.ok(r.changed);
  });

  it("a lower table value FAILs check as a replacement, naming the table, both values and the fix", () => {
    const it = item(events(W(20000, 4000), W(15000, 5000)));
    assert.strictEqual(it.status, "FAIL");
    assert.match(it.reason, /1 locked table would be replaced or deleted, losing its data: events/);
    assert.deepStrictEqual(it.details.length, 1, it.details.join("\n"));
    assert.match(it.details[0], /^FAIL DynamoTable "events" \(table events-t\)\.warmThroughput: locked read 20000, write 8000 units\/s, now read 20000, write 4000 units\/s; /);
    assert.match(it.details[0], /can only be raised/);
    assert.match(it.details[0], /Fix: set it back to at least read 20000, write 8000 units\/s .*--accept-replacement events/);
  });

  it("a lower or removed GSI value FAILs as an index rebuild (no data lost); removing the table's value FAILs too", () => {
    const lowered = item(events(W(20000, 8000), W(12000, 5000)));
    assert.strictEqual(lowered.status, "FAIL");
    assert.match(lowered.reason, /lowered or removed a GSI's warm throughput.*: events/);
    assert.doesNotMatch(lowered.reason, /losing its data/);
    assert.match(lowered.details[0], /\.globalSecondaryIndexes\["byUser"\]\.warmThroughput: locked read 15000, write 5000 units\/s, now read 12000, write 5000 units\/s; .*index/);
    const removed = item(events(undefined, W(15000, 5000)));
    assert.strictEqual(removed.status, "FAIL");
    assert.match(removed.details[0], /\.warmThroughput: locked read 20000, write 8000 units\/s, now none;/);
    const halfRemoved = item(events({ readUnitsPerSecond: 20000 }, W(15000, 5000)));
    assert.match(halfRemoved.details[0], /now read 20000 units\/s;/, "leaving out one dimension is a removal of it");
  });

  it("lock refuses until accepted; accepting records the new value", () => {
    const r = reconcileLock("test", locked, [events(W(12000, 4000), W(15000, 5000))]);
    assert.deepStrictEqual(r.unaccepted, ["events"]);
    assert.strictEqual(r.next, undefined, "nothing to write");
    const ok = reconcileLock("test", locked, [events(W(12000, 4000), W(15000, 5000))], ["events"]);
    assert.deepStrictEqual(ok.next!.tables.events.warmThroughput, { readUnitsPerSecond: 12000, writeUnitsPerSecond: 4000 });
  });

  it("hcl refuses before writing (guardReplacements reads the lock file)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warm-lock-"));
    try {
      fs.writeFileSync(path.join(dir, lockFileName("test")), serializeLock(locked));
      assert.throws(() => guardReplacements(dir, "test", [events(W(20000, 8000), W(14000, 5000))]), (e: Error) => {
        assert.ok(e instanceof DestructiveChangeError);
        assert.match(e.message, /DynamoTable "events" \(table events-t\)\.globalSecondaryIndexes\["byUser"\]\.warmThroughput/);
        assert.match(e.message, /locked read 15000, write 5000 units\/s, now read 14000, write 5000 units\/s/);
        return true;
      });
      assert.deepStrictEqual(fs.readdirSync(dir), [lockFileName("test")], "nothing written");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a lock written before warm throughput was recorded compares nothing; a malformed value is a lock error", () => {
    const old = JSON.parse(serializeLock(locked));
    delete old.tables.events.warmThroughput;
    delete old.tables.events.globalSecondaryIndexes[0].warmThroughput;
    const parsed = parseLock(JSON.stringify(old), lockFileName("test"), "test");
    assert.strictEqual(assertNoUnacceptedReplacements(parsed, "test", [events()])!.unaccepted.length, 0);
    old.tables.events.warmThroughput = { readUnitsPerSecond: -1 };
    assert.throws(() => parseLock(JSON.stringify(old), lockFileName("test"), "test"),
      (e: Error) => e instanceof BlueprintValidationError && /tables\["events"\]\.warmThroughput/.test(e.message));
  });
});
