/**
 * The schema lock's pure part (project/schema-lock.ts) and the committed lock files. Expected tables are
 * written from the article's table designs and the stack files, not read back from a generated lock.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { dynamoTable, ordersTable } from "../../model/blueprints";
import { BlueprintValidationError } from "../../model/errors";
import { Blueprint } from "../../model/stack";
import { TableArgs } from "../../model/types";
import { loadStack } from "../../cli/stack-file";
import {
  DestructiveChangeError, LockedTable, SchemaLock, assertNoUnacceptedReplacements, buildLock, compareLock, lockFileName, parseLock,
  reconcileLock, replacementProblems, serializeLock,
} from "../../project/schema-lock";
import { ROOT, assertProblem } from "./helpers";

const S = (name: string) => ({ name, type: "S" as const });
const N = (name: string) => ({ name, type: "N" as const });
const table = (component: string, tableName: string, partitionKey: LockedTable["partitionKey"], sortKey: LockedTable["sortKey"] = null,
  globalSecondaryIndexes: LockedTable["globalSecondaryIndexes"] = []): LockedTable =>
  ({ component, tableName, partitionKey, sortKey, localSecondaryIndexes: [], globalSecondaryIndexes, gsiAutoscaling: false });
/** The article's two order indexes: a customer's orders and orders by status, newest first. */
const ORDER_INDEXES: LockedTable["globalSecondaryIndexes"] = [
  { name: "CustomerOrdersIndex", partitionKey: { name: "customerId", type: "S" }, sortKey: { name: "createdAt", type: "N" }, projectionType: "ALL", nonKeyAttributes: [] },
  { name: "StatusIndex", partitionKey: { name: "orderStatus", type: "S" }, sortKey: { name: "createdAt", type: "N" }, projectionType: "KEYS_ONLY", nonKeyAttributes: [] },
];

/** The article's four tables per stack: orders (orderId + createdAt), high-traffic and production-data (id), the lock table (LockID). */
function expectedTables(env: string, lockTable: string, production: boolean): Record<string, LockedTable> {
  return {
    "high-traffic": table("DynamoTable", `high-traffic-${env}`, S("id")),
    orders: table("OrdersTable", `orders-${env}`, S("orderId"), N("createdAt"), ORDER_INDEXES),
    "production-data": table(production ? "ProductionTable" : "DynamoTable", `production-data-${env}`, S("id")),
    "state-locks": table("StateLockTable", lockTable, S("LockID")),
  };
}

const base: TableArgs = { tableName: "events", partitionKey: S("pk"), sortKey: S("sk"),
  localSecondaryIndexes: [{ name: "byTime", sortKey: N("at"), projectionType: "INCLUDE", nonKeyAttributes: ["a", "b"] }] };
const lockOf = (...blueprints: Blueprint<unknown>[]) => buildLock("test", blueprints);
const diffOf = (before: Partial<TableArgs>, after: Partial<TableArgs>) =>
  compareLock(lockOf(dynamoTable("events", { ...base, ...before })), lockOf(dynamoTable("events", { ...base, ...after })));
const settings = (d: ReturnType<typeof compareLock>) => d.replacements.map((r) => `${r.setting}: ${r.locked} -> ${r.current}`);

describe("safety: schema lock (model)", () => {
  for (const [stack, lockTable, production] of [["dev", "terraform-state-locks-dev", false], ["prod", "terraform-state-locks", true]] as const) {
    it(`the committed ${lockFileName(stack)} matches the shipped stack, byte for byte (a PR changing a key fails CI)`, () => {
      const text = fs.readFileSync(path.join(ROOT, lockFileName(stack)), "utf8");
      const committed = parseLock(text, lockFileName(stack), stack);
      assert.deepStrictEqual({ ...committed.tables }, expectedTables(stack, lockTable, production), "the article's tables");
      const current = buildLock(stack, loadStack(ROOT, stack).blueprints);
      assert.strictEqual(serializeLock(current), text,
        `${lockFileName(stack)} is out of date: if the change is intended, run \`dynamodb-blueprints lock --stack ${stack}\` (with --accept-replacement for replaced tables) and commit it`);
    });
  }

  it("serialises with a version, sorted tables, fixed field order and a trailing newline, whatever the blueprint order", () => {
    const a = dynamoTable("zeta", { tableName: "zeta-t", partitionKey: S("id") });
    const b = ordersTable("alpha", { environment: "qa" });
    const text = serializeLock(lockOf(a, b));
    assert.strictEqual(text, serializeLock(lockOf(b, a)));
    assert.ok(text.endsWith("}\n") && !text.endsWith("\n\n"));
    const parsed = JSON.parse(text);
    assert.deepStrictEqual(Object.keys(parsed), ["version", "note", "stack", "tables"]);
    assert.strictEqual(parsed.version, 1);
    assert.deepStrictEqual(Object.keys(parsed.tables), ["alpha", "zeta"]);
    assert.deepStrictEqual(Object.keys(parsed.tables.alpha), ["component", "tableName", "partitionKey", "sortKey", "localSecondaryIndexes", "globalSecondaryIndexes", "gsiAutoscaling"]);
  });

  it("every setting that forces a replacement is reported, with locked and current values", () => {
    assert.deepStrictEqual(settings(diffOf({}, { tableName: "events-v2" })), ["tableName: events -> events-v2"]);
    assert.deepStrictEqual(settings(diffOf({}, { partitionKey: S("id") })), ["partitionKey: pk (S) -> id (S)"]);
    assert.deepStrictEqual(settings(diffOf({}, { partitionKey: { name: "pk", type: "N" } })), ["partitionKey: pk (S) -> pk (N)"]);
    assert.deepStrictEqual(settings(diffOf({ localSecondaryIndexes: [] }, { sortKey: undefined, localSecondaryIndexes: [] })), ["sortKey: sk (S) -> none"]);
    const lsi = (extra: object) => ({ localSecondaryIndexes: [{ ...base.localSecondaryIndexes![0], ...extra }] });
    assert.deepStrictEqual(settings(diffOf({}, lsi({ sortKey: N("when") }))),
      ['localSecondaryIndexes["byTime"]: sort at (N), projection INCLUDE [a, b] -> sort when (N), projection INCLUDE [a, b]']);
    assert.deepStrictEqual(settings(diffOf({}, lsi({ projectionType: "ALL", nonKeyAttributes: undefined }))),
      ['localSecondaryIndexes["byTime"]: sort at (N), projection INCLUDE [a, b] -> sort at (N), projection ALL']);
    // The provider hashes each LSI block including attribute order: reordering replaces the table too.
    assert.strictEqual(settings(diffOf({}, lsi({ nonKeyAttributes: ["b", "a"] }))).length, 1);
    assert.deepStrictEqual(settings(diffOf({ localSecondaryIndexes: [] }, {})), ['localSecondaryIndexes["byTime"]: none -> sort at (N), projection INCLUDE [a, b]']);
    const kind = compareLock(lockOf(dynamoTable("events", base)), lockOf({ ...dynamoTable("events", base), kind: "ProductionTable" } as Blueprint));
    assert.deepStrictEqual(settings(kind), ["component: DynamoTable -> ProductionTable"]);
  });

  it("in-place changes (GSIs, billing, PITR, encryption, tags) are not replacements", () => {
    const d = diffOf({}, { globalSecondaryIndexes: [{ name: "byX", partitionKey: S("x"), readCapacity: 1, writeCapacity: 1 }], billingMode: "PROVISIONED", readCapacity: 1, writeCapacity: 1,
      pointInTimeRecovery: false, encryption: "AWS_MANAGED", deletionProtection: true, tags: { a: "b" }, ttlAttribute: "exp" });
    assert.deepStrictEqual(d, { replacements: [], added: [], removed: [] });
  });

  it("a removed table would be deleted (refused like a replacement); a renamed component is removed + added, with a hint", () => {
    const lock = lockOf(dynamoTable("events", base), dynamoTable("old", { tableName: "old-t", partitionKey: S("id") }));
    const r = reconcileLock("test", lock, [dynamoTable("events-v2", base)]);
    assert.deepStrictEqual([r.diff.removed.map((x) => x.table), r.diff.added.map((x) => x.table), r.unaccepted], [["events", "old"], ["events-v2"], ["events", "old"]]);
    assert.strictEqual(r.next, undefined, "nothing to write while a deletion is unaccepted");
    const text = `x: 2 problems\n${replacementProblems("test", r).map((p, i) => `  ${i + 1}. ${p.where}: ${p.message} (got ${p.value}). Fix: ${p.fix}`).join("\n")}`;
    assertProblem(text, { where: 'DynamoTable "events" (table events)', value: "in the lock, not in the stack", fix: /looks renamed to "events-v2".*alias \/ Terraform moved block/ });
    assertProblem(text, { where: 'DynamoTable "old" (table old-t)', value: "in the lock, not in the stack", fix: /restore the component; .*--accept-replacement old/ });
  });

  it("accepting: rewrites exactly the accepted entries and adds new tables; a typo is an error, an idle name a note", () => {
    const lock = lockOf(dynamoTable("events", base), dynamoTable("other", { tableName: "other-t", partitionKey: S("id") }));
    const now = [dynamoTable("events", { ...base, partitionKey: S("tenant") }), dynamoTable("other", { tableName: "other-t", partitionKey: S("id") }),
      dynamoTable("fresh", { tableName: "fresh-t", partitionKey: S("id") })];
    const r = reconcileLock("test", lock, now, ["events", "other"]);
    assert.deepStrictEqual([r.accepted, r.unaccepted, r.idle, r.changed], [["events"], [], ["other"], true]);
    assert.deepStrictEqual(r.next!.tables.events.partitionKey, S("tenant"));
    assert.deepStrictEqual(Object.keys(r.next!.tables), ["events", "fresh", "other"]);
    assert.throws(() => reconcileLock("test", lock, now, ["evnets"]),
      (e: BlueprintValidationError) => { assertProblem(e.message, { where: "--accept-replacement", value: '"evnets"', fix: /did you mean "events"\?/ }); return true; });
  });

  it("assertNoUnacceptedReplacements (for hcl and programs): no lock passes, an unaccepted key change throws, an accepted one passes", () => {
    const lock = lockOf(dynamoTable("events", base));
    const changed = [dynamoTable("events", { ...base, sortKey: S("when") })];
    assert.strictEqual(assertNoUnacceptedReplacements(undefined, "test", changed), undefined);
    assert.throws(() => assertNoUnacceptedReplacements(lock, "test", changed), (e: Error) => {
      assert.ok(e instanceof DestructiveChangeError && e instanceof BlueprintValidationError);
      assertProblem(e.message, { where: 'DynamoTable "events" (table events).sortKey', value: "locked sk (S), now when (S)", fix: /revert it to sk \(S\)/ });
      return true;
    });
    assert.strictEqual(assertNoUnacceptedReplacements(lock, "test", changed, ["events"])!.unaccepted.length, 0);
  });

  it("a broken lock file is an error naming the file and the fix, never treated as no lock", () => {
    const good = serializeLock(lockOf(dynamoTable("events", base)));
    const cases: [string, string, string][] = [
      ["{ not json", "lock.json", "is not valid JSON"],
      [good.replace('"version": 1', '"version": 2'), "lock.json version", "upgrade dynamodb-blueprints"],
      [good.replace('"stack": "test"', '"stack": "prod"'), "lock.json stack", 'does not belong to stack "test"'],
      [good.replace('"type": "S"', '"type": "X"'), 'lock.json tables["events"].partitionKey', "is missing or malformed"],
    ];
    for (const [text, where, says] of cases) {
      assert.throws(() => parseLock(text, "lock.json", "test"), (e: Error) => {
        assert.ok(e instanceof BlueprintValidationError);
        assert.ok(e.message.includes(`${where}: `) && e.message.includes(says), e.message);
        return true;
      });
    }
    // Tables come back in a null-prototype object (component names are user-chosen keys); same content.
    const parsed = parseLock(good, "lock.json", "test");
    assert.strictEqual(Object.getPrototypeOf(parsed.tables), null);
    assert.deepStrictEqual({ ...parsed, tables: { ...parsed.tables } }, JSON.parse(good) as SchemaLock);
  });
});
