/**
 * While any GSI of a table is auto scaled, Terraform ignores the table's whole global_secondary_index
 * set (it cannot ignore one index's capacity). An index change would then silently never be applied,
 * so it is refused (by `hcl` before writing, by `check` and `lock`) with the steps that apply it,
 * against the GSIs recorded in the schema lock. Without GSI scaling, index changes pass as before.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DestructiveChangeError, assertNoUnacceptedReplacements, buildLock, lockFileName, reconcileLock, serializeLock } from "../../project/schema-lock";
import { dynamoTable } from "../../model/blueprints";
import { GlobalSecondaryIndexArgs, TableArgs } from "../../model/types";
import { guardReplacements } from "../../project/schema-lock-file";
import { checkSchemaLock } from "../../project/checklist/schema-lock";
import type { ChecklistInput } from "../../project/checklist/types";

const byOwner: GlobalSecondaryIndexArgs = { name: "byOwner", partitionKey: { name: "owner", type: "S" }, readCapacity: 5, writeCapacity: 5 };
const byKind: GlobalSecondaryIndexArgs = { name: "byKind", partitionKey: { name: "kind", type: "S" }, readCapacity: 5, writeCapacity: 5 };
const scaled = (g: GlobalSecondaryIndexArgs) => ({ ...g, autoscaling: { read: { min: 5, max: 50 } } });
const table = (indexes: GlobalSecondaryIndexArgs[]) => dynamoTable("ledger", {
  partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5, globalSecondaryIndexes: indexes,
} as TableArgs);

describe("safety: an index change Terraform would ignore is refused", () => {
  const lock = buildLock("test", [table([scaled(byOwner)])]);

  it("adding a GSI to a table with a scaled GSI throws, naming the table, the index and the steps", () => {
    assert.throws(() => assertNoUnacceptedReplacements(lock, "test", [table([scaled(byOwner), byKind])]), (e: Error) => {
      assert.ok(e instanceof DestructiveChangeError);
      assert.match(e.message, /DynamoTable "ledger" \(table ledger\)\.globalSecondaryIndexes\["byKind"\]/);
      assert.match(e.message, /silently never be applied/);
      assert.match(e.message, /remove autoscaling from every GSI of "ledger" and deploy/);
      return true;
    });
  });

  it("changing or removing an index is refused too; capacity changes are not index changes", () => {
    assert.throws(() => assertNoUnacceptedReplacements(lock, "test", [table([{ ...scaled(byOwner), projectionType: "KEYS_ONLY" }])]), DestructiveChangeError);
    const both = buildLock("test", [table([scaled(byOwner), byKind])]);
    assert.throws(() => assertNoUnacceptedReplacements(both, "test", [table([scaled(byOwner)])]), DestructiveChangeError);
    assert.doesNotThrow(() => assertNoUnacceptedReplacements(lock, "test", [table([{ ...scaled(byOwner), readCapacity: 7 }])]));
  });

  it("without GSI scaling the change passes, and the lock records the new indexes, so scaling can come back", () => {
    const unscaled = [table([byOwner, byKind])];
    const r = assertNoUnacceptedReplacements(lock, "test", unscaled)!;
    assert.deepStrictEqual(r.next!.tables.ledger.globalSecondaryIndexes!.map((g) => g.name), ["byOwner", "byKind"]);
    assert.doesNotThrow(() => assertNoUnacceptedReplacements(r.next!, "test", [table([scaled(byOwner), byKind])]));
  });

  it("a lock written before GSIs were recorded compares nothing, and is completed by the next lock", () => {
    const old = JSON.parse(serializeLock(lock));
    delete old.tables.ledger.globalSecondaryIndexes;
    delete old.tables.ledger.gsiAutoscaling;
    const r = reconcileLock("test", old, [table([scaled(byOwner), byKind])]);
    assert.deepStrictEqual(r.unaccepted, []);
    assert.ok(r.changed && r.next!.tables.ledger.globalSecondaryIndexes!.length === 2);
  });

  it("check FAILs, saying the index change would be ignored (not that data would be lost)", () => {
    const input = { stack: "test", blueprints: [table([scaled(byOwner), byKind])], schemaLock: { file: lockFileName("test"), lock, accepted: [] } };
    const item = checkSchemaLock(input as unknown as ChecklistInput);
    assert.strictEqual(item.status, "FAIL");
    assert.match(item.reason, /1 table changed a GSI that Terraform would ignore \(a GSI is auto scaled\): ledger/);
    assert.doesNotMatch(item.reason, /losing its data/);
    assert.ok(item.details.some((d) => d.includes('globalSecondaryIndexes["byKind"]')), item.details.join("\n"));
  });

  it("hcl refuses before writing (guardReplacements reads the lock file)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ignored-gsi-"));
    try {
      fs.writeFileSync(path.join(dir, lockFileName("test")), serializeLock(lock));
      assert.throws(() => guardReplacements(dir, "test", [table([scaled(byOwner), byKind])]), DestructiveChangeError);
      assert.deepStrictEqual(fs.readdirSync(dir), [lockFileName("test")], "nothing written");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
