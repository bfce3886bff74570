/**
 * Hot-partition advice for key attributes.
 *
 * DynamoDB hashes the partition key to pick a physical partition, and one partition serves at most
 * 3,000 RCU/s and 1,000 WCU/s in both billing modes; burst and adaptive capacity do not lift that cap
 * (docs/sources.md#indexes-and-limits). All items sharing a partition-key value live in one partition, so a key with few values
 * (status, type, booleans, date/hour buckets, regions) caps the whole table or index at a few
 * partitions' worth of throughput. Two kinds of evidence are used:
 *   - names (a heuristic, "warn"): the head word of the name says what the values probably are;
 *   - numbers (proof, "error"): declared cardinality or hottest-key share plus peak rates show that
 *     one key value needs more than a partition can give.
 * Sort keys are never judged: their values do not choose the partition, so `createdAt` or `status`
 * as a sort key cannot make a partition hot.
 */
import { ProblemList } from "../errors";

export const PARTITION_WCU_CAP = 1000;
export const PARTITION_RCU_CAP = 3000;
/**
 * Shards are sized to 80 % of the cap, not 100 %: traffic is never perfectly even across shards
 * (hash(id) % N is only uniform on average) and the peak estimate is itself uncertain.
 */
export const SHARD_SAFETY = 0.8;
/** Declared cardinality below this is low whatever the name: the key can never use more partitions. */
export const LOW_CARDINALITY_THRESHOLD = 100;
/** Shard count suggested when only the name is known (no rates to size it). */
const DEFAULT_SHARDS = 10;

export type Severity = "info" | "warn" | "error";

export interface Advice {
  severity: Severity;
  code: string;
  table: string;
  index?: string;
  /** Which key slot: "partitionKey" or "sortKey". */
  field: string;
  /** The attribute name in that slot. */
  value: string;
  message: string;
  fix: string;
}

export interface KeyHints {
  /** Distinct values the attribute takes; below 100 it is low-cardinality whatever its name. */
  expectedCardinality?: number;
  /** true: declared low-cardinality; false: high, which silences a warning drawn from the name. */
  lowCardinality?: boolean;
  /** Reads per second at peak, to prove whether one key value exceeds a partition (3,000 RCU/s). */
  peakReadsPerSecond?: number;
  /** Writes per second at peak, to prove whether one key value exceeds a partition (1,000 WCU/s). */
  peakWritesPerSecond?: number;
  /** Share of traffic (0..1] going to the hottest key value. */
  hottestKeyShare?: number;
}

export interface KeyAdviceInput extends KeyHints {
  table: string;
  index?: string;
  role: "partition" | "sort";
  name: string;
  type: "S" | "N" | "B";
  /** Default 1 KB. */
  itemSizeKB?: number;
  /** A high-cardinality attribute to compute shard suffixes from (e.g. the table's orderId). */
  shardBy?: string;
  /**
   * A multi-attribute key's attributes the name heuristic judges (those not declared low by hints):
   * the key is low-cardinality only if every one is (model/index-keys.ts). Default: [name].
   */
  parts?: string[];
}

export interface KeyDef {
  name: string;
  type: "S" | "N" | "B";
}

export interface TableKeysLike {
  table: string;
  partitionKey: KeyDef;
  sortKey?: KeyDef;
  /** `partitionKeys`: every partition attribute of a multi-attribute key, in order (partitionKey is the first). */
  globalSecondaryIndexes?: { name: string; partitionKey: KeyDef; sortKey?: KeyDef; partitionKeys?: KeyDef[] }[];
  keyHints?: Record<string, KeyHints>;
  itemSizeKB?: number;
}

type Family = "status" | "category" | "boolean" | "time bucket" | "region";

const FAMILY_WORDS: Record<Family, readonly string[]> = {
  status: ["status", "state", "stage", "phase"],
  category: ["type", "kind", "category", "class", "tier", "level", "priority", "mode", "variant", "gender", "segment"],
  boolean: ["flag", "enabled", "disabled", "active", "inactive", "deleted", "archived", "verified", "visible",
    "hidden", "bool", "boolean", "published", "valid"],
  "time bucket": ["day", "date", "hour", "minute", "week", "weekday", "month", "year", "quarter", "yyyymmdd",
    "yyyymm", "timestamp", "datetime", "period"],
  region: ["region", "country", "zone", "az", "locale", "continent", "city", "datacenter", "timezone",
    "language", "lang", "currency"],
};
const WHY: Record<Family, string> = {
  status: "a status/state has a handful of values, and the busiest one (e.g. PENDING) takes most of the traffic",
  category: "a type/category has a handful of values, so each value is one hot partition",
  boolean: "a boolean-like key has two values, so the table can use at most two partitions",
  "time bucket": "a date/hour bucket sends every write of the current period to the same key value",
  region: "a region/country-like key has few values and traffic follows the busiest region",
};
/** Prefixes that make a boolean: isActive, hasShipped, canEdit. */
const BOOLEAN_PREFIXES = new Set(["is", "has", "can", "should", "was", "did"]);
/** Words that mark a unique or near-unique value: any part containing one is high-cardinality. */
const ID_WORDS = new Set(["id", "ids", "uuid", "guid", "ulid", "pk", "sk", "arn", "email", "hash", "sku",
  "isbn", "token", "username", "phone", "url", "uri", "path", "ref", "reference", "number", "no"]);
/** Trailing words that add nothing about cardinality: countryCode, typeName, dateBucket, statusKey. */
const NEUTRAL_SUFFIXES = new Set(["code", "name", "value", "val", "label", "str", "string", "num", "bucket", "key"]);

/** Lower-case words of a name, split on camelCase, acronyms, digits, `_`, `-`, `.`, spaces. */
export function tokenize(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2") // orderStatus -> order Status
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2") // HTTPStatus -> HTTP Status
    .replace(/([a-zA-Z])([0-9])/g, "$1 $2") // gsi1pk -> gsi 1pk
    .replace(/([0-9])([a-zA-Z])/g, "$1 $2") // -> gsi 1 pk
    .split(/[^A-Za-z0-9]+/)
    .filter((t) => t.length > 0)
    .map((t) => t.toLowerCase());
}

/** The low-cardinality family a name belongs to, or undefined. `#` separates composite parts. */
export function lowCardinalityFamily(name: string): Family | undefined {
  const parts = name.split("#").map(tokenize).filter((p) => p.length > 0);
  // customerId#status is fine: the id part alone already spreads the values.
  if (parts.length === 0 || parts.some((words) => words.some((w) => ID_WORDS.has(w)))) return undefined;
  // A composite is low-cardinality only if every part is (status#date still has few values per day).
  const families = parts.map(partFamily);
  return families.every((f) => f !== undefined) ? families[0] : undefined;
}

function partFamily(words: string[]): Family | undefined {
  if (words.length > 1 && BOOLEAN_PREFIXES.has(words[0])) return "boolean";
  const head = [...words];
  while (head.length > 1 && NEUTRAL_SUFFIXES.has(head[head.length - 1])) head.pop();
  // The head word (last) names the thing: statusUpdatedAt is a timestamp, orderStatus is a status.
  const last = head[head.length - 1];
  const all = Object.keys(FAMILY_WORDS) as Family[];
  const exact = all.find((f) => FAMILY_WORDS[f].includes(last));
  if (exact || words.length > 1) return exact;
  // One unsplittable word (orderstatus, AWSREGION): match long family words as a suffix. Short ones
  // are skipped because they end ordinary words too (upDATE, candiDATE, protoTYPE, esTATE).
  return all.find((f) => FAMILY_WORDS[f].some((w) => w.length >= 6 && last.endsWith(w)));
}

const fmt = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 1 });

export function adviseKey(input: KeyAdviceInput): Advice[] {
  checkHints(input);
  if (input.role !== "partition") return [];
  const base = {
    table: input.table,
    ...(input.index !== undefined ? { index: input.index } : {}),
    field: "partitionKey",
    value: input.name,
  };
  const where = input.index ? `index ${input.index} of ${input.table}` : `table ${input.table}`;
  const by = input.shardBy && input.shardBy !== input.name ? input.shardBy : "an item id";
  const shardFix = (n: number): string =>
    `write-shard ${input.name}: store "<value>#0".."<value>#${n - 1}" with the suffix computed from hash(${by}) % ${n}, ` +
    `and query all ${n} shards in parallel, merging the results`;
  const advice: Advice[] = [];

  // Numbers first: per-value load under a uniform spread, or the declared hottest share if larger
  // (the hottest value can never take less than the average 1/cardinality).
  const card = input.expectedCardinality;
  const share = Math.max(input.hottestKeyShare ?? 0, card ? 1 / card : 0);
  const size = input.itemSizeKB ?? 1;
  const shareText = input.hottestKeyShare !== undefined && input.hottestKeyShare >= (card ? 1 / card : 0)
    ? `${fmt(share * 100)}% of traffic on the hottest value`
    : `spread evenly over ${fmt(card ?? 0)} values`;
  const loads: string[] = [];
  if (share > 0) {
    const dims = [
      // Writes: 1 WCU per KB (rounded up) per write.
      { kind: "writes", rate: input.peakWritesPerSecond, perOp: Math.ceil(size / 1), cap: PARTITION_WCU_CAP, unit: "WCU",
        note: "" },
      // Reads: computed as strongly consistent (1 RCU per 4 KB): conservative, because the cap is the
      // same for both and a caller may switch to strong reads without telling us.
      { kind: "reads", rate: input.peakReadsPerSecond, perOp: Math.ceil(size / 4), cap: PARTITION_RCU_CAP, unit: "RCU",
        note: " (counted as strongly consistent reads; eventually consistent reads cost half, which only delays the problem)" },
    ];
    for (const d of dims) {
      if (!d.rate) continue;
      const load = d.rate * share * d.perOp;
      loads.push(`${fmt(load)} ${d.unit}/s per value at peak`);
      const numbers = `${fmt(d.rate)} ${d.kind}/s of ${fmt(size)} KB items (${d.perOp} ${d.unit} each), ${shareText}, ` +
        `puts ${fmt(load)} ${d.unit}/s on one key value of ${input.name} in ${where}`;
      if (load > d.cap) {
        const shards = Math.ceil(load / (d.cap * SHARD_SAFETY));
        advice.push({ ...base, severity: "error", code: `HOT_PARTITION_${d.kind.toUpperCase()}`,
          message: `${numbers}: above the ${fmt(d.cap)} ${d.unit}/s a single partition can serve${d.note}. ` +
            `${shards} shards bring each to ${fmt(load / shards)} ${d.unit}/s, under ${fmt(SHARD_SAFETY * 100)}% of the cap.`,
          fix: `use a high-cardinality partition key such as ${by}, or ${shardFix(shards)}` });
      } else if (load > d.cap * SHARD_SAFETY) {
        advice.push({ ...base, severity: "warn", code: "HOT_PARTITION_HEADROOM",
          message: `${numbers}: within the ${fmt(d.cap)} ${d.unit}/s partition cap but above ${fmt(SHARD_SAFETY * 100)}% of it${d.note}; ` +
            `any growth or skew will throttle.`,
          fix: `use a high-cardinality partition key such as ${by}, or ${shardFix(Math.ceil(load / (d.cap * SHARD_SAFETY)))}` });
      }
    }
  }
  if (advice.some((a) => a.severity === "error")) return advice; // proof supersedes suspicion

  // Declared facts beat guesses: a stated high cardinality or lowCardinality: false silences the name.
  const declaredLow = input.lowCardinality === true || (card !== undefined && card < LOW_CARDINALITY_THRESHOLD);
  const declaredHigh = input.lowCardinality === false || (card !== undefined && card >= LOW_CARDINALITY_THRESHOLD);
  const family = declaredHigh ? undefined : lowCardinalityFamily((input.parts ?? [input.name]).join("#"));
  const loadText = loads.length > 0 ? ` At the stated peak: ${loads.join(", ")} (caps ${fmt(PARTITION_WCU_CAP)} WCU, ${fmt(PARTITION_RCU_CAP)} RCU).` : "";
  const fix = `use a high-cardinality partition key such as ${by}; if you must query by ${input.name}, ${shardFix(DEFAULT_SHARDS)}` +
    (input.index ? `; or make ${input.index} sparse (set ${input.name} only on the items you list, e.g. open orders)` : "");
  if (declaredLow) {
    const what = card !== undefined && card < LOW_CARDINALITY_THRESHOLD ? `has only ${fmt(card)} distinct values` : "is declared low-cardinality";
    advice.push({ ...base, severity: "warn", code: "LOW_CARDINALITY_DECLARED",
      message: `Partition key ${input.name} of ${where} ${what}: all traffic for a value goes to one partition ` +
        `(max ${fmt(PARTITION_WCU_CAP)} WCU/s, ${fmt(PARTITION_RCU_CAP)} RCU/s).${loadText}`, fix });
  } else if (family) {
    advice.push({ ...base, severity: "warn", code: "LOW_CARDINALITY_NAME",
      message: `Partition key ${input.name} of ${where} looks like a ${family}: ${WHY[family]}; one partition serves at most ` +
        `${fmt(PARTITION_WCU_CAP)} WCU/s and ${fmt(PARTITION_RCU_CAP)} RCU/s.${loadText} ` +
        `Declare what it holds on the table, advisor: { keys: { ${input.name}: { expectedCardinality: <distinct values> } } } (or lowCardinality: false), to confirm or silence this.`, fix });
  }
  return advice;
}

/** Advice for the table's keys and every GSI's keys; hints are looked up by attribute name. */
export function adviseKeys(t: TableKeysLike): Advice[] {
  const slots: { index?: string; role: "partition" | "sort"; key: KeyDef; hints?: KeyHints & { parts?: string[] } }[] = [
    { role: "partition", key: t.partitionKey },
    ...(t.sortKey ? [{ role: "sort" as const, key: t.sortKey }] : []),
  ];
  for (const gsi of t.globalSecondaryIndexes ?? []) {
    const keys = gsi.partitionKeys ?? [gsi.partitionKey];
    slots.push(keys.length > 1
      ? { index: gsi.name, role: "partition", key: { name: keys.map((k) => k.name).join(" + "), type: keys[0].type }, hints: compositeHints(keys, t.keyHints ?? {}) }
      : { index: gsi.name, role: "partition", key: gsi.partitionKey });
    if (gsi.sortKey) slots.push({ index: gsi.name, role: "sort", key: gsi.sortKey });
  }
  return slots.flatMap(({ index, role, key, hints }) =>
    adviseKey({
      table: t.table,
      ...(index !== undefined ? { index } : {}),
      role,
      name: key.name,
      type: key.type,
      ...(hints ?? t.keyHints?.[key.name] ?? {}),
      ...(t.itemSizeKB !== undefined ? { itemSizeKB: t.itemSizeKB } : {}),
      // Shards of an index key are best derived from the table's own (unique) partition key.
      shardBy: t.partitionKey.name,
    }),
  );
}

/**
 * A multi-attribute partition key hashes all its attributes together, so it has as many values as their
 * combinations: one high-cardinality attribute (declared, or an id by name) spreads the key, and it is
 * low-cardinality only when every attribute is. Per-attribute hints combine: cardinality multiplies
 * (when each is declared), a declared-high attribute makes the key high, all declared low make it low;
 * attributes not declared low are left to the name heuristic (`parts`). Rates come from the first
 * attribute that states them (they describe the index's traffic, whichever attribute carries them).
 */
function compositeHints(keys: KeyDef[], hints: Record<string, KeyHints>): KeyHints & { parts: string[] } {
  const of = keys.map((k) => hints[k.name] ?? {});
  const low = (h: KeyHints) => h.lowCardinality === true || (h.expectedCardinality !== undefined && h.expectedCardinality < LOW_CARDINALITY_THRESHOLD);
  const high = (h: KeyHints) => h.lowCardinality === false || (h.expectedCardinality !== undefined && h.expectedCardinality >= LOW_CARDINALITY_THRESHOLD);
  const cards = of.map((h) => h.expectedCardinality);
  const product = cards.every((c) => c !== undefined) ? cards.reduce((a, c) => a! * c!, 1) : undefined;
  const first = <K extends keyof KeyHints>(k: K) => of.find((h) => h[k] !== undefined)?.[k];
  const out: KeyHints & { parts: string[] } = { parts: keys.filter((_, i) => !low(of[i])).map((k) => k.name) };
  if (product !== undefined) out.expectedCardinality = product;
  else if (of.some(high)) out.lowCardinality = false;
  else if (of.every(low)) out.lowCardinality = true;
  for (const k of ["peakReadsPerSecond", "peakWritesPerSecond", "hottestKeyShare"] as const) if (first(k) !== undefined) out[k] = first(k);
  return out;
}

function checkHints(i: KeyAdviceInput): void {
  const problems = new ProblemList();
  const at = (field: string) => `adviseKey ${i.table}${i.index ? `/${i.index}` : ""} ${i.name}.${field}`;
  const positive = (v: number | undefined): boolean => v === undefined || (Number.isFinite(v) && v >= 0);
  if (i.expectedCardinality !== undefined && !(Number.isFinite(i.expectedCardinality) && i.expectedCardinality >= 1)) {
    problems.add(at("expectedCardinality"), i.expectedCardinality, "must be >= 1", "give the number of distinct key values, or leave it out");
  }
  if (i.hottestKeyShare !== undefined && !(i.hottestKeyShare > 0 && i.hottestKeyShare <= 1)) {
    problems.add(at("hottestKeyShare"), i.hottestKeyShare, "must be in (0, 1]", "give the hottest value's share of traffic, e.g. 0.05");
  }
  if (!positive(i.peakReadsPerSecond)) problems.add(at("peakReadsPerSecond"), i.peakReadsPerSecond, "must be >= 0", "give reads per second at peak");
  if (!positive(i.peakWritesPerSecond)) problems.add(at("peakWritesPerSecond"), i.peakWritesPerSecond, "must be >= 0", "give writes per second at peak");
  if (i.itemSizeKB !== undefined && !(i.itemSizeKB > 0 && i.itemSizeKB <= 400)) {
    problems.add(at("itemSizeKB"), i.itemSizeKB, "must be in (0, 400]", "give the item size in KB (DynamoDB's item limit is 400 KB)");
  }
  problems.throwIfAny("adviseKey");
}
