/**
 * Monthly cost of one table's traffic under both billing modes, and which one wins.
 *
 * Units (DynamoDB's own rules): a write of an item up to 1 KB is 1 write unit (WRU on-demand, WCU
 * provisioned), bigger items take ceil(KB / 1). A strongly consistent read of up to 4 KB is 1 read
 * unit, ceil(KB / 4) for bigger items; an eventually consistent read costs half of that.
 *
 * Provisioned model (auto scaling, target tracking), chosen to be simple enough to check by hand:
 *   1. average units/s = monthly units / (730 h x 3600 s)               (AWS's 730-hour month)
 *   2. target tracking keeps provisioned ~= load / target utilisation, so a perfectly tracking scaler
 *      provisions average / target on average, whatever the shape of the load.
 *   3. it does not track perfectly: scale-in waits for 15 minutes of low-use alarms plus the cooldown,
 *      and the number of decreases per day is limited, so after each peak the table keeps paying for
 *      peak-sized capacity for a while. We model that as capacity held at the peak level for a fixed
 *      share of the hours (`peakHoldFraction`, default 0.25) and at the tracked level otherwise:
 *        provisioned = average / target x (1 + peakHoldFraction x (peakToAverage - 1))
 *      With flat traffic (peakToAverage = 1) this is exactly average / target.
 *   4. at least 1 RCU and 1 WCU (the API minimum), even for an idle table.
 * So provisioned wins exactly when the *effective* utilisation, target / (1 + hold x (p - 1)),
 * is above the break-even utilisation (unit-hour price / on-demand price of 3,600 units, ~28.9 %).
 *
 * Not modelled: free tier, reserved capacity, GSI write amplification (add the index traffic to the
 * profile), throttling when a peak outruns the scaler. Money is never rounded except in `summary`.
 */
import { Prices, resolvePrices, HOURS_PER_MONTH, SECONDS_PER_MONTH } from "./pricing";
import { ProblemList } from "../errors";
import { LIMITS } from "../validate";

export type TableClassChoice = "STANDARD" | "STANDARD_INFREQUENT_ACCESS";

export interface TrafficProfile {
  readsPerMonth: number;
  writesPerMonth: number;
  /** Peak hourly rate / average hourly rate. Default 1 (flat). */
  peakToAverage?: number;
  /** Default 1. */
  itemSizeKB?: number;
  /** Default 0. */
  storageGB?: number;
  /** Default STANDARD. */
  tableClass?: TableClassChoice;
  pointInTimeRecovery?: boolean;
  /** Auto-scaling target in percent, 20-90 (the API's range). Default 70. */
  targetUtilization?: number;
  /** Default false: reads are eventually consistent and cost half a read unit. */
  strongReads?: boolean;
  /** Share of hours the scaler holds capacity at the peak level (see the model above). Default 0.25. */
  peakHoldFraction?: number;
}

export interface OnDemandCost {
  reads: number;
  writes: number;
  storage: number;
  pitr: number;
  total: number;
}

export interface ProvisionedCost extends OnDemandCost {
  /** Time-averaged provisioned read capacity units (>= 1). */
  rcu: number;
  /** Time-averaged provisioned write capacity units (>= 1). */
  wcu: number;
  /** Percent of provisioned capacity actually used once scaler lag is counted. */
  effectiveUtilization: number;
}

export interface BreakEven {
  /** Sustained utilisation (percent) above which provisioned reads are cheaper. */
  reads: number;
  /** Sustained utilisation (percent) above which provisioned writes are cheaper. */
  writes: number;
}

export interface CostEstimate {
  onDemand: OnDemandCost;
  provisioned: ProvisionedCost;
  cheaper: "PAY_PER_REQUEST" | "PROVISIONED";
  /** USD per month saved by the cheaper mode (>= 0). */
  savingsPerMonth: number;
  /** Savings as a percent of the dearer mode's total. */
  savingsPercent: number;
  breakEvenUtilization: BreakEven;
  summary: string;
}

export const DEFAULT_TARGET_UTILIZATION = 70;
export const DEFAULT_PEAK_HOLD_FRACTION = 0.25;

/**
 * Utilisation at which a provisioned unit costs the same as on-demand: one unit-hour used at 100 %
 * serves 3,600 request units, so break-even = unit-hour price / (3,600 x per-unit on-demand price).
 * With the Nov 2024 prices: 0.00065 / (3600 x 0.625e-6) = 28.9 % for writes, and the same for reads.
 * The Standard-IA multiplier applies to both modes, so it cancels out.
 */
export function breakEvenUtilization(prices: Partial<Prices> = {}): BreakEven {
  const p = resolvePrices(prices);
  const ratio = (unitHour: number, perMillion: number): number =>
    perMillion === 0 ? Infinity : (100 * unitHour) / ((3600 * perMillion) / 1e6);
  return { reads: ratio(p.rcuHour, p.onDemandReadPerMillion), writes: ratio(p.wcuHour, p.onDemandWritePerMillion) };
}

export function estimateCost(traffic: TrafficProfile, prices: Partial<Prices> = {}): CostEstimate {
  const p = resolvePrices(prices);
  const t = withDefaults(traffic);
  const ia = t.tableClass === "STANDARD_INFREQUENT_ACCESS";
  const throughputMultiplier = ia ? p.infrequentAccessThroughputMultiplier : 1;

  const unitsPerWrite = Math.ceil(t.itemSizeKB / 1);
  const unitsPerRead = Math.ceil(t.itemSizeKB / 4) * (t.strongReads ? 1 : 0.5);
  const writeUnits = t.writesPerMonth * unitsPerWrite;
  const readUnits = t.readsPerMonth * unitsPerRead;

  // Storage and PITR are billed on table size and identical in both modes.
  const storage = t.storageGB * (ia ? p.storageGBMonthInfrequentAccess : p.storageGBMonth);
  const pitr = t.pointInTimeRecovery ? t.storageGB * p.pitrGBMonth : 0;

  const odWrites = (writeUnits / 1e6) * p.onDemandWritePerMillion * throughputMultiplier;
  const odReads = (readUnits / 1e6) * p.onDemandReadPerMillion * throughputMultiplier;
  const onDemand: OnDemandCost = { reads: odReads, writes: odWrites, storage, pitr, total: odReads + odWrites + storage + pitr };

  const lagFactor = 1 + t.peakHoldFraction * (t.peakToAverage - 1);
  const target = t.targetUtilization / 100;
  const capacity = (units: number): number => Math.max(1, ((units / SECONDS_PER_MONTH) / target) * lagFactor);
  const wcu = capacity(writeUnits);
  const rcu = capacity(readUnits);
  const prWrites = wcu * p.wcuHour * HOURS_PER_MONTH * throughputMultiplier;
  const prReads = rcu * p.rcuHour * HOURS_PER_MONTH * throughputMultiplier;
  const provisioned: ProvisionedCost = {
    rcu,
    wcu,
    reads: prReads,
    writes: prWrites,
    storage,
    pitr,
    total: prReads + prWrites + storage + pitr,
    effectiveUtilization: t.targetUtilization / lagFactor,
  };

  // Ties go to on-demand: same money, no capacity to manage.
  const cheaper = provisioned.total < onDemand.total ? "PROVISIONED" : "PAY_PER_REQUEST";
  const dearer = Math.max(onDemand.total, provisioned.total);
  const savingsPerMonth = Math.abs(onDemand.total - provisioned.total);
  const savingsPercent = dearer === 0 ? 0 : (100 * savingsPerMonth) / dearer;
  const breakEven = breakEvenUtilization(p);

  return {
    onDemand,
    provisioned,
    cheaper,
    savingsPerMonth,
    savingsPercent,
    breakEvenUtilization: breakEven,
    summary: summarise(onDemand, provisioned, cheaper, savingsPerMonth, savingsPercent, breakEven, t.targetUtilization),
  };
}

type Defaulted = Required<Omit<TrafficProfile, "tableClass">> & { tableClass: TableClassChoice };

/** Fill defaults and reject impossible inputs, all problems at once. */
function withDefaults(traffic: TrafficProfile): Defaulted {
  const t: Defaulted = {
    readsPerMonth: traffic.readsPerMonth,
    writesPerMonth: traffic.writesPerMonth,
    peakToAverage: traffic.peakToAverage ?? 1,
    itemSizeKB: traffic.itemSizeKB ?? 1,
    storageGB: traffic.storageGB ?? 0,
    tableClass: traffic.tableClass ?? "STANDARD",
    pointInTimeRecovery: traffic.pointInTimeRecovery ?? false,
    targetUtilization: traffic.targetUtilization ?? DEFAULT_TARGET_UTILIZATION,
    strongReads: traffic.strongReads ?? false,
    peakHoldFraction: traffic.peakHoldFraction ?? DEFAULT_PEAK_HOLD_FRACTION,
  };
  // The project's error type: every problem at once, each naming the field, the value and the fix.
  const problems = new ProblemList();
  const check = (field: keyof Defaulted, ok: boolean, rule: string): void => {
    if (!ok) problems.add(`traffic.${field}`, t[field], rule, `give ${field} a value that ${rule}`);
  };
  const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);
  check("readsPerMonth", finite(t.readsPerMonth) && t.readsPerMonth >= 0, "must be a number >= 0");
  check("writesPerMonth", finite(t.writesPerMonth) && t.writesPerMonth >= 0, "must be a number >= 0");
  check("peakToAverage", finite(t.peakToAverage) && t.peakToAverage >= 1, "must be >= 1 (a peak is never below the average)");
  check("itemSizeKB", finite(t.itemSizeKB) && t.itemSizeKB > 0 && t.itemSizeKB <= 400, "must be > 0 and <= 400 (DynamoDB's item limit)");
  check("storageGB", finite(t.storageGB) && t.storageGB >= 0, "must be a number >= 0");
  const { minTargetUtilization: lo, maxTargetUtilization: hi } = LIMITS;
  check("targetUtilization", finite(t.targetUtilization) && t.targetUtilization >= lo && t.targetUtilization <= hi,
    `must be a percent between ${lo} and ${hi} (the auto-scaling API's range)`);
  check("peakHoldFraction", finite(t.peakHoldFraction) && t.peakHoldFraction >= 0 && t.peakHoldFraction <= 1, "must be between 0 and 1");
  check("tableClass", t.tableClass === "STANDARD" || t.tableClass === "STANDARD_INFREQUENT_ACCESS",
    'must be "STANDARD" or "STANDARD_INFREQUENT_ACCESS"');
  problems.throwIfAny("estimateCost");
  return t;
}

const usd = (n: number): string => `$${n.toFixed(2)}`;
const pct = (n: number): string => `${n.toFixed(1)}%`;
const units = (n: number): string => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString("en-US"));

function summarise(
  od: OnDemandCost, pr: ProvisionedCost, cheaper: CostEstimate["cheaper"], savings: number,
  savingsPercent: number, be: BreakEven, target: number,
): string {
  const winner = cheaper === "PROVISIONED" ? "Provisioned" : "On-demand (PAY_PER_REQUEST)";
  const beText = Math.abs(be.reads - be.writes) < 0.05 ? pct(be.writes) : `${pct(be.writes)} (writes) / ${pct(be.reads)} (reads)`;
  return `${winner} is cheaper: on-demand ${usd(od.total)}/month vs provisioned ${usd(pr.total)}/month ` +
    `(~${units(pr.wcu)} WCU + ~${units(pr.rcu)} RCU with auto scaling at ${target}% target, ` +
    `${pct(pr.effectiveUtilization)} effective utilisation), saving ${usd(savings)}/month (${pct(savingsPercent)}). ` +
    `Provisioned only wins above ${beText} sustained utilisation` +
    (od.storage + od.pitr > 0 ? `; storage ${usd(od.storage)} and PITR ${usd(od.pitr)} are the same in both modes.` : ".");
}
