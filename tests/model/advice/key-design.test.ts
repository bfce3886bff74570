import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
  adviseKey, adviseKeys, tokenize, lowCardinalityFamily, KeyAdviceInput, Advice,
  PARTITION_WCU_CAP, SHARD_SAFETY,
} from "../../../model/advice/key-design";
import { BlueprintValidationError } from "../../../model/errors";

const pk = (name: string, extra: Partial<KeyAdviceInput> = {}): Advice[] =>
  adviseKey({ table: "t", role: "partition", name, type: "S", ...extra });
const codes = (a: Advice[]): string[] => a.map((x) => x.code);

describe("advice/key-design", () => {
  describe("tokenize", () => {
    it("splits camelCase, snake, kebab, acronyms and digits", () => {
      assert.deepEqual(tokenize("orderStatus"), ["order", "status"]);
      assert.deepEqual(tokenize("order_status"), ["order", "status"]);
      assert.deepEqual(tokenize("order-status"), ["order", "status"]);
      assert.deepEqual(tokenize("LockID"), ["lock", "id"]);
      assert.deepEqual(tokenize("HTTPStatusCode"), ["http", "status", "code"]);
      assert.deepEqual(tokenize("gsi1pk"), ["gsi", "1", "pk"]);
      assert.deepEqual(tokenize("IS_ACTIVE"), ["is", "active"]);
    });
  });

  describe("name heuristics (partition keys)", () => {
    // One table per family so a regression names the family that broke.
    const families: Record<string, string[]> = {
      status: ["orderStatus", "order_status", "order-status", "status", "state", "STATUS_CODE", "stage", "statusKey"],
      category: ["type", "kind", "category", "orderType", "gender", "tier", "typeName"],
      boolean: ["isActive", "is_deleted", "hasShipped", "enabled", "active", "flag", "activeFlag"],
      "time bucket": ["eventDate", "createdHour", "day", "date", "hour", "month", "year", "timestamp", "dayBucket", "date#hour"],
      region: ["awsRegion", "region", "country", "countryCode", "zone"],
    };
    for (const [family, names] of Object.entries(families)) {
      for (const name of names) {
        it(`flags ${name} as a ${family}`, () => {
          assert.equal(lowCardinalityFamily(name), family);
          const advice = pk(name);
          assert.deepEqual(codes(advice), ["LOW_CARDINALITY_NAME"]);
          assert.equal(advice[0].severity, "warn");
          assert.match(advice[0].message, new RegExp(`looks like a ${family}`));
          assert.match(advice[0].message, /1,000 WCU\/s and 3,000 RCU\/s/);
        });
      }
    }

    const mustNotFlag = ["userId", "orderId", "customerId", "customerId#productId", "LockID", "id", "pk", "sessionId",
      "email", "gsi1pk", "createdAt", "orderStatus#customerId", "statusUpdatedAt", "orderNumber"];
    for (const name of mustNotFlag) {
      it(`does not flag ${name}`, () => assert.deepEqual(pk(name), []));
    }

    it("never judges sort keys, whatever their name or hints", () => {
      for (const name of ["createdAt", "orderStatus", "eventDate", "isActive"]) {
        const advice = adviseKey({ table: "t", role: "sort", name, type: "S", expectedCardinality: 2, peakWritesPerSecond: 1e5 });
        assert.deepEqual(advice, [], name);
      }
    });

    it("is case-insensitive", () => {
      assert.equal(lowCardinalityFamily("Order_STATUS"), "status");
      // No boundary to split on: long family words still match as a suffix, short ones do not
      // (they end ordinary words: update, candidate, prototype, estate).
      assert.equal(lowCardinalityFamily("ORDERSTATUS"), "status");
      assert.equal(lowCardinalityFamily("awsregion"), "region");
      assert.equal(lowCardinalityFamily("lastupdate"), undefined);
      assert.equal(lowCardinalityFamily("realestate"), undefined);
      assert.equal(lowCardinalityFamily("ISACTIVE"), "boolean"); // via the 6-letter suffix "active"
      assert.equal(lowCardinalityFamily("Is_Active"), "boolean");
    });

    it("property: a composite with an id part is never flagged", () => {
      const word = fc.constantFrom("status", "type", "isActive", "date", "region", "orderStatus");
      const id = fc.constantFrom("userId", "orderId", "customer_id", "LockID", "sessionUUID");
      fc.assert(fc.property(fc.array(word, { maxLength: 3 }), id, fc.array(word, { maxLength: 3 }), (a, b, c) => {
        assert.equal(lowCardinalityFamily([...a, b, ...c].join("#")), undefined);
      }));
    });
  });

  describe("declared cardinality", () => {
    it("lowCardinality: true flags any name", () => {
      const advice = pk("tenant", { lowCardinality: true });
      assert.deepEqual(codes(advice), ["LOW_CARDINALITY_DECLARED"]);
      assert.match(advice[0].message, /declared low-cardinality/);
    });
    it("a small expectedCardinality flags any name", () => {
      const advice = pk("shipper", { expectedCardinality: 12 });
      assert.deepEqual(codes(advice), ["LOW_CARDINALITY_DECLARED"]);
      assert.match(advice[0].message, /only 12 distinct values/);
    });
    it("a stated high cardinality or lowCardinality: false silences the name heuristic", () => {
      assert.deepEqual(pk("eventDate", { expectedCardinality: 1_000_000 }), []);
      assert.deepEqual(pk("orderStatus", { lowCardinality: false }), []);
    });
  });

  describe("cardinality x peak rate", () => {
    it("worked example: 5 status values, 4,000 writes/s of 1 KB -> 800 WCU per value: no error", () => {
      // 4000 writes/s / 5 values = 800 writes/s per value x ceil(1 KB / 1 KB) = 1 WCU = 800 WCU/s <= 1,000.
      // 800 is exactly 80% of the cap, not above it, so not even the headroom warning; the only
      // advice is the declared-low-cardinality warning, which reports the load.
      const advice = pk("orderStatus", { expectedCardinality: 5, peakWritesPerSecond: 4000 });
      assert.deepEqual(codes(advice), ["LOW_CARDINALITY_DECLARED"]);
      assert.match(advice[0].message, /800 WCU\/s per value at peak/);
    });

    it("worked example: 2 values -> 2,000 WCU per value: error, 3 shards", () => {
      // 4000 / 2 = 2000 WCU/s > 1000. Shards = ceil(2000 / (1000 x 0.8)) = ceil(2.5) = 3,
      // giving 2000 / 3 = 666.7 WCU/s per shard, under the 800 WCU/s safety line.
      const advice = pk("orderStatus", { expectedCardinality: 2, peakWritesPerSecond: 4000 });
      assert.deepEqual(codes(advice), ["HOT_PARTITION_WRITES"]); // proof supersedes the name warning
      const [a] = advice;
      assert.equal(a.severity, "error");
      assert.match(a.message, /4,000 writes\/s/);
      assert.match(a.message, /2,000 WCU\/s on one key value/);
      assert.match(a.message, /above the 1,000 WCU\/s/);
      assert.match(a.message, /3 shards bring each to 666.7 WCU\/s/);
      assert.match(a.fix, /"<value>#0"\.\."<value>#2"/);
      assert.match(a.fix, /hash\(an item id\) % 3/);
      assert.match(a.fix, /query all 3 shards in parallel/);
    });

    it("item size rounds up per KB for writes: 300 writes/s of 3.5 KB on one value = 1,200 WCU", () => {
      // ceil(3.5 / 1) = 4 WCU per write; 300 x 4 = 1200 > 1000; shards = ceil(1200 / 800) = 2.
      const [a] = pk("region", { hottestKeyShare: 1, peakWritesPerSecond: 300, itemSizeKB: 3.5 });
      assert.equal(a.code, "HOT_PARTITION_WRITES");
      assert.match(a.message, /4 WCU each/);
      assert.match(a.message, /1,200 WCU\/s/);
      assert.match(a.message, /2 shards/);
    });

    it("reads are computed as strongly consistent: 10,000 reads/s of 6 KB over 2 values", () => {
      // ceil(6 / 4) = 2 RCU per strong read; 10000 / 2 values = 5000 reads/s x 2 = 10,000 RCU/s > 3,000.
      // Shards = ceil(10000 / (3000 x 0.8)) = ceil(4.17) = 5.
      const [a] = pk("kind", { expectedCardinality: 2, peakReadsPerSecond: 10_000, itemSizeKB: 6 });
      assert.equal(a.code, "HOT_PARTITION_READS");
      assert.match(a.message, /10,000 RCU\/s/);
      assert.match(a.message, /5 shards/);
      assert.match(a.message, /eventually consistent reads cost half/);
    });

    it("hottestKeyShare overrides the uniform spread when it is larger", () => {
      // 1000 values would mean 2 WCU/s each; 60% of 2000 writes/s on one value = 1200 WCU/s: error, 2 shards.
      const [a] = pk("tenantId", { expectedCardinality: 1000, hottestKeyShare: 0.6, peakWritesPerSecond: 2000 });
      assert.equal(a.code, "HOT_PARTITION_WRITES");
      assert.match(a.message, /60% of traffic on the hottest value/);
      assert.match(a.message, /2 shards/);
      // A share below 1/cardinality is impossible for the hottest value: the uniform 1/2 is used.
      const [b] = pk("x", { expectedCardinality: 2, hottestKeyShare: 0.1, peakWritesPerSecond: 4000 });
      assert.match(b.message, /2,000 WCU\/s/);
    });

    it("warns (no error) between 80% and 100% of the cap", () => {
      // 2000 x 0.45 = 900 WCU/s: under 1000, above 800. Cardinality 1000 silences the name heuristic.
      const advice = pk("tenantId", { expectedCardinality: 1000, hottestKeyShare: 0.45, peakWritesPerSecond: 2000 });
      assert.deepEqual(codes(advice), ["HOT_PARTITION_HEADROOM"]);
      assert.equal(advice[0].severity, "warn");
    });

    it("property: error iff per-value load exceeds the cap, and the shard count is the smallest that fits", () => {
      fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 8 }),
        (card, writes, kb) => {
          const load = (writes / card) * kb;
          const advice = pk("u", { expectedCardinality: card, peakWritesPerSecond: writes, itemSizeKB: kb });
          const error = advice.find((a) => a.severity === "error");
          assert.equal(error !== undefined, load > PARTITION_WCU_CAP);
          if (error) {
            const shards = Number(/(\d+) shards bring/.exec(error.message)![1]);
            assert.ok(load / shards <= PARTITION_WCU_CAP * SHARD_SAFETY);
            assert.ok(load / (shards - 1) > PARTITION_WCU_CAP * SHARD_SAFETY);
          }
        }));
    });

    it("rejects impossible hints", () => {
      assert.throws(() => pk("x", { expectedCardinality: 0 }), BlueprintValidationError);
      assert.throws(() => pk("x", { hottestKeyShare: 1.5 }), BlueprintValidationError);
      assert.throws(() => pk("x", { peakWritesPerSecond: -1 }), BlueprintValidationError);
    });
  });

  describe("adviseKeys", () => {
    // The article's orders table.
    const orders = {
      table: "orders",
      partitionKey: { name: "orderId", type: "S" as const },
      sortKey: { name: "createdAt", type: "N" as const },
      globalSecondaryIndexes: [
        { name: "CustomerOrdersIndex", partitionKey: { name: "customerId", type: "S" as const }, sortKey: { name: "createdAt", type: "N" as const } },
        { name: "StatusIndex", partitionKey: { name: "orderStatus", type: "S" as const }, sortKey: { name: "createdAt", type: "N" as const } },
      ],
    };

    it("the article's orders table gets exactly one warning: StatusIndex's orderStatus", () => {
      const advice = adviseKeys(orders);
      assert.equal(advice.length, 1);
      const [a] = advice;
      assert.equal(a.severity, "warn");
      assert.equal(a.code, "LOW_CARDINALITY_NAME");
      assert.equal(a.table, "orders");
      assert.equal(a.index, "StatusIndex");
      assert.equal(a.field, "partitionKey");
      assert.equal(a.value, "orderStatus");
      assert.match(a.message, /index StatusIndex of orders/);
      // The fix is concrete: a real key to use, the shard scheme, and the sparse-index alternative.
      assert.match(a.fix, /such as orderId/);
      assert.match(a.fix, /hash\(orderId\) % 10/);
      assert.match(a.fix, /"<value>#9"/);
      assert.match(a.fix, /make StatusIndex sparse/);
    });

    it("applies keyHints by attribute name and the table's item size", () => {
      const advice = adviseKeys({ ...orders, itemSizeKB: 2, keyHints: { orderStatus: { expectedCardinality: 4, peakWritesPerSecond: 1000 } } });
      // 1000 / 4 = 250 writes/s x ceil(2 KB) = 2 WCU -> 500 WCU/s: fine, but 4 values is declared low.
      assert.deepEqual(codes(advice), ["LOW_CARDINALITY_DECLARED"]);
      assert.match(advice[0].message, /500 WCU\/s per value/);
      const hot = adviseKeys({ ...orders, keyHints: { orderStatus: { expectedCardinality: 4, peakWritesPerSecond: 8000 } } });
      // 8000 / 4 = 2000 WCU/s -> error, ceil(2000 / 800) = 3 shards computed from the table's orderId.
      assert.deepEqual(codes(hot), ["HOT_PARTITION_WRITES"]);
      assert.equal(hot[0].index, "StatusIndex");
      assert.match(hot[0].fix, /hash\(orderId\) % 3/);
    });

    describe("multi-attribute GSI partition keys are judged whole", () => {
      const S = (name: string) => ({ name, type: "S" as const });
      const multi = (...names: string[]) => ({
        table: "orders", partitionKey: S("orderId"),
        globalSecondaryIndexes: [{ name: "ByMix", partitionKey: S(names[0]), partitionKeys: names.map(S) }],
      });

      it("a low-cardinality attribute with a high-cardinality one is no hot-key risk; all low-cardinality is", () => {
        assert.deepEqual(adviseKeys(multi("orderStatus", "customerId")), [], "status + customerId spreads");
        assert.deepEqual(adviseKeys(multi("customerId", "orderStatus")), [], "order does not matter");
        const low = adviseKeys(multi("orderStatus", "region"));
        assert.deepEqual(codes(low), ["LOW_CARDINALITY_NAME"]);
        assert.equal(low[0].index, "ByMix");
        assert.equal(low[0].value, "orderStatus + region");
        assert.match(low[0].message, /Partition key orderStatus \+ region of index ByMix of orders looks like a status/);
      });

      it("per-attribute hints combine: cardinalities multiply, a declared-high attribute spreads, all declared low is low", () => {
        // 4 statuses x 5 regions = 20 values: under the threshold, and 8000 writes/s / 20 = 400 WCU/s per value.
        const product = adviseKeys({ ...multi("orderStatus", "region"), keyHints: { orderStatus: { expectedCardinality: 4, peakWritesPerSecond: 8000 }, region: { expectedCardinality: 5 } } });
        assert.deepEqual(codes(product), ["LOW_CARDINALITY_DECLARED"]);
        assert.match(product[0].message, /has only 20 distinct values/);
        assert.match(product[0].message, /400 WCU\/s per value/);
        // The same traffic on the first attribute alone (4 values) would be 2000 WCU/s: a FAIL the composite avoids.
        assert.deepEqual(codes(adviseKeys({ ...multi("orderStatus"), keyHints: { orderStatus: { expectedCardinality: 4, peakWritesPerSecond: 8000 } } })), ["HOT_PARTITION_WRITES"]);
        assert.deepEqual(adviseKeys({ ...multi("orderStatus", "tenant"), keyHints: { tenant: { expectedCardinality: 5000 } } }), [], "a declared-high attribute spreads the key");
        assert.deepEqual(codes(adviseKeys({ ...multi("tenant", "orderStatus"), keyHints: { tenant: { lowCardinality: true } } })), ["LOW_CARDINALITY_NAME"],
          "tenant declared low, orderStatus low by name: all low");
        assert.deepEqual(adviseKeys(multi("tenant", "orderStatus")), [], "tenant: nothing says it is low");
      });
    });

    it("a table-level key carries no index", () => {
      const [a] = adviseKeys({ table: "flags", partitionKey: { name: "isEnabled", type: "S" } });
      assert.equal(a.table, "flags");
      assert.equal("index" in a, false);
      assert.match(a.fix, /hash\(an item id\)/);
    });
  });
});
