/**
 * Every validation rule of docs/sources.md: one failing case that must name the place, the bad value and
 * the fix, and one passing edge case right at the limit.
 */
import * as assert from "assert";
import { BlueprintValidationError } from "../../model/errors";
import { dynamoTable } from "../../model/blueprints";
import { TableArgs } from "../../model/types";

const base: TableArgs = { tableName: "orders", partitionKey: { name: "id", type: "S" } };
const key = (name: string, type: "S" | "N" | "B" = "S") => ({ name, type });
const gsi = (name: string, extra: object = {}) => ({ name, partitionKey: key(`${name}Key`), ...extra });

function problemsOf(args: unknown): BlueprintValidationError {
  try {
    dynamoTable("orders", args as TableArgs);
  } catch (e) {
    assert.ok(e instanceof BlueprintValidationError, `expected BlueprintValidationError, got ${e}`);
    return e;
  }
  assert.fail("expected the args to be rejected");
}

interface Rule {
  rule: string;
  bad: Partial<TableArgs> | Record<string, unknown>;
  where: string;
  value: string;
  fix: RegExp;
  edge: Partial<TableArgs>;
}

const rules: Rule[] = [
  { rule: "table name too short", bad: { tableName: "ab" }, where: ".tableName", value: '"ab"', fix: /3-255 characters/, edge: { tableName: "abc" } },
  { rule: "table name too long", bad: { tableName: "a".repeat(256) }, where: ".tableName", value: "aaa", fix: /3-255/, edge: { tableName: "a".repeat(255) } },
  { rule: "table name charset", bad: { tableName: "orders table" }, where: ".tableName", value: '"orders table"', fix: /letters, digits/, edge: { tableName: "orders_v2.prod-1" } },
  { rule: "key type", bad: { partitionKey: { name: "id", type: "STRING" } }, where: ".partitionKey.type", value: '"STRING"', fix: /"S"/, edge: { partitionKey: key("id", "B") } },
  { rule: "partition key required", bad: { partitionKey: undefined }, where: ".partitionKey", value: "undefined", fix: /name: "id"/, edge: {} },
  { rule: "sort key equals partition key", bad: { sortKey: key("id") }, where: ".sortKey.name", value: '"id"', fix: /different attribute/, edge: { sortKey: key("createdAt", "N") } },
  { rule: "billing mode", bad: { billingMode: "ON_DEMAND" }, where: ".billingMode", value: '"ON_DEMAND"', fix: /PAY_PER_REQUEST/, edge: { billingMode: "PAY_PER_REQUEST" } },
  { rule: "provisioned needs capacity", bad: { billingMode: "PROVISIONED", writeCapacity: 5 }, where: ".readCapacity", value: "undefined", fix: /set readCapacity/, edge: { billingMode: "PROVISIONED", readCapacity: 1, writeCapacity: 1 } },
  { rule: "capacity >= 1", bad: { billingMode: "PROVISIONED", readCapacity: 0, writeCapacity: 1 }, where: ".readCapacity", value: "0", fix: /1 or more/, edge: { billingMode: "PROVISIONED", readCapacity: 1, writeCapacity: 1 } },
  { rule: "on-demand has no capacity", bad: { readCapacity: 5 }, where: ".readCapacity", value: "5", fix: /remove readCapacity/, edge: { billingMode: "PAY_PER_REQUEST" } },
  { rule: "on-demand has no autoscaling", bad: { autoscaling: { read: { min: 1, max: 2 } } }, where: ".autoscaling", value: "min", fix: /PROVISIONED/, edge: {} },
  { rule: "scaling min <= max", bad: { billingMode: "PROVISIONED", writeCapacity: 1, autoscaling: { read: { min: 10, max: 5 } } }, where: ".autoscaling.read", value: "10..5", fix: /swap/, edge: { billingMode: "PROVISIONED", writeCapacity: 1, autoscaling: { read: { min: 5, max: 5 } } } },
  { rule: "scaling min >= 1", bad: { billingMode: "PROVISIONED", writeCapacity: 1, autoscaling: { read: { min: 0, max: 5 } } }, where: ".autoscaling.read.min", value: "0", fix: /1 or more/, edge: { billingMode: "PROVISIONED", writeCapacity: 1, autoscaling: { read: { min: 1, max: 5 } } } },
  { rule: "target utilisation low", bad: { billingMode: "PROVISIONED", writeCapacity: 1, autoscaling: { read: { min: 1, max: 5, targetUtilization: 19 } } }, where: ".autoscaling.read.targetUtilization", value: "19", fix: /70/, edge: { billingMode: "PROVISIONED", writeCapacity: 1, autoscaling: { read: { min: 1, max: 5, targetUtilization: 20 } } } },
  { rule: "target utilisation high", bad: { billingMode: "PROVISIONED", writeCapacity: 1, autoscaling: { read: { min: 1, max: 5, targetUtilization: 91 } } }, where: ".autoscaling.read.targetUtilization", value: "91", fix: /70/, edge: { billingMode: "PROVISIONED", writeCapacity: 1, autoscaling: { read: { min: 1, max: 5, targetUtilization: 90 } } } },
  { rule: "capacity inside scaling range", bad: { billingMode: "PROVISIONED", readCapacity: 600, writeCapacity: 1, autoscaling: { read: { min: 10, max: 500 } } }, where: ".readCapacity", value: "600", fix: /start within the range/, edge: { billingMode: "PROVISIONED", readCapacity: 500, writeCapacity: 1, autoscaling: { read: { min: 10, max: 500 } } } },
  { rule: "cooldown whole seconds", bad: { billingMode: "PROVISIONED", writeCapacity: 1, autoscaling: { read: { min: 1, max: 2 }, scaleInCooldown: -1 } }, where: ".autoscaling.scaleInCooldown", value: "-1", fix: /60/, edge: { billingMode: "PROVISIONED", writeCapacity: 1, autoscaling: { read: { min: 1, max: 2 }, scaleInCooldown: 0 } } },
  { rule: "at most 20 GSIs", bad: { globalSecondaryIndexes: Array.from({ length: 21 }, (_, i) => gsi(`idx${i}`)) }, where: ".globalSecondaryIndexes", value: "21 indexes", fix: /overloaded/, edge: { globalSecondaryIndexes: Array.from({ length: 20 }, (_, i) => gsi(`idx${i}`)) } },
  { rule: "at most 5 LSIs", bad: { sortKey: key("sk"), localSecondaryIndexes: Array.from({ length: 6 }, (_, i) => ({ name: `lsi${i}`, sortKey: key(`s${i}`) })) }, where: ".localSecondaryIndexes", value: "6 indexes", fix: /global secondary/, edge: { sortKey: key("sk"), localSecondaryIndexes: Array.from({ length: 5 }, (_, i) => ({ name: `lsi${i}`, sortKey: key(`s${i}`) })) } },
  { rule: "LSI needs a table sort key", bad: { localSecondaryIndexes: [{ name: "byDate", sortKey: key("date") }] }, where: ".localSecondaryIndexes", value: "byDate", fix: /add a sortKey/, edge: { sortKey: key("sk"), localSecondaryIndexes: [{ name: "byDate", sortKey: key("date") }] } },
  { rule: "index names unique", bad: { sortKey: key("sk"), globalSecondaryIndexes: [gsi("dup")], localSecondaryIndexes: [{ name: "dup", sortKey: key("d") }] }, where: 'localSecondaryIndexes[0] ("dup").name', value: '"dup"', fix: /its own name/, edge: { sortKey: key("sk"), globalSecondaryIndexes: [gsi("dup")], localSecondaryIndexes: [{ name: "dup2", sortKey: key("d") }] } },
  { rule: "index name charset", bad: { globalSecondaryIndexes: [gsi("by status")] }, where: ".name", value: '"by status"', fix: /letters, digits/, edge: { globalSecondaryIndexes: [gsi("by.status-1_x")] } },
  { rule: "INCLUDE needs attributes", bad: { globalSecondaryIndexes: [gsi("inc", { projectionType: "INCLUDE" })] }, where: ".nonKeyAttributes", value: "undefined", fix: /KEYS_ONLY/, edge: { globalSecondaryIndexes: [gsi("inc", { projectionType: "INCLUDE", nonKeyAttributes: ["total"] })] } },
  { rule: "non-key attributes only with INCLUDE", bad: { globalSecondaryIndexes: [gsi("keys", { projectionType: "KEYS_ONLY", nonKeyAttributes: ["total"] })] }, where: ".nonKeyAttributes", value: "total", fix: /INCLUDE/, edge: { globalSecondaryIndexes: [gsi("keys", { projectionType: "KEYS_ONLY" })] } },
  { rule: "projection type", bad: { globalSecondaryIndexes: [gsi("proj", { projectionType: "SOME" })] }, where: ".projectionType", value: '"SOME"', fix: /KEYS_ONLY/, edge: { globalSecondaryIndexes: [gsi("proj", { projectionType: "ALL" })] } },
  { rule: "at most 100 projected attributes", bad: { globalSecondaryIndexes: [gsi("aaa", { projectionType: "INCLUDE", nonKeyAttributes: Array.from({ length: 60 }, (_, i) => `a${i}`) }), gsi("bbb", { projectionType: "INCLUDE", nonKeyAttributes: Array.from({ length: 41 }, (_, i) => `b${i}`) })] }, where: "(all indexes).nonKeyAttributes", value: "101 attributes", fix: /fewer/, edge: { globalSecondaryIndexes: [gsi("aaa", { projectionType: "INCLUDE", nonKeyAttributes: Array.from({ length: 60 }, (_, i) => `a${i}`) }), gsi("bbb", { projectionType: "INCLUDE", nonKeyAttributes: Array.from({ length: 40 }, (_, i) => `b${i}`) })] } },
  { rule: "one type per attribute", bad: { sortKey: key("createdAt", "N"), globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: key("customerId"), sortKey: key("createdAt", "S") }] }, where: ".sortKey.type", value: '"S"', fix: /one type everywhere/, edge: { sortKey: key("createdAt", "N"), globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: key("customerId"), sortKey: key("createdAt", "N") }] } },
  { rule: "GSI capacity with provisioned", bad: { billingMode: "PROVISIONED", readCapacity: 1, writeCapacity: 1, globalSecondaryIndexes: [gsi("gsi1", { readCapacity: 1 })] }, where: '("gsi1").writeCapacity', value: "undefined", fix: /writeCapacity/, edge: { billingMode: "PROVISIONED", readCapacity: 1, writeCapacity: 1, globalSecondaryIndexes: [gsi("gsi1", { readCapacity: 1, writeCapacity: 1 })] } },
  { rule: "GSI capacity with on-demand", bad: { globalSecondaryIndexes: [gsi("gsi1", { readCapacity: 1 })] }, where: '("gsi1").readCapacity', value: "1", fix: /remove readCapacity/, edge: { globalSecondaryIndexes: [gsi("gsi1")] } },
  { rule: "PITR period range", bad: { recoveryPeriodInDays: 36 }, where: ".recoveryPeriodInDays", value: "36", fix: /35/, edge: { recoveryPeriodInDays: 1 } },
  { rule: "PITR period needs PITR", bad: { pointInTimeRecovery: false, recoveryPeriodInDays: 7 }, where: ".recoveryPeriodInDays", value: "7", fix: /enable pointInTimeRecovery/, edge: { pointInTimeRecovery: true, recoveryPeriodInDays: 35 } },
  { rule: "encryption mode", bad: { encryption: "KMS" }, where: ".encryption", value: '"KMS"', fix: /CUSTOMER_MANAGED/, edge: { encryption: "AWS_MANAGED" } },
  { rule: "key ARN needs CMK", bad: { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" }, where: ".kmsKeyArn", value: "arn:aws:kms", fix: /CUSTOMER_MANAGED/, edge: { encryption: "CUSTOMER_MANAGED", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/abc" } },
  { rule: "key ARN shape", bad: { encryption: "CUSTOMER_MANAGED", kmsKeyArn: "my-key" }, where: ".kmsKeyArn", value: '"my-key"', fix: /arn:aws:kms/, edge: { encryption: "CUSTOMER_MANAGED", kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/orders" } },
  { rule: "TTL on a non-number key", bad: { sortKey: key("expires"), ttlAttribute: "expires" }, where: ".ttlAttribute", value: '"expires"', fix: /separate Number/, edge: { sortKey: key("expires", "N"), ttlAttribute: "expires" } },
  { rule: "stream view type", bad: { streamViewType: "NEW" }, where: ".streamViewType", value: '"NEW"', fix: /NEW_IMAGE/, edge: { streamViewType: "NEW_AND_OLD_IMAGES" } },
  { rule: "table class", bad: { tableClass: "INFREQUENT" }, where: ".tableClass", value: '"INFREQUENT"', fix: /STANDARD_INFREQUENT_ACCESS/, edge: { tableClass: "STANDARD_INFREQUENT_ACCESS" } },
  { rule: "reserved tag prefix", bad: { tags: { "aws:createdBy": "me" } }, where: 'tags["aws:createdBy"]', value: "aws:createdBy", fix: /another prefix/, edge: { tags: { "Cost.Center": "x", "app:createdBy": "me" } } },
  { rule: "tag value length", bad: { tags: { Owner: "x".repeat(257) } }, where: 'tags["Owner"]', value: "257 characters", fix: /shorten/, edge: { tags: { Owner: "x".repeat(256) } } },
  { rule: "unknown argument", bad: { pointInTimeRecover: true }, where: ".pointInTimeRecover", value: "pointInTimeRecover", fix: /did you mean "pointInTimeRecovery"/, edge: {} },
];

describe("model/validate: every rule fails with place, value and fix, and passes at its edge", () => {
  for (const r of rules) {
    it(r.rule, () => {
      const error = problemsOf({ ...base, ...r.bad });
      const match = error.problems.find((p) => p.where.includes(r.where));
      assert.ok(match, `no problem at ${r.where}; got:\n${error.message}`);
      assert.ok(match.where.startsWith('DynamoTable "orders"'), `names the component: ${match.where}`);
      assert.ok(match.value.includes(r.value), `value ${match.value} should mention ${r.value}`);
      assert.match(match.fix, r.fix);
      assert.doesNotThrow(() => dynamoTable("orders", { ...base, ...r.edge } as TableArgs));
    });
  }

  it("reports problems in several fields together", () => {
    const error = problemsOf({ ...base, tableName: "x", billingMode: "PROVISIONED", recoveryPeriodInDays: 99 });
    const places = error.problems.map((p) => p.where.split(".").pop());
    assert.deepStrictEqual(places.sort(), ["readCapacity", "recoveryPeriodInDays", "tableName", "writeCapacity"]);
    assert.match(error.message, /4 problems/);
  });

  it("accepts capacity from the auto scaling minimum when no start capacity is given", () => {
    const spec = dynamoTable("orders", { ...base, billingMode: "PROVISIONED", autoscaling: { read: { min: 3, max: 9 }, write: { min: 4, max: 8 } } }).table;
    assert.strictEqual(spec.readCapacity, 3);
    assert.strictEqual(spec.writeCapacity, 4);
  });
});
