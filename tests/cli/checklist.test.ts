/**
 * The checklist logic item by item, on hand-made records (tests/cli/fixtures.ts): the compliant
 * stack passes everything, and each single defect moves exactly the item it concerns.
 */
import * as assert from "assert";
import { CheckStatus, ChecklistInput, checklistExitCode, runChecklist } from "../../project/checklist";
import {
  checkAutoscaling, checkBilling, checkKeys, checkLockTable, checkModules, checkMonitoring, checkPitr, checkProtection,
} from "../../project/checklist/article";
import { checkEncryption, checkIgnoreChanges, checkKmsDeletionWindow, checkStateBucket } from "../../project/checklist/hardening";
import { referenceDeclarations, resolveDeclaration } from "../../project/reference-stack";
import { config, devInput, find, input, rec, remove } from "./fixtures";

/** ~1,000 reads and writes per second around the clock: provisioned at 70% costs ~1/2.4 of on-demand. */
const STEADY = { readsPerMonth: 2.6e9, writesPerMonth: 2.6e9 };
const status = (item: { status: CheckStatus }) => item.status;
const details = (item: { details: string[] }) => item.details.join("\n");

describe("checklist (project/checklist)", () => {
  it("the compliant production fixture passes every item, in article order then model checks", () => {
    // With traffic figures that favour PROVISIONED: without them step 3 warns (tested below).
    const report = runChecklist(input(undefined, { hints: { traffic: { "ht-prod": STEADY } } }));
    assert.deepStrictEqual(report.items.filter((i) => i.status !== "PASS").map((i) => `${i.id}: ${i.reason} ${i.details}`), []);
    assert.deepStrictEqual(report.items.map((i) => i.step), [1, 2, 3, 4, 5, 6, 7, 8, undefined, undefined, undefined, undefined, undefined, undefined]);
    assert.strictEqual(report.production.stackWide, true);
    assert.match(report.production.rule, /^Production: every table, because Pulumi\.prod\.yaml sets dynamodb-blueprints:production: true\.$/);
    assert.ok(report.items.every((i) => i.fix === undefined), "a passing item offers no fix");
  });

  it("production is declared per table (protect, ProductionTable) or stack-wide; never inferred from another table or the stack name", () => {
    // One protected table in a dev stack named "prod": only that table (and its component's key) is production.
    const one = devInput((r) => { find(r, "orders").protect = true; });
    const prodNamed = { ...one, stack: "prod" };
    const report = runChecklist(prodNamed);
    assert.deepStrictEqual(report.production.tables, ["orders-prod"]);
    assert.match(report.production.rule, /orders-prod is; .*ht-prod.* are not\.$/);
    const pitrOff = (r: ReturnType<typeof input>["resources"]) => { for (const n of ["orders", "high-traffic"]) find(r, n).inputs.pointInTimeRecovery = { enabled: false }; };
    const pitr = checkPitr(devInput((r) => { find(r, "orders").protect = true; pitrOff(r); }));
    assert.match(details(pitr), /FAIL orders-prod: off\nWARN ht-prod: off/);
    const rotation = checkEncryption(devInput((r) => { find(r, "orders").protect = true; find(r, "orders-key", "aws:kms/key:Key").inputs.enableKeyRotation = false; }));
    assert.strictEqual(rotation.status, "FAIL", "the key of a protected table is production too");
    // A ProductionTable's table is production by its kind.
    const kind = devInput((r) => { find(r, "orders", "dynamodb-blueprints:index:OrdersTable").type = "dynamodb-blueprints:index:ProductionTable"; pitrOff(r); });
    assert.match(details(checkPitr(kind)), /FAIL orders-prod: off\nWARN ht-prod: off/);
    // Nothing declared: nothing is production, whatever the stack is called.
    assert.deepStrictEqual(runChecklist({ ...devInput(), stack: "production" }).production.tables, []);
  });

  it("fix texts name the component argument or resource option, on the components that need it", () => {
    const pitr = checkPitr(input((r) => { find(r, "orders").inputs.pointInTimeRecovery = { enabled: false }; }));
    assert.match(pitr.fix ?? "", /^set pointInTimeRecovery: true on OrdersTable "orders" \(/);
    const unprotected = checkProtection(input((r) => { find(r, "high-traffic").protect = false; find(r, "high-traffic").inputs.deletionProtectionEnabled = false; }));
    assert.match(unprotected.fix ?? "", /^pass \{ protect: true, retainOnDelete: true \} to DynamoTable "high-traffic" .*; set deletionProtection: true on DynamoTable "high-traffic"$/);
    const owned = checkEncryption(input((r) => { delete find(r, "orders").inputs.serverSideEncryption; }));
    assert.match(owned.fix ?? "", /^set encryption: "CUSTOMER_MANAGED" on OrdersTable "orders"/);
    const alarms = checkMonitoring(input((r) => r.splice(0, r.length, ...r.filter((x) => !x.type.startsWith("aws:cloudwatch")))));
    assert.match(alarms.fix ?? "", /^set monitoring: \{\} on OrdersTable "orders", DynamoTable "high-traffic"/);
    for (const item of [pitr, unprotected, owned, alarms]) assert.ok(!/dynamodb-blueprints:/.test(item.fix ?? ""), item.fix);
  });

  it("1 modules: a table outside any blueprint component warns", () => {
    assert.strictEqual(status(checkModules(input())), "PASS");
    const item = checkModules(input((r) => { find(r, "orders").parentUrn = ""; }));
    assert.strictEqual(item.status, "WARN");
    assert.match(details(item), /orders-prod: registered at the top level/);
  });

  it("2 keys: a status-like GSI partition key warns; stated traffic beyond a partition fails", () => {
    assert.strictEqual(status(checkKeys(input())), "PASS");
    const withStatus = checkKeys(input((r) => {
      const t = find(r, "orders");
      t.inputs.attributes.push({ name: "orderStatus", type: "S" });
      t.inputs.globalSecondaryIndexes.push({ name: "StatusIndex", keySchemas: [{ attributeName: "orderStatus", keyType: "HASH" }] });
    }));
    assert.strictEqual(withStatus.status, "WARN");
    assert.match(details(withStatus), /orders-prod index StatusIndex/);
    assert.ok(withStatus.fix && /shard/.test(withStatus.fix));
    // A multi-attribute key is judged whole (all its HASH attributes): status + customerId spreads, status + region does not.
    const multi = (second: string) => checkKeys(input((r) => {
      const t = find(r, "orders");
      t.inputs.attributes.push({ name: "orderStatus", type: "S" }, { name: second, type: "S" });
      t.inputs.globalSecondaryIndexes.push({ name: "MixIndex", keySchemas: [
        { attributeName: "orderStatus", keyType: "HASH" }, { attributeName: second, keyType: "HASH" }, { attributeName: "createdAt", keyType: "RANGE" }] });
    }));
    const spread = multi("customerRef");
    assert.strictEqual(spread.status, "PASS");
    assert.match(details(spread), /orderStatus \+ customerRef \(MixIndex\)/);
    const allLow = multi("region");
    assert.strictEqual(allLow.status, "WARN");
    assert.match(details(allLow), /orders-prod index MixIndex: Partition key orderStatus \+ region/);
    // 2 values x 5,000 writes/s: 2,500 WCU/s on one value, over the 1,000 WCU/s partition cap.
    const hot = checkKeys(input(undefined, { hints: { keys: { "orders-prod": { customerId: { expectedCardinality: 2, peakWritesPerSecond: 5000 } } } } }));
    assert.strictEqual(hot.status, "FAIL");
  });

  it("3 billing: PROVISIONED warns without figures (break-even, idle cost); figures decide either way", () => {
    const none = checkBilling(input());
    assert.strictEqual(none.status, "WARN");
    // Break-even 0.00065 / (3600 x 0.625e-6) = 28.9%; idle 10 WCU x 0.00065 x 730 + 10 RCU x 0.00013 x 730 = $5.69.
    assert.match(details(none), /ht-prod: PROVISIONED with no traffic figures.*28\.9%.*\$5\.69\/month/);
    const steady = checkBilling(input(undefined, { hints: { traffic: { "ht-prod": STEADY } } }));
    assert.strictEqual(steady.status, "PASS");
    assert.match(details(steady), /justified by the cost analysis/);
    const tiny = checkBilling(input(undefined, { hints: { traffic: { "ht-prod": { readsPerMonth: 1e5, writesPerMonth: 1e5 } } } }));
    assert.strictEqual(tiny.status, "WARN");
    const onDemand = checkBilling(input((r) => { find(r, "high-traffic").inputs.billingMode = "PAY_PER_REQUEST"; }));
    assert.strictEqual(onDemand.status, "PASS");
  });

  it("4 autoscaling: a missing target, a target without policy, or an unscaled provisioned GSI fails", () => {
    assert.match(details(checkAutoscaling(input())), /ht-prod read: 10\.\.500 units, tracking 70%/);
    assert.strictEqual(status(checkAutoscaling(input((r) => remove(r, "ht-Write")))), "FAIL");
    const noPolicy = checkAutoscaling(input((r) => remove(r, "ht-Read-policy")));
    assert.strictEqual(noPolicy.status, "FAIL");
    assert.match(details(noPolicy), /no target-tracking policy/);
    const gsi = checkAutoscaling(input((r) => {
      find(r, "high-traffic").inputs.globalSecondaryIndexes = [{ name: "ByEmail", readCapacity: 5, writeCapacity: 5 }];
    }));
    assert.strictEqual(gsi.status, "FAIL");
    assert.match(details(gsi), /ht-prod index ByEmail read: fixed at 5 units/);
    const allOnDemand = checkAutoscaling(input((r) => { find(r, "high-traffic").inputs.billingMode = "PAY_PER_REQUEST"; }));
    assert.deepStrictEqual([allOnDemand.status, allOnDemand.details], ["PASS", []]);
  });

  it("5 PITR: off fails in production, warns elsewhere", () => {
    const off = (r: ReturnType<typeof input>["resources"]) => { find(r, "orders").inputs.pointInTimeRecovery = { enabled: false }; };
    assert.strictEqual(status(checkPitr(input())), "PASS");
    assert.strictEqual(status(checkPitr(input(off))), "FAIL");
    assert.strictEqual(status(checkPitr(devInput(off))), "WARN");
  });

  it("6 protect: unprotected stateful resources fail in production; dev passes 'not protected by design'", () => {
    assert.strictEqual(status(checkProtection(input())), "PASS");
    const bucket = checkProtection(input((r) => { find(r, "state-bucket", "aws:s3/bucket:Bucket").protect = false; }));
    assert.strictEqual(bucket.status, "FAIL");
    assert.match(details(bucket), /FAIL bucket acme-state: not protected/);
    const noAwsProtection = checkProtection(input((r) => { find(r, "orders").inputs.deletionProtectionEnabled = false; }));
    assert.strictEqual(noAwsProtection.status, "WARN");
    const dev = checkProtection(devInput((r) => r.forEach((x) => { x.protect = false; })));
    assert.strictEqual(dev.status, "PASS");
    assert.match(details(dev), /not protected by design/);
  });

  it("7 lock table: missing, not dedicated, or not the one the backend names warns", () => {
    assert.strictEqual(status(checkLockTable(input())), "PASS");
    assert.strictEqual(status(checkLockTable(input((r) => remove(r, "locks")))), "WARN");
    const shared = checkLockTable(input((r) => { find(r, "locks").inputs.globalSecondaryIndexes = [{ name: "x" }]; }));
    assert.match(details(shared), /not dedicated/);
    const [backend] = referenceDeclarations(config({ "dynamodb-blueprints:lockTableName": "other-locks" })).map(resolveDeclaration);
    const named = checkLockTable(input(undefined, { blueprints: [backend] }));
    assert.strictEqual(named.status, "WARN");
    assert.match(details(named), /names lock table other-locks/);
  });

  it("8 monitoring: no alarms warns 'enable monitoring'; alarms per data table pass, also via metric math or parent", () => {
    const none = checkMonitoring(input((r) => r.splice(0, r.length, ...r.filter((x) => !x.type.startsWith("aws:cloudwatch")))));
    assert.strictEqual(none.status, "WARN");
    assert.match(none.reason, /No CloudWatch alarms/);
    assert.match(none.fix ?? "", /monitoring: \{\}/);
    assert.strictEqual(status(checkMonitoring(input())), "PASS");
    assert.strictEqual(status(checkMonitoring(input((r) => remove(r, "orders-prod-ThrottledRequests")))), "WARN");
    const viaMath = checkMonitoring(input((r) => {
      remove(r, "orders-prod-ThrottledRequests");
      r.push(rec("aws:cloudwatch/metricAlarm:MetricAlarm", "m", { metricQueries: [{ id: "e" }, { id: "t", metric: { metricName: "ReadThrottleEvents", dimensions: { TableName: "orders-prod" } } }] }));
    }));
    assert.strictEqual(viaMath.status, "PASS");
    const viaParent = checkMonitoring(input((r) => {
      remove(r, "orders-prod-ThrottledRequests");
      r.push(rec("aws:cloudwatch/metricAlarm:MetricAlarm", "p", { metricName: "SystemErrors" }, find(r, "orders", "dynamodb-blueprints:index:OrdersTable")));
    }));
    assert.strictEqual(viaParent.status, "PASS");
    // A GSI's alarms (dimension GlobalSecondaryIndexName) count for the index, not for its table.
    const noIndexAlarms = checkMonitoring(input((r) => { remove(r, "orders-prod-CustomerOrdersIndex-WriteThrottleEvents"); }));
    assert.strictEqual(noIndexAlarms.status, "WARN");
    assert.match(details(noIndexAlarms), /WARN orders-prod index CustomerOrdersIndex: no alarm on throttles \(dimension GlobalSecondaryIndexName\)/);
    assert.strictEqual(noIndexAlarms.reason, "1 index lacks capacity or throttle alarms.");
    const onlyIndexAlarms = checkMonitoring(input((r) => { remove(r, "orders-prod-ThrottledRequests"); }));
    assert.match(details(onlyIndexAlarms), /WARN orders-prod: no alarm on throttles\/errors/);
  });

  it("encryption: production data tables need a rotating CMK; the lock table and dev are exempt", () => {
    assert.match(details(checkEncryption(input())), /PASS terraform-state-locks: AWS owned key; a lock table/);
    const owned = (r: ReturnType<typeof input>["resources"]) => { delete find(r, "orders").inputs.serverSideEncryption; };
    assert.strictEqual(status(checkEncryption(input(owned))), "FAIL");
    assert.strictEqual(status(checkEncryption(devInput(owned))), "PASS");
    const noRotation = (r: ReturnType<typeof input>["resources"]) => { find(r, "orders-key", "aws:kms/key:Key").inputs.enableKeyRotation = false; };
    assert.strictEqual(status(checkEncryption(input(noRotation))), "FAIL");
    assert.strictEqual(status(checkEncryption(devInput(noRotation))), "WARN");
    const external = checkEncryption(input((r) => { find(r, "orders").inputs.serverSideEncryption.kmsKeyArn = "arn:aws:kms:us-east-1:1:key/x"; }));
    assert.strictEqual(external.status, "WARN");
  });

  it("ignoreChanges: a scaled capacity missing from ignoreChanges fails; GSI paths are by index", () => {
    assert.strictEqual(status(checkIgnoreChanges(input())), "PASS");
    const missing = checkIgnoreChanges(input((r) => { find(r, "high-traffic").ignoreChanges = ["readCapacity"]; }));
    assert.strictEqual(missing.status, "FAIL");
    assert.match(details(missing), /writeCapacity is scaled by ht-Write but not in ignoreChanges/);
    const gsi = checkIgnoreChanges(input((r) => {
      find(r, "high-traffic").inputs.globalSecondaryIndexes = [{ name: "A" }, { name: "B" }];
      r.push(rec("aws:appautoscaling/target:Target", "b-read", { resourceId: "table/ht-prod/index/B", scalableDimension: "dynamodb:index:ReadCapacityUnits", serviceNamespace: "dynamodb" }));
    }));
    assert.match(details(gsi), /FAIL ht-prod: globalSecondaryIndexes\[1\]\.readCapacity/);
  });

  it("KMS deletion window: 30 passes, under 30 warns in production, outside 7-30 fails", () => {
    const window = (days: number) => (r: ReturnType<typeof input>["resources"]) => { find(r, "orders-key", "aws:kms/key:Key").inputs.deletionWindowInDays = days; };
    assert.strictEqual(status(checkKmsDeletionWindow(input())), "PASS");
    assert.strictEqual(status(checkKmsDeletionWindow(input(window(7)))), "WARN");
    assert.strictEqual(status(checkKmsDeletionWindow(devInput(window(7)))), "PASS");
    assert.strictEqual(status(checkKmsDeletionWindow(input(window(5)))), "FAIL");
  });

  it("state bucket: each missing hardening fails, naming it; forceDestroy warns", () => {
    assert.strictEqual(status(checkStateBucket(input())), "PASS");
    const cases: [string, (r: ReturnType<typeof input>["resources"]) => void, RegExp][] = [
      ["versioning", (r) => { find(r, "state-versioning", "aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration.status = "Suspended"; }, /missing versioning/],
      ["sse", (r) => remove(r, "state-sse"), /missing default encryption/],
      ["pab", (r) => { find(r, "state-pab", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs.restrictPublicBuckets = false; }, /public access block \(restrictPublicBuckets\)/],
      ["tls", (r) => remove(r, "state-tls"), /TLS-only bucket policy/],
    ];
    for (const [what, edit, message] of cases) {
      const item = checkStateBucket(input(edit));
      assert.strictEqual(item.status, "FAIL", what);
      assert.match(details(item), message, what);
    }
    assert.strictEqual(status(checkStateBucket(input((r) => { find(r, "state-bucket", "aws:s3/bucket:Bucket").inputs.forceDestroy = true; }))), "WARN");
  });

  it("exit code: 1 on FAIL, 1 on WARN only with strict, else 0", () => {
    const report = (counts: Record<CheckStatus, number>) => ({ stack: "s", production: { rule: "", stackWide: true, tables: [] }, items: [], counts });
    assert.strictEqual(checklistExitCode(report({ PASS: 3, WARN: 0, FAIL: 1 })), 1);
    assert.strictEqual(checklistExitCode(report({ PASS: 3, WARN: 2, FAIL: 0 })), 0);
    assert.strictEqual(checklistExitCode(report({ PASS: 3, WARN: 2, FAIL: 0 }), true), 1);
    assert.strictEqual(checklistExitCode(report({ PASS: 3, WARN: 0, FAIL: 0 }), true), 0);
    const counted = runChecklist(input((r) => remove(r, "ht-Write")) as ChecklistInput).counts;
    assert.deepStrictEqual(counted, { PASS: 12, WARN: 1, FAIL: 1 }, "autoscaling fails, billing warns, the rest pass");
  });
});
