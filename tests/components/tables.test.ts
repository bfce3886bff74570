/**
 * Each table component under Pulumi mocks: the complete list of children, their key inputs (the
 * article's snippet settings) and their resource options, read from the mock monitor.
 */
import * as assert from "assert";
import { assertMocksActive, byName, inventory, runUnderMocks, ACCOUNT_ID } from "../helpers/pulumi-mocks";
import { DynamoTable, OrdersTable, ProductionTable, StateLockTable, BlueprintValidationError } from "../../components";

const TOKEN = "dynamodb-blueprints:index:";

describe("components/tables", () => {
  it("StateLockTable is the article's lock table: LockID string key, on-demand, PITR, tags", async () => {
    const run = await runUnderMocks(() => new StateLockTable("locks"));
    assertMocksActive(run);
    assert.deepStrictEqual(inventory(run), [`aws:dynamodb/table:Table locks`, `${TOKEN}StateLockTable locks`]);
    const t = byName(run, "locks", "aws:dynamodb/table:Table");
    assert.strictEqual(t.inputs.name, "terraform-state-locks");
    assert.strictEqual(t.inputs.billingMode, "PAY_PER_REQUEST");
    assert.strictEqual(t.inputs.hashKey, "LockID");
    assert.deepStrictEqual(t.inputs.attributes, [{ name: "LockID", type: "S" }]);
    assert.strictEqual(t.inputs.pointInTimeRecovery.enabled, true);
    assert.deepStrictEqual(t.inputs.tags, { Purpose: "terraform-state-locking", Critical: "true" });
    assert.strictEqual(t.parentUrn, byName(run, "locks", `${TOKEN}StateLockTable`).urn);
    assert.strictEqual(t.protect, false);
  });

  it("OrdersTable is the article's orders table with both GSIs and derived attributes", async () => {
    const run = await runUnderMocks(() => new OrdersTable("orders", { environment: "staging" }));
    assertMocksActive(run);
    assert.deepStrictEqual(inventory(run), [`aws:dynamodb/table:Table orders`, `${TOKEN}OrdersTable orders`]);
    const t = byName(run, "orders", "aws:dynamodb/table:Table").inputs;
    assert.strictEqual(t.name, "orders-staging");
    assert.strictEqual(t.hashKey, "orderId");
    assert.strictEqual(t.rangeKey, "createdAt");
    // Exactly the key attributes, each once, with its type: what DynamoDB demands.
    assert.deepStrictEqual(new Set(t.attributes.map((a: any) => `${a.name}:${a.type}`)),
      new Set(["orderId:S", "createdAt:N", "customerId:S", "orderStatus:S"]));
    const gsis = Object.fromEntries(t.globalSecondaryIndexes.map((g: any) => [g.name, g]));
    assert.deepStrictEqual(gsis.CustomerOrdersIndex.keySchemas, [
      { attributeName: "customerId", keyType: "HASH" }, { attributeName: "createdAt", keyType: "RANGE" }]);
    assert.strictEqual(gsis.CustomerOrdersIndex.projectionType, "ALL");
    assert.deepStrictEqual(gsis.StatusIndex.keySchemas, [
      { attributeName: "orderStatus", keyType: "HASH" }, { attributeName: "createdAt", keyType: "RANGE" }]);
    assert.strictEqual(gsis.StatusIndex.projectionType, "KEYS_ONLY");
    assert.deepStrictEqual(t.tags, { Environment: "staging", Purpose: "order-management" });
  });

  it("a provisioned DynamoTable gets one target and one target-tracking policy per dimension, and ignores scaled capacity", async () => {
    const run = await runUnderMocks(() => new DynamoTable("high-traffic", {
      tableName: "high-traffic-table", partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED",
      readCapacity: 10, writeCapacity: 10,
      autoscaling: { read: { min: 10, max: 500 }, write: { min: 10, max: 500 } },
    }));
    assertMocksActive(run);
    assert.deepStrictEqual(inventory(run), [
      "aws:appautoscaling/policy:Policy high-traffic-read-policy",
      "aws:appautoscaling/policy:Policy high-traffic-write-policy",
      "aws:appautoscaling/target:Target high-traffic-read-target",
      "aws:appautoscaling/target:Target high-traffic-write-target",
      "aws:dynamodb/table:Table high-traffic",
      `${TOKEN}DynamoTable high-traffic`,
    ]);
    const table = byName(run, "high-traffic", "aws:dynamodb/table:Table");
    assert.deepStrictEqual([...table.ignoreChanges].sort(), ["readCapacity", "writeCapacity"]);
    assert.strictEqual(table.inputs.readCapacity, 10);
    const target = byName(run, "high-traffic-read-target").inputs;
    assert.deepStrictEqual(target, {
      maxCapacity: 500, minCapacity: 10, resourceId: "table/high-traffic-table",
      scalableDimension: "dynamodb:table:ReadCapacityUnits", serviceNamespace: "dynamodb",
    });
    const policy = byName(run, "high-traffic-write-policy").inputs;
    assert.strictEqual(policy.policyType, "TargetTrackingScaling");
    assert.strictEqual(policy.resourceId, "table/high-traffic-table");
    assert.strictEqual(policy.scalableDimension, "dynamodb:table:WriteCapacityUnits");
    assert.deepStrictEqual(policy.targetTrackingScalingPolicyConfiguration, {
      predefinedMetricSpecification: { predefinedMetricType: "DynamoDBWriteCapacityUtilization" },
      targetValue: 70, scaleInCooldown: 60, scaleOutCooldown: 60,
    });
  });

  it("a provisioned GSI is scaled on its own index resource id and only its capacity is ignored", async () => {
    const run = await runUnderMocks(() => new DynamoTable("events", {
      partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5,
      globalSecondaryIndexes: [{ name: "byUser", partitionKey: { name: "userId", type: "S" }, autoscaling: { read: { min: 2, max: 20, targetUtilization: 50 } }, writeCapacity: 3 }],
    }));
    assertMocksActive(run);
    assert.deepStrictEqual(inventory(run).filter((l) => l.includes("appautoscaling")), [
      "aws:appautoscaling/policy:Policy events-byUser-read-policy",
      "aws:appautoscaling/target:Target events-byUser-read-target",
    ]);
    const target = byName(run, "events-byUser-read-target").inputs;
    assert.strictEqual(target.resourceId, "table/events/index/byUser");
    assert.strictEqual(target.scalableDimension, "dynamodb:index:ReadCapacityUnits");
    const table = byName(run, "events", "aws:dynamodb/table:Table");
    assert.deepStrictEqual(table.ignoreChanges, ["globalSecondaryIndexes"], "a scaled GSI: the whole set, as Terraform must");
    assert.strictEqual(table.inputs.globalSecondaryIndexes[0].readCapacity, 2);
    assert.strictEqual(byName(run, "events-byUser-read-policy").inputs.targetTrackingScalingPolicyConfiguration.targetValue, 50);
  });

  it("ProductionTable: rotating CMK with a 30-day window, SSE with it, PITR, deletion protection, protect + retain on table and key", async () => {
    const run = await runUnderMocks(() => new ProductionTable("production-data", {
      tableName: "production-data", partitionKey: { name: "id", type: "S" }, tags: { Environment: "production", Compliance: "pci-dss" },
    }));
    assertMocksActive(run);
    assert.deepStrictEqual(inventory(run), [
      "aws:dynamodb/table:Table production-data",
      "aws:kms/key:Key production-data-key",
      `${TOKEN}ProductionTable production-data`,
    ]);
    const key = byName(run, "production-data-key");
    const table = byName(run, "production-data", "aws:dynamodb/table:Table");
    assert.strictEqual(key.inputs.enableKeyRotation, true);
    assert.strictEqual(key.inputs.deletionWindowInDays, 30);
    assert.deepStrictEqual(table.inputs.serverSideEncryption, { enabled: true, kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/production-data-key` });
    assert.deepStrictEqual(table.inputs.pointInTimeRecovery, { enabled: true, recoveryPeriodInDays: 35 });
    assert.strictEqual(table.inputs.deletionProtectionEnabled, true);
    for (const r of [key, table]) {
      assert.strictEqual(r.protect, true, `${r.name} protect`);
      assert.strictEqual(r.retainOnDelete, true, `${r.name} retainOnDelete`);
    }
    // The key policy: the account administers, DynamoDB in this region uses, nobody is "*".
    const policy = JSON.parse(key.inputs.policy);
    const principals = policy.Statement.map((s: any) => s.Principal.AWS);
    assert.deepStrictEqual(principals, [`arn:aws:iam::${ACCOUNT_ID}:root`, `arn:aws:iam::${ACCOUNT_ID}:root`]);
    assert.strictEqual(policy.Statement[1].Condition.StringEquals["kms:ViaService"], "dynamodb.us-east-1.amazonaws.com");
    assert.ok(run.calls.includes("aws:index/getCallerIdentity:getCallerIdentity"));
  });

  it("ProductionTable refuses to be weakened instead of silently overriding", () => {
    assert.throws(() => new ProductionTable("production-data", { partitionKey: { name: "id", type: "S" }, pointInTimeRecovery: false }),
      (e: any) => e instanceof BlueprintValidationError && /pointInTimeRecovery/.test(e.message) && /use DynamoTable/.test(e.message));
    assert.throws(() => new ProductionTable("production-data", { partitionKey: { name: "id", type: "S" } }, { protect: false }),
      /always created with protect/);
  });

  it("component protect / retainOnDelete reach the stateful children explicitly, not the scaling resources", async () => {
    const run = await runUnderMocks(() => new DynamoTable("ledger", {
      partitionKey: { name: "id", type: "S" }, encryption: "CUSTOMER_MANAGED", billingMode: "PROVISIONED",
      writeCapacity: 1, autoscaling: { read: { min: 1, max: 4 } },
    }, { protect: true, retainOnDelete: true }));
    assertMocksActive(run);
    const flags = Object.fromEntries(run.resources.filter((r) => r.custom).map((r) => [r.name, [r.protect, r.retainOnDelete]]));
    assert.deepStrictEqual(flags, {
      "ledger-key": [true, true], ledger: [true, true],
      "ledger-read-target": [false, false], "ledger-read-policy": [false, false],
    });
  });

  it("invalid args throw before anything is registered", async () => {
    let thrown: unknown;
    const run = await runUnderMocks(() => {
      try { new DynamoTable("bad-table", { partitionKey: { name: "id", type: "X" as never }, billingMode: "PROVISIONED" }); } catch (e) { thrown = e; }
    });
    assert.ok(thrown instanceof BlueprintValidationError);
    assert.strictEqual(run.resources.length, 0, "nothing may be registered");
    assert.strictEqual((thrown as BlueprintValidationError).problems.length, 3);
  });
});
