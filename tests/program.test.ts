/**
 * The reference program (index.ts) for the dev and prod stacks, under mocks with each stack file's
 * config: the full resource inventory and the options that make prod safe and dev destroyable.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { MockRun, assertMocksActive, byName, custom, inventory, runUnderMocks, stackConfigStrings, runProgram } from "./helpers/pulumi-mocks";

const ROOT = path.resolve(__dirname, "..");
const TOKEN = "dynamodb-blueprints:index:";

const runStack = (stack: string) => runProgram(stack);

const shared = [
  `${TOKEN}TerraformStateBackend state`,
  "aws:s3/bucket:Bucket state-bucket",
  "aws:s3/bucketVersioning:BucketVersioning state-versioning",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration state-encryption",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock state-public-access",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls state-ownership",
  "aws:s3/bucketPolicy:BucketPolicy state-tls-only",
  `${TOKEN}StateLockTable state-locks`,
  "aws:dynamodb/table:Table state-locks",
  `${TOKEN}OrdersTable orders`,
  "aws:dynamodb/table:Table orders",
  `${TOKEN}DynamoTable high-traffic`,
  "aws:dynamodb/table:Table high-traffic",
  "aws:appautoscaling/target:Target high-traffic-read-target",
  "aws:appautoscaling/policy:Policy high-traffic-read-policy",
  "aws:appautoscaling/target:Target high-traffic-write-target",
  "aws:appautoscaling/policy:Policy high-traffic-write-policy",
  "aws:dynamodb/table:Table production-data",
];

describe("index.ts (the reference program)", () => {
  it("dev: the article's set, unprotected, no customer-managed keys, small scaling range", async () => {
    const run = await runStack("dev");
    assertMocksActive(run);
    assert.deepStrictEqual(inventory(run), [...shared, `${TOKEN}DynamoTable production-data`].sort());
    assert.ok(custom(run).every((r) => !r.protect && !r.retainOnDelete), "nothing is protected in dev");
    assert.strictEqual(byName(run, "orders", "aws:dynamodb/table:Table").inputs.name, "orders-dev");
    assert.strictEqual(byName(run, "orders", "aws:dynamodb/table:Table").inputs.pointInTimeRecovery.enabled, false);
    assert.deepStrictEqual([byName(run, "high-traffic-read-target").inputs.minCapacity, byName(run, "high-traffic-read-target").inputs.maxCapacity], [1, 10]);
    const lock = byName(run, "state-locks", "aws:dynamodb/table:Table").inputs;
    assert.strictEqual(lock.name, "terraform-state-locks-dev");
    assert.strictEqual(lock.deletionProtectionEnabled, false, "dev stays destroyable");
    assert.strictEqual(lock.pointInTimeRecovery.enabled, true, "the lock table always has PITR");
  });

  it("prod: protected stateful resources, CMKs, 35-day PITR, deletion protection, 10-500 scaling", async () => {
    const run = await runStack("prod");
    assertMocksActive(run);
    assert.deepStrictEqual(inventory(run), [
      ...shared,
      `${TOKEN}ProductionTable production-data`,
      "aws:kms/key:Key orders-key",
      "aws:kms/key:Key high-traffic-key",
      "aws:kms/key:Key production-data-key",
      "aws:kms/key:Key state-locks-key",
      // Monitoring (prod only): a topic and five alarms per data table, plus the account-wide
      // UserErrors alarm once, on orders. The lock table is not monitored.
      ...["orders", "high-traffic", "production-data"].flatMap((t) => [
        `aws:sns/topic:Topic ${t}-alarms`,
        // The topic's own CMK: CloudWatch cannot publish to a topic under alias/aws/sns.
        `aws:kms/key:Key ${t}-alarms-key`,
        ...["read-throttles", "write-throttles", "system-errors", "read-capacity", "write-capacity"].map((a) => `aws:cloudwatch/metricAlarm:MetricAlarm ${t}-${a}`),
      ]),
      "aws:cloudwatch/metricAlarm:MetricAlarm orders-user-errors",
      // Four alarms per GSI of orders (throttles and capacity, dimension GlobalSecondaryIndexName).
      ...["CustomerOrdersIndex", "StatusIndex"].flatMap((i) => ["read-throttles", "write-throttles", "read-capacity", "write-capacity"]
        .map((a) => `aws:cloudwatch/metricAlarm:MetricAlarm orders-${i}-${a}`)),
    ].sort());
    const stateful = custom(run).filter((r) => /dynamodb\/table|kms\/key|s3\/bucket:Bucket/.test(r.type));
    assert.strictEqual(stateful.length, 12);
    for (const r of stateful) assert.ok(r.protect && r.retainOnDelete, `${r.type} ${r.name} must be protected and retained`);
    const tables = custom(run).filter((r) => r.type === "aws:dynamodb/table:Table");
    for (const t of tables) {
      assert.deepStrictEqual(t.inputs.pointInTimeRecovery, { enabled: true, recoveryPeriodInDays: 35 }, t.name);
      assert.strictEqual(t.inputs.deletionProtectionEnabled, true, t.name);
    }
    for (const name of ["orders", "high-traffic", "production-data", "state-locks"]) {
      const table = byName(run, name, "aws:dynamodb/table:Table");
      assert.ok(String(table.inputs.serverSideEncryption.kmsKeyArn).endsWith(`key/${name}-key`), `${name} uses its own CMK`);
    }
    assert.deepStrictEqual([byName(run, "high-traffic-write-target").inputs.minCapacity, byName(run, "high-traffic-write-target").inputs.maxCapacity], [10, 500]);
    const throttles = byName(run, "orders-read-throttles").inputs;
    assert.deepStrictEqual([throttles.metricName, throttles.dimensions, throttles.threshold, throttles.alarmActions],
      ["ReadThrottleEvents", { TableName: "orders-prod" }, 1, ["arn:aws:sns:us-east-1:123456789012:key/orders-prod-alarms"]]);
    const capacity = byName(run, "high-traffic-read-capacity").inputs;
    assert.strictEqual(capacity.metricQueries[0].expression, "100 * (consumed / 60) / provisioned");
    assert.strictEqual(byName(run, "orders-write-capacity").inputs.metricQueries[0].expression, "100 * (consumed / 60) / 40000");
    // CloudWatch cannot publish to a topic under alias/aws/sns: the topic uses its own CMK.
    assert.ok(String(byName(run, "orders-alarms").inputs.kmsMasterKeyId).endsWith(":key/orders-alarms-key"), byName(run, "orders-alarms").inputs.kmsMasterKeyId);
    assert.deepStrictEqual(byName(run, "production-data", "aws:dynamodb/table:Table").inputs.tags, {
      Environment: "prod", ManagedBy: "dynamodb-blueprints", Owner: "platform-team", CostCenter: "4711", DataClassification: "confidential", Compliance: "pci-dss",
    });
  });

  it("a config typo fails before any resource is registered, naming the key and the likely fix", async () => {
    let thrown: unknown;
    const run = await runUnderMocks(() => {
      delete require.cache[require.resolve("../index")];
      try { require("../index"); } catch (e) { thrown = e; }
    }, { stack: "dev", config: { "dynamodb-blueprints:environment": "dev", "dynamodb-blueprints:stateBucketName": "b-u-c", "dynamodb-blueprints:protekt": "true" } });
    assert.match(String((thrown as Error)?.message), /protekt.*did you mean "dynamodb-blueprints:protect"/s);
    assert.strictEqual(run.resources.length, 0);
  });

  it("refuses to replace a table recorded in the committed schema lock, before registering anything", async () => {
    const config = { ...stackConfigStrings(parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")).config), "dynamodb-blueprints:lockTableName": "tf-locks-dev" };
    let thrown: unknown;
    const run = await runUnderMocks(() => {
      delete require.cache[require.resolve("../index")];
      try { require("../index"); } catch (e) { thrown = e; }
    }, { stack: "dev", config });
    assert.match(String((thrown as Error)?.message), /state-locks.*terraform-state-locks-dev.*tf-locks-dev.*--accept-replacement state-locks/s);
    assert.strictEqual(run.resources.length, 0);
  });

  it("Pulumi.yaml runs index.ts, not package.json's main (the library entry)", () => {
    assert.strictEqual(parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")).main, "index.ts");
  });

  it("Pulumi.yaml declares every config key the program reads", () => {
    const { CONFIG_SCHEMA } = require("../project/stack-config");
    const declared = Object.keys(parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")).config);
    const maps = ["tags"]; // Pulumi.yaml's schema cannot type map-valued keys
    assert.deepStrictEqual(declared.sort(), Object.keys(CONFIG_SCHEMA).filter((k) => !maps.includes(k)).sort());
  });
});
