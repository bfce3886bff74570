import * as assert from "node:assert/strict";
import fc from "fast-check";
import { estimateCost, breakEvenUtilization } from "../../../model/advice/cost";
import { DEFAULT_PRICES, resolvePrices } from "../../../model/advice/pricing";
import { BlueprintValidationError } from "../../../model/errors";

// Every expected value below is worked out by hand from the prices in docs/sources.md#pricing, written as the
// arithmetic itself so a reader can redo it: $0.625 / M WRU, $0.125 / M RRU, $0.00065 / WCU-h,
// $0.00013 / RCU-h, $0.25 (Standard) / $0.10 (IA) per GB-month, PITR $0.20 / GB-month, IA throughput x1.25.
// Month = 730 h = 2,628,000 s. Provisioned cost = units/month / 2,628,000 s / target x lag x price/h x 730 h;
// the 730s cancel, so it is units/month x price/h / (3600 x target) x lag.
const close = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);

describe("advice/cost", () => {
  it("keeps the docs/sources.md#pricing prices in one constant", () => {
    assert.deepEqual({ ...DEFAULT_PRICES }, {
      onDemandWritePerMillion: 0.625, onDemandReadPerMillion: 0.125, wcuHour: 0.00065, rcuHour: 0.00013,
      storageGBMonth: 0.25, storageGBMonthInfrequentAccess: 0.1, infrequentAccessThroughputMultiplier: 1.25, pitrGBMonth: 0.2,
    });
    assert.ok(Object.isFrozen(DEFAULT_PRICES));
  });

  it("10M writes + 50M eventually consistent reads of 1 KB, flat traffic, 70% target", () => {
    const e = estimateCost({ writesPerMonth: 10e6, readsPerMonth: 50e6 });
    // On-demand: writes 10 M x 1 WRU x $0.625 = $6.25; reads 50 M x 1 RRU x 0.5 (eventual) x $0.125 = $3.125.
    close(e.onDemand.writes, 6.25, "od writes");
    close(e.onDemand.reads, 3.125, "od reads");
    close(e.onDemand.total, 9.375, "od total");
    // Provisioned WCU = 10e6 / 2,628,000 / 0.7 = 5.43597...; cost = 10e6 x 0.00065 / (3600 x 0.7) = 6500 / 2520 = $2.579365
    close(e.provisioned.wcu, 10e6 / 2_628_000 / 0.7, "wcu");
    close(e.provisioned.writes, 6500 / 2520, "pr writes");
    // RCU = 25e6 RRU / 2,628,000 / 0.7 = 13.5899...; cost = 25e6 x 0.00013 / 2520 = 3250 / 2520 = $1.289683
    close(e.provisioned.rcu, 25e6 / 2_628_000 / 0.7, "rcu");
    close(e.provisioned.reads, 3250 / 2520, "pr reads");
    close(e.provisioned.total, 9750 / 2520, "pr total"); // $3.869048
    assert.equal(e.cheaper, "PROVISIONED");
    close(e.savingsPerMonth, 9.375 - 9750 / 2520, "savings"); // $5.505952
    close(e.savingsPercent, (100 * (9.375 - 9750 / 2520)) / 9.375, "savings %"); // 58.73%
    close(e.provisioned.effectiveUtilization, 70, "effective utilisation");
    assert.match(e.summary, /Provisioned is cheaper: on-demand \$9\.38\/month vs provisioned \$3\.87\/month/);
    assert.match(e.summary, /saving \$5\.51\/month \(58\.7%\)/);
    assert.match(e.summary, /above 28\.9% sustained utilisation/);
  });

  it("item size: 3.5 KB writes take 4 WRU, 6 KB eventual reads take 1 RRU, strong 2", () => {
    // writes: 1M x ceil(3.5) = 4M WRU x $0.625 = $2.50. reads: 1M x ceil(6/4) = 2 x 0.5 = 1M RRU x $0.125 = $0.125.
    const e = estimateCost({ writesPerMonth: 1e6, readsPerMonth: 1e6, itemSizeKB: 3.5 });
    close(e.onDemand.writes, 2.5, "writes 3.5KB");
    const r6 = estimateCost({ writesPerMonth: 0, readsPerMonth: 1e6, itemSizeKB: 6 });
    close(r6.onDemand.reads, 0.125, "eventual 6KB");
    // strong: 1M x 2 RRU x $0.125 = $0.25
    const s6 = estimateCost({ writesPerMonth: 0, readsPerMonth: 1e6, itemSizeKB: 6, strongReads: true });
    close(s6.onDemand.reads, 0.25, "strong 6KB");
    // 0.5 KB still rounds up to 1 unit: 1M x $0.625
    close(estimateCost({ writesPerMonth: 1e6, readsPerMonth: 0, itemSizeKB: 0.5 }).onDemand.writes, 0.625, "0.5KB");
  });

  it("an idle or tiny table still pays for 1 WCU + 1 RCU provisioned", () => {
    // 1 WCU x $0.00065 x 730 = $0.4745; 1 RCU x $0.00013 x 730 = $0.0949; total $0.5694.
    // On-demand: 1000 writes x $0.625 / 1e6 = $0.000625.
    const e = estimateCost({ writesPerMonth: 1000, readsPerMonth: 0 });
    assert.equal(e.provisioned.wcu, 1);
    assert.equal(e.provisioned.rcu, 1);
    close(e.provisioned.total, 0.4745 + 0.0949, "min capacity");
    close(e.onDemand.total, 0.000625, "od tiny");
    assert.equal(e.cheaper, "PAY_PER_REQUEST");
    assert.match(e.summary, /^On-demand \(PAY_PER_REQUEST\) is cheaper/);
  });

  it("storage, PITR and Standard-IA", () => {
    // Standard: 100 GB x $0.25 = $25; PITR 100 x $0.20 = $20, same in both modes.
    const std = estimateCost({ writesPerMonth: 10e6, readsPerMonth: 0, storageGB: 100, pointInTimeRecovery: true });
    close(std.onDemand.storage, 25, "std storage");
    close(std.onDemand.pitr, 20, "pitr");
    close(std.provisioned.storage, 25, "std storage (prov)");
    close(std.provisioned.pitr, 20, "pitr (prov)");
    close(std.onDemand.total, 6.25 + 25 + 20, "std total");
    // IA: storage 100 x $0.10 = $10; writes 10 M x $0.625 x 1.25 = $7.8125;
    // provisioned writes 6500 / 2520 x 1.25 = $3.224206; reads at minimum 1 RCU x 0.0949 x 1.25 = $0.118625.
    const ia = estimateCost({ writesPerMonth: 10e6, readsPerMonth: 0, storageGB: 100, tableClass: "STANDARD_INFREQUENT_ACCESS" });
    close(ia.onDemand.storage, 10, "ia storage");
    close(ia.onDemand.pitr, 0, "no pitr");
    close(ia.onDemand.writes, 7.8125, "ia od writes");
    close(ia.provisioned.writes, (6500 / 2520) * 1.25, "ia pr writes");
    close(ia.provisioned.reads, 0.0949 * 1.25, "ia pr reads");
    assert.match(std.summary, /storage \$25\.00 and PITR \$20\.00 are the same in both modes/);
  });

  it("peak-to-average adds the scaler-lag term: capacity x (1 + 0.25 x (p - 1))", () => {
    // p = 3: lag = 1 + 0.25 x 2 = 1.5. writes 10 M: 6500 / 2520 x 1.5 = $3.869048; effective use 70 / 1.5 = 46.67%.
    const e = estimateCost({ writesPerMonth: 10e6, readsPerMonth: 0, peakToAverage: 3 });
    close(e.provisioned.writes, (6500 / 2520) * 1.5, "lagged writes");
    close(e.provisioned.effectiveUtilization, 70 / 1.5, "effective");
    // p = 9 at 30% target: lag = 1 + 0.25 x 8 = 3; effective 30 / 3 = 10% < 28.9% -> on-demand wins.
    // provisioned writes = 10e6 x 0.00065 / (3600 x 0.3) x 3 = 6500 / 1080 x 3 = $18.06 > $6.25
    const spiky = estimateCost({ writesPerMonth: 10e6, readsPerMonth: 0, peakToAverage: 9, targetUtilization: 30 });
    close(spiky.provisioned.writes, (6500 / 1080) * 3, "spiky writes");
    assert.equal(spiky.cheaper, "PAY_PER_REQUEST");
    // peakHoldFraction 0 means a perfect scaler: peaks cost nothing extra.
    close(estimateCost({ writesPerMonth: 10e6, readsPerMonth: 0, peakToAverage: 9, peakHoldFraction: 0 }).provisioned.writes,
      6500 / 2520, "perfect scaler");
  });

  it("break-even utilisation is the price ratio: ~28.9% for both reads and writes", () => {
    // writes: $0.00065 per WCU-h serves 3600 WRU at 100%, i.e. $0.180556 / M vs $0.625 / M -> 0.180556 / 0.625 = 28.89%
    // reads:  $0.00013 / 3600 x 1e6 = $0.036111 / M vs $0.125 / M -> 28.89%
    const be = breakEvenUtilization();
    close(be.writes, (100 * 0.00065 * 1e6) / (3600 * 0.625), "be writes");
    close(be.reads, (100 * 0.00013 * 1e6) / (3600 * 0.125), "be reads");
    assert.ok(Math.abs(be.writes - 28.89) < 0.01);
    // The seed article's old on-demand price ($1.25 / M writes) halves the break-even: 14.44%.
    close(breakEvenUtilization({ onDemandWritePerMillion: 1.25 }).writes, (100 * 0.00065 * 1e6) / (3600 * 1.25), "old price");
  });

  it("prices are overridable by a partial object", () => {
    // Double the on-demand write price: 10 M writes x $1.25 = $12.50; everything else unchanged.
    const e = estimateCost({ writesPerMonth: 10e6, readsPerMonth: 50e6 }, { onDemandWritePerMillion: 1.25 });
    close(e.onDemand.writes, 12.5, "override");
    close(e.onDemand.reads, 3.125, "untouched");
    assert.equal(resolvePrices({}).wcuHour, 0.00065);
    assert.throws(() => resolvePrices({ wcuHour: -1 }), BlueprintValidationError);
    assert.throws(() => resolvePrices({ nope: 1 } as never), /unknown price/);
  });

  it("money is not rounded in the numbers", () => {
    // 1 write x $0.625 / 1e6 = $0.000000625, far below a cent.
    close(estimateCost({ writesPerMonth: 1, readsPerMonth: 0 }).onDemand.writes, 0.625e-6, "sub-cent");
  });

  it("rejects impossible traffic with every problem at once", () => {
    assert.throws(() => estimateCost({ writesPerMonth: -1, readsPerMonth: NaN, targetUtilization: 10, peakToAverage: 0.5 }),
      (err: Error) => err instanceof BlueprintValidationError && /writesPerMonth/.test(err.message) && /readsPerMonth/.test(err.message) &&
        /targetUtilization/.test(err.message) && /peakToAverage/.test(err.message));
    assert.throws(() => estimateCost({ writesPerMonth: 1, readsPerMonth: 1, itemSizeKB: 401 }), /itemSizeKB/);
  });

  it("property: above the minimum, provisioned wins iff effective utilisation beats break-even", () => {
    const be = breakEvenUtilization().writes;
    fc.assert(fc.property(
      fc.integer({ min: 20, max: 90 }), fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: 1e9, max: 1e11 }),
      (target, peak, monthly) => {
        const e = estimateCost({ writesPerMonth: monthly, readsPerMonth: monthly * 5, targetUtilization: target, peakToAverage: peak });
        const effective = target / (1 + 0.25 * (peak - 1));
        if (Math.abs(effective - be) < 1e-6) return; // a tie within float noise
        assert.equal(e.cheaper, effective > be ? "PROVISIONED" : "PAY_PER_REQUEST");
        assert.ok(e.savingsPerMonth >= 0 && e.savingsPercent >= 0 && e.savingsPercent <= 100);
      }));
  });
});
