/**
 * A global table's consistency mode cannot change after creation (AWS developer guide, "How DynamoDB
 * global tables work"). The schema lock records it for a table with replicas; a changed mode FAILs
 * `check`, is refused by `lock` and by `hcl` before writing, with the sequence through a single-Region
 * table. Removing the replicas (the first step of that sequence) is not refused, and a lock without the
 * field (single-Region, or older) compares nothing.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DestructiveChangeError, buildLock, lockFileName, parseLock, reconcileLock, serializeLock } from "../../project/schema-lock";
import { guardReplacements } from "../../project/schema-lock-file";
import { checkSchemaLock } from "../../project/checklist/schema-lock";
import type { ChecklistInput } from "../../project/checklist/types";
import { dynamoTable } from "../../model/blueprints";
import { BlueprintValidationError } from "../../model/errors";
import { TableArgs } from "../../model/types";

const base = { tableName: "ledger-t", partitionKey: { name: "id", type: "S" }, region: "us-east-1", streamViewType: "NEW_AND_OLD_IMAGES" } as const;
const eventual = () => dynamoTable("ledger", { ...base, replicas: [{ region: "us-east-2" }, { region: "us-west-2" }] } as TableArgs);
const strong = () => dynamoTable("ledger", { ...base, replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }], globalTableWitness: { regionName: "us-west-2" } } as TableArgs);
const single = () => dynamoTable("ledger", { ...base } as TableArgs);
const lockOf = (b: ReturnType<typeof single>) => buildLock("test", [b]);

describe("safety: a global table's consistency mode cannot change (schema lock)", () => {
  it("records the mode for a table with replicas, nothing for a single-Region one", () => {
    assert.strictEqual(lockOf(eventual()).tables.ledger.consistencyMode, "EVENTUAL");
    assert.strictEqual(lockOf(strong()).tables.ledger.consistencyMode, "STRONG");
    assert.ok(!("consistencyMode" in lockOf(single()).tables.ledger));
  });

  it("EVENTUAL -> STRONG FAILs check with the safe sequence (not as data loss)", () => {
    const item = checkSchemaLock({ stack: "test", blueprints: [strong()], schemaLock: { file: lockFileName("test"), lock: lockOf(eventual()), accepted: [] } } as unknown as ChecklistInput);
    assert.strictEqual(item.status, "FAIL");
    assert.match(item.reason, /1 global table changed its consistency mode, which AWS cannot change in place: ledger/);
    assert.doesNotMatch(item.reason, /losing its data/);
    assert.strictEqual(item.details.length, 1, item.details.join("\n"));
    const d = item.details[0];
    assert.match(d, /^FAIL DynamoTable "ledger" \(table ledger-t\)\.replicas\[\]\.consistencyMode: locked EVENTUAL, now STRONG; /);
    assert.match(d, /\(1\) remove every replica of "ledger" \(and its globalTableWitness\) and deploy/);
    assert.match(d, /\(2\) run `dynamodb-blueprints lock --stack test`/);
    assert.match(d, /AWS converts only an empty table to multi-Region strong consistency/);
  });

  it("STRONG -> EVENTUAL is refused by lock and by hcl before writing", () => {
    const r = reconcileLock("test", lockOf(strong()), [eventual()]);
    assert.deepStrictEqual(r.unaccepted, ["ledger"]);
    assert.strictEqual(r.next, undefined);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mode-lock-"));
    try {
      fs.writeFileSync(path.join(dir, lockFileName("test")), serializeLock(lockOf(strong())));
      assert.throws(() => guardReplacements(dir, "test", [eventual()]), (e: Error) =>
        e instanceof DestructiveChangeError && /consistencyMode.*locked STRONG, now EVENTUAL/.test(e.message) && /"EVENTUAL" and deploy/.test(e.message));
      assert.deepStrictEqual(fs.readdirSync(dir), [lockFileName("test")], "nothing written");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the safe sequence passes: removing the replicas, locking, then adding them in the other mode", () => {
    const step1 = reconcileLock("test", lockOf(eventual()), [single()]);
    assert.deepStrictEqual(step1.unaccepted, [], "removing the replicas is allowed");
    assert.ok(!("consistencyMode" in step1.next!.tables.ledger), "the lock now records a single-Region table");
    assert.deepStrictEqual(reconcileLock("test", step1.next!, [strong()]).unaccepted, []);
  });

  it("a lock written before the mode was recorded compares nothing; a bad value is a lock error", () => {
    const old = JSON.parse(serializeLock(lockOf(eventual())));
    delete old.tables.ledger.consistencyMode;
    assert.deepStrictEqual(reconcileLock("test", parseLock(JSON.stringify(old), lockFileName("test"), "test"), [strong()]).unaccepted, []);
    old.tables.ledger.consistencyMode = "STRICT";
    assert.throws(() => parseLock(JSON.stringify(old), lockFileName("test"), "test"),
      (e: Error) => e instanceof BlueprintValidationError && /tables\["ledger"\]\.consistencyMode/.test(e.message));
  });
});
