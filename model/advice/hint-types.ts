/**
 * The `advisor` table argument's types (validated in model/advice/hints.ts). Types only, so the
 * model's vocabulary (model/types.ts) can name them without importing the advisors.
 */
import type { KeyHints } from "./key-design";

export type { KeyHints };

// Spelled out, not `Pick`ed from the cost advisor's TrafficProfile: the multi-language component
// schema is inferred from these declarations (tests/model/advice/hints.test.ts keeps it a subset).
/** Expected traffic of one table: the cost advisor's inputs that the table's own settings (PITR, auto scaling target) do not give. */
export interface TrafficHints {
  /** Read requests per month (eventually consistent unless strongReads). */
  readsPerMonth: number;
  /** Write requests per month. */
  writesPerMonth: number;
  /** Peak hourly rate / average hourly rate. Default 1 (flat). */
  peakToAverage?: number;
  /** Average item size in KB. Default 1. */
  itemSizeKB?: number;
  /** Stored data in GB. Default 0. */
  storageGB?: number;
  /** Strongly consistent reads (a full read unit each). Default false. */
  strongReads?: boolean;
}

/** What `check`'s advisors cannot see in the infrastructure, declared on the table (the `advisor` argument). */
export interface AdvisorArgs {
  /**
   * Per partition-key attribute (the table's or a GSI's), by name: what its values are like. Confirms
   * or silences `check`'s hot-partition warning for a name that looks low-cardinality (`status`,
   * `region`, a date), or proves a hot key with peak rates.
   */
  keys?: Record<string, KeyHints>;
  /** Expected traffic, so `check` can price PROVISIONED against PAY_PER_REQUEST (step 3). */
  traffic?: TrafficHints;
}
