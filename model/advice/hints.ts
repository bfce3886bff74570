/**
 * The `advisor` table argument: what the key and cost advisors cannot see in the infrastructure, given
 * where the table is declared, so `check` (steps 2 and 3) can judge a well-designed table PASS. Nothing
 * here changes a resource, the Pulumi registration or the emitted Terraform.
 *
 *   new DynamoTable("orders", {
 *     ...,
 *     advisor: {
 *       keys: { tenantId: { expectedCardinality: 5000 } },              // step 2: a name that looks low-cardinality
 *       traffic: { readsPerMonth: 2.6e9, writesPerMonth: 1.3e9 },       // step 3: PROVISIONED justified by cost
 *     },
 *   });
 */
import type { AdvisorArgs, KeyHints, TrafficHints } from "./hint-types";
import { ProblemList } from "../errors";
import { checkUnknownKeys } from "../rules";

const KEY_HINT_FIELDS = ["expectedCardinality", "lowCardinality", "peakReadsPerSecond", "peakWritesPerSecond", "hottestKeyShare"];
const TRAFFIC_FIELDS = ["readsPerMonth", "writesPerMonth", "peakToAverage", "itemSizeKB", "storageGB", "strongReads"];

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validate `advisor`; `keyNames` are the attributes used as a partition key by the table or a GSI. */
export function checkAdvisor(problems: ProblemList, where: string, advisor: unknown, keyNames: readonly string[]): void {
  if (advisor === undefined) return;
  if (!isPlain(advisor)) {
    problems.add(where, advisor, "must be an object", "write advisor: { keys: { <attribute>: { expectedCardinality } }, traffic: { readsPerMonth, writesPerMonth } }");
    return;
  }
  checkUnknownKeys(problems, where, advisor, ["keys", "traffic"]);
  const { keys, traffic } = advisor as AdvisorArgs;
  if (keys !== undefined) {
    if (!isPlain(keys)) problems.add(`${where}.keys`, keys, "must map attribute names to hints", "write keys: { status: { expectedCardinality: 5 } }");
    else {
      for (const [name, hints] of Object.entries(keys)) {
        const at = `${where}.keys.${name}`;
        if (!keyNames.includes(name)) {
          problems.add(at, name, "is not a partition key of the table or of a GSI, so no advice reads it", keyNames.length ? `use one of ${keyNames.join(", ")}` : "remove it");
        }
        if (!isPlain(hints)) { problems.add(at, hints, "must be an object", "write { expectedCardinality: 1000 } or { lowCardinality: false }"); continue; }
        checkUnknownKeys(problems, at, hints, KEY_HINT_FIELDS);
        const h = hints as KeyHints;
        if (h.expectedCardinality !== undefined && !(isNumber(h.expectedCardinality) && h.expectedCardinality >= 1)) {
          problems.add(`${at}.expectedCardinality`, h.expectedCardinality, "must be a number >= 1", "give the number of distinct values the attribute takes");
        }
        if (h.lowCardinality !== undefined && typeof h.lowCardinality !== "boolean") problems.add(`${at}.lowCardinality`, h.lowCardinality, "must be true or false", "write lowCardinality: false");
        for (const f of ["peakReadsPerSecond", "peakWritesPerSecond"] as const) {
          if (h[f] !== undefined && !(isNumber(h[f]) && h[f]! >= 0)) problems.add(`${at}.${f}`, h[f], "must be a number >= 0", `give ${f} at peak`);
        }
        if (h.hottestKeyShare !== undefined && !(isNumber(h.hottestKeyShare) && h.hottestKeyShare > 0 && h.hottestKeyShare <= 1)) {
          problems.add(`${at}.hottestKeyShare`, h.hottestKeyShare, "must be in (0, 1]", "give the hottest value's share of traffic, e.g. 0.05");
        }
      }
    }
  }
  if (traffic !== undefined) {
    const at = `${where}.traffic`;
    if (!isPlain(traffic)) { problems.add(at, traffic, "must be an object", "write traffic: { readsPerMonth: 1e8, writesPerMonth: 2e7 }"); return; }
    checkUnknownKeys(problems, at, traffic, TRAFFIC_FIELDS);
    const t = traffic as TrafficHints;
    for (const f of ["readsPerMonth", "writesPerMonth"] as const) {
      if (!(isNumber(t[f]) && t[f] >= 0)) problems.add(`${at}.${f}`, t[f], "is required, a number >= 0", `give ${f}, e.g. 1e8`);
    }
    if (t.peakToAverage !== undefined && !(isNumber(t.peakToAverage) && t.peakToAverage >= 1)) problems.add(`${at}.peakToAverage`, t.peakToAverage, "must be >= 1 (a peak is never below the average)", "give peak hourly rate / average hourly rate, e.g. 3");
    if (t.itemSizeKB !== undefined && !(isNumber(t.itemSizeKB) && t.itemSizeKB > 0 && t.itemSizeKB <= 400)) problems.add(`${at}.itemSizeKB`, t.itemSizeKB, "must be > 0 and <= 400 (DynamoDB's item limit)", "give the average item size in KB");
    if (t.storageGB !== undefined && !(isNumber(t.storageGB) && t.storageGB >= 0)) problems.add(`${at}.storageGB`, t.storageGB, "must be a number >= 0", "give the stored data in GB");
    if (t.strongReads !== undefined && typeof t.strongReads !== "boolean") problems.add(`${at}.strongReads`, t.strongReads, "must be true or false", "write strongReads: true for strongly consistent reads");
  }
}
