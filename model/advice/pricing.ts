/**
 * DynamoDB list prices used by the cost advisor, in ONE place so a price change is a one-line edit.
 *
 * Source: docs/sources.md#pricing (the AWS DynamoDB on-demand and provisioned pricing pages and the
 * Nov 2024 price-cut announcement, checked November 2026), region us-east-1, USD. On-demand prices are the ones in force since the 1 Nov 2024
 * cut (halved); the seed article's $1.25 / $0.25 per million are out of date. Provisioned prices did
 * not change. Free tier, reserved capacity, backups other than PITR, streams, global-table
 * replication and data transfer are deliberately left out: they do not change which billing mode wins.
 *
 * Other regions or a future price list: pass a partial object to `estimateCost(traffic, prices)`;
 * anything not given falls back to these.
 */
import { ProblemList } from "../errors";

export interface Prices {
  /** USD per million write request units (on-demand, Standard table class). */
  onDemandWritePerMillion: number;
  /** USD per million read request units (on-demand, Standard table class). */
  onDemandReadPerMillion: number;
  /** USD per provisioned WCU per hour (Standard table class). */
  wcuHour: number;
  /** USD per provisioned RCU per hour (Standard table class). */
  rcuHour: number;
  /** USD per GB-month of table storage, Standard table class. */
  storageGBMonth: number;
  /** USD per GB-month of table storage, Standard-Infrequent-Access table class. */
  storageGBMonthInfrequentAccess: number;
  /**
   * Standard-IA charges about 25% more per request unit and per provisioned unit-hour than Standard
   * (it trades cheaper storage for dearer throughput), so IA request prices = Standard x this.
   */
  infrequentAccessThroughputMultiplier: number;
  /** USD per GB-month of continuous backup (point-in-time recovery), billed on table size. */
  pitrGBMonth: number;
}

export const DEFAULT_PRICES: Readonly<Prices> = Object.freeze({
  onDemandWritePerMillion: 0.625,
  onDemandReadPerMillion: 0.125,
  wcuHour: 0.00065,
  rcuHour: 0.00013,
  storageGBMonth: 0.25,
  storageGBMonthInfrequentAccess: 0.1,
  infrequentAccessThroughputMultiplier: 1.25,
  pitrGBMonth: 0.2,
});

/**
 * AWS bills provisioned capacity per hour and quotes "per month" figures with 730 hours
 * (365 days x 24 h / 12 months). Using the same convention keeps our unit-month numbers equal to
 * AWS's ($0.00065 x 730 = $0.4745 per WCU-month).
 */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** Defaults overlaid with the caller's partial prices; rejects negative or non-finite overrides. */
export function resolvePrices(overrides: Partial<Prices> = {}): Prices {
  const prices: Prices = { ...DEFAULT_PRICES };
  const problems = new ProblemList();
  for (const [key, value] of Object.entries(overrides) as [keyof Prices, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_PRICES)) {
      problems.add(`prices.${key}`, value, "is an unknown price", `use one of ${Object.keys(DEFAULT_PRICES).join(", ")}`);
    } else if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      problems.add(`prices.${key}`, value, "must be a finite number >= 0", "give the price in USD, e.g. 0.00065");
    } else prices[key] = value;
  }
  problems.throwIfAny("estimateCost prices");
  return prices;
}
