/**
 * Rule 8 (advisory): partition-key names that suggest low cardinality, on the table's hashKey, on
 * GSIs (hashKey or keySchemas HASH) and on the standalone GSI resource. The name heuristic itself
 * is model/advice/key-design.ts's `lowCardinalityFamily` (tested there); these tests pin what the
 * policy feeds it and reports.
 */
import * as assert from "assert";
import { hotPartitionKey } from "../../policy/policies";
import { GSI_RESOURCE, TABLE } from "../../policy/lib";
import { TestResource, UNKNOWN_STRING, validateResource } from "./harness";

const withHash = (hashKey: string): TestResource => ({ type: TABLE, name: "t", props: { name: "t", billingMode: "PAY_PER_REQUEST", hashKey } });
const withGsi = (gsi: Record<string, unknown>): TestResource => ({
  type: TABLE, name: "orders", props: { name: "orders-prod", hashKey: "orderId", globalSecondaryIndexes: [{ name: "ByKey", projectionType: "ALL", ...gsi }] },
});

const HOT = ["status", "orderStatus", "state", "type", "orderType", "flag", "isActive", "hasShipped", "is_deleted", "enabled", "active",
  "date", "eventDate", "day", "hour", "month", "year", "region", "awsRegion", "country"];
const COLD = ["userId", "orderId", "customerId", "customerId#productId", "LockID", "id", "pk", "email", "sessionId"];

describe("policy: dynamodb-hot-partition-key (8, advisory)", () => {
  for (const name of HOT) {
    it(`warns on partition key ${name} (table hashKey and GSI)`, async () => {
      const t = await validateResource(hotPartitionKey, withHash(name));
      assert.strictEqual(t.length, 1);
      assert.strictEqual(t[0].level, "advisory");
      assert.match(t[0].message, new RegExp(`^aws:dynamodb/table:Table "t": hashKey is "${name}": the name looks like a `));
      assert.match(t[0].message, /3,000 RCU\/s and 1,000 WCU\/s.*Fix: use a high-cardinality partition key/);
      const g = await validateResource(hotPartitionKey, withGsi({ hashKey: name }));
      assert.strictEqual(g.length, 1);
      assert.match(g[0].message, new RegExp(`globalSecondaryIndexes\\[0\\] \\(ByKey\\)\\.hashKey is "${name}"`));
    });
  }

  for (const name of COLD) {
    it(`does not warn on ${name}`, async () => {
      assert.deepStrictEqual(await validateResource(hotPartitionKey, withHash(name)), []);
      assert.deepStrictEqual(await validateResource(hotPartitionKey, withGsi({ hashKey: name })), []);
    });
  }

  it("reads GSI keySchemas (provider v6+) and judges a multi-attribute partition key as a composite", async () => {
    const hot = await validateResource(hotPartitionKey, withGsi({ keySchemas: [{ attributeName: "orderStatus", keyType: "HASH" }, { attributeName: "customerId", keyType: "RANGE" }] }));
    assert.strictEqual(hot.length, 1);
    assert.match(hot[0].message, /globalSecondaryIndexes\[0\] \(ByKey\)\.keySchemas\[HASH\] is "orderStatus": the name looks like a status/);
    const composite = withGsi({ keySchemas: [{ attributeName: "customerId", keyType: "HASH" }, { attributeName: "status", keyType: "HASH" }] });
    assert.deepStrictEqual(await validateResource(hotPartitionKey, composite), [], "customerId spreads the values");
  });

  it("judges the article's orders table: StatusIndex on orderStatus warns, the rest does not", async () => {
    const orders: TestResource = {
      type: TABLE, name: "orders", props: {
        name: "orders-prod", hashKey: "orderId", rangeKey: "createdAt", globalSecondaryIndexes: [
          { name: "CustomerOrdersIndex", hashKey: "customerId", rangeKey: "createdAt", projectionType: "ALL" },
          { name: "StatusIndex", hashKey: "orderStatus", rangeKey: "createdAt", projectionType: "KEYS_ONLY" },
        ],
      },
    };
    const v = await validateResource(hotPartitionKey, orders);
    assert.strictEqual(v.length, 1);
    assert.match(v[0].message, /\(orders-prod\): globalSecondaryIndexes\[1\] \(StatusIndex\)\.hashKey is "orderStatus": the name looks like a status/);
  });

  it("checks the standalone aws:dynamodb/globalSecondaryIndex resource", async () => {
    const gsi: TestResource = { type: GSI_RESOURCE, name: "by-region", props: { indexName: "ByRegion", tableName: "t", keySchemas: [{ attributeName: "region", attributeType: "S", keyType: "HASH" }] } };
    const v = await validateResource(hotPartitionKey, gsi);
    assert.strictEqual(v.length, 1);
    assert.match(v[0].message, /GlobalSecondaryIndex "by-region" \(ByRegion\): keySchemas\[HASH\] is "region": the name looks like a region/);
  });

  it("allowKeyNames silences names the team has checked; unknown key names are skipped", async () => {
    assert.deepStrictEqual(await validateResource(hotPartitionKey, withHash("Region"), { "dynamodb-hot-partition-key": { allowKeyNames: ["region"] } }), []);
    assert.deepStrictEqual(await validateResource(hotPartitionKey, withHash(UNKNOWN_STRING)), []);
  });

  it("can be made mandatory through config", async () => {
    const v = await validateResource(hotPartitionKey, withHash("status"), { "dynamodb-hot-partition-key": "mandatory" });
    assert.strictEqual(v[0].level, "mandatory");
  });
});
