/**
 * Multi-Region strong consistency (MRSC) of a global table, checked before anything is registered.
 * AWS ("Consistency modes" in the DynamoDB global tables guide; CloudFormation
 * AWS::DynamoDB::GlobalTable GlobalTableWitness; the provider's `global_table_witness` docs):
 *   - all replicas share one consistency mode, which cannot be changed after creation;
 *   - an MRSC table spans exactly three Regions: the table and two STRONG replicas, or the table, one
 *     STRONG replica and a witness Region;
 *   - every one of them in the same Region set: US (us-east-1, us-east-2, us-west-2), EU (eu-west-1,
 *     eu-west-2, eu-west-3, eu-central-1) or AP (ap-northeast-1, ap-northeast-2, ap-northeast-3);
 *   - the witness is in a different Region than the table and its replicas, and only with STRONG;
 *   - "Time to live (TTL) is not supported for MRSC global tables" and "Local secondary indexes (LSIs)
 *     are not supported for MRSC global tables"
 *     (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html#V2globaltables_HowItWorks.consistency-modes).
 * The same page says MRSC tables do not support the transaction APIs (a runtime matter, not a table
 * setting, so nothing to validate here) and do not need streams for replication (streams stay allowed).
 * The mode itself cannot change once the global table exists: project/schema-lock-consistency.ts.
 */
import { CONSISTENCY_MODES, TableArgs } from "./types";
import { ProblemList } from "./errors";
import { REGION_PATTERN, checkChoice, checkUnknownKeys } from "./rules";
import { citeRule } from "./aws-rules";
import { CREATION_SOURCE_KEYS } from "./creation-source";

export const MRSC_REGION_SETS: Record<string, readonly string[]> = {
  US: ["us-east-1", "us-east-2", "us-west-2"],
  EU: ["eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"],
  AP: ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3"],
};
const setOf = (region: string) => Object.entries(MRSC_REGION_SETS).find(([, regions]) => regions.includes(region))?.[0];

export function checkMrsc(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  const replicas = Array.isArray(args.replicas) ? args.replicas.filter((r) => r && typeof r === "object") : [];
  replicas.forEach((r, i) => checkChoice(problems, `${where}.replicas[${i}].consistencyMode`, r.consistencyMode, CONSISTENCY_MODES));
  const witness = args.globalTableWitness;
  if (witness !== undefined) {
    if (typeof witness !== "object" || witness === null) {
      problems.add(`${where}.globalTableWitness`, witness, "must be an object", `write { regionName: "us-west-2" }`);
      return;
    }
    checkUnknownKeys(problems, `${where}.globalTableWitness`, witness, ["regionName"]);
    if (typeof witness.regionName !== "string" || !REGION_PATTERN.test(witness.regionName)) {
      problems.add(`${where}.globalTableWitness.regionName`, witness.regionName, "is not an AWS region name", `use e.g. "us-west-2"`);
      return;
    }
  }
  const strong = replicas.filter((r) => r.consistencyMode === "STRONG");
  if (strong.length === 0) {
    if (witness !== undefined) {
      problems.add(`${where}.globalTableWitness`, witness.regionName, "needs multi-Region strong consistency: exactly one replica with consistencyMode \"STRONG\"",
        "set consistencyMode \"STRONG\" on the one replica, or remove the witness");
    }
    return;
  }
  const MRSC_DOC = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html";
  checkEmptyTable(problems, where, args);
  if (args.ttlAttribute !== undefined) {
    problems.add(`${where}.ttlAttribute`, args.ttlAttribute, `is not supported with multi-Region strong consistency (AWS: TTL is not supported for MRSC global tables, ${MRSC_DOC})`,
      "remove ttlAttribute and delete expired items yourself (e.g. a scheduled query on an expiry index), or use EVENTUAL replicas");
  }
  const lsis = Array.isArray(args.localSecondaryIndexes) ? args.localSecondaryIndexes : [];
  if (lsis.length > 0) {
    problems.add(`${where}.localSecondaryIndexes`, lsis.map((l) => l?.name).join(", "),
      `are not supported with multi-Region strong consistency (AWS: LSIs are not supported for MRSC global tables, ${MRSC_DOC})`,
      "model each as a global secondary index with the table's partition key and the LSI's sort key, or use EVENTUAL replicas");
  }
  if (strong.length !== replicas.length) {
    problems.add(`${where}.replicas`, replicas.map((r) => `${r.region}: ${r.consistencyMode ?? "EVENTUAL"}`).join(", "),
      "mix consistency modes, which a global table cannot", "set consistencyMode \"STRONG\" on every replica, or on none");
    return;
  }
  const regions = [args.region, ...replicas.map((r) => r.region), ...(witness ? [witness.regionName] : [])];
  if (typeof args.region !== "string") {
    problems.add(`${where}.region`, args.region, "is required with multi-Region strong consistency, to check the Region-set rule",
      "set region to the table's own Region, e.g. \"us-east-1\"");
    return;
  }
  const shape = witness ? "the table, one STRONG replica and the witness" : "the table and two STRONG replicas";
  if (regions.length !== 3 || (witness && replicas.length !== 1)) {
    problems.add(`${where}.replicas`, `${replicas.length} ${replicas.length === 1 ? "replica" : "replicas"}${witness ? " and a witness" : ""}`,
      `must make exactly three Regions for multi-Region strong consistency (now ${shape}: ${regions.join(", ")})`,
      "use two STRONG replicas, or one STRONG replica and a globalTableWitness");
  }
  const sets = new Set(regions.map((r) => (typeof r === "string" ? setOf(r) : undefined)));
  if (sets.size !== 1 || sets.has(undefined)) {
    problems.add(`${where}.replicas`, regions.join(", "), "are not all in one multi-Region strong consistency Region set",
      `use Regions of one set: ${Object.entries(MRSC_REGION_SETS).map(([n, rs]) => `${n} ${rs.join(" ")}`).join("; ")}`);
  }
  if (witness && (witness.regionName === args.region || replicas.some((r) => r.region === witness.regionName))) {
    problems.add(`${where}.globalTableWitness.regionName`, witness.regionName, "is already the table's or a replica's Region",
      "choose the third Region of the set as the witness");
  }
}

/**
 * AWS turns a table into an MRSC global table only while it is empty: "Table must be empty when
 * enabling MRSC" (AWS code example "Create and manage DynamoDB global tables with Multi-Region Strong
 * Consistency", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/example_dynamodb_Scenario_MRSCGlobalTables_section.html;
 * the launch post: "create a global table from an existing DynamoDB table that doesn't contain any data").
 * A table filled at creation (an S3 import, a point-in-time or backup restore) or an adopted existing
 * table (`importFrom`) would hold data when the STRONG replicas are added, so the apply fails after the
 * table is created. Refused before anything is registered (AWS rule "mrsc.empty-table").
 */
function checkEmptyTable(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  const why = `multi-Region strong consistency needs an empty table, and this one would hold data when its STRONG replicas are added (${citeRule("mrsc.empty-table")})`;
  const fix = "create the MRSC table empty and load the data afterwards (or use EVENTUAL replicas)";
  // The sources themselves (restoreToLatestTime / restoreDateTime only qualify a restore source).
  for (const key of CREATION_SOURCE_KEYS.filter((k) => k !== "restoreToLatestTime" && k !== "restoreDateTime")) {
    if (args[key] !== undefined) problems.add(`${where}.${key}`, key === "importTable" ? "(an S3 import)" : args[key], `cannot be combined with ${why}`, fix);
  }
  // An adopted table that already is MRSC (every STRONG replica exists: importExisting) gains no replica.
  const existing = (args.replicas ?? []).filter((r) => r?.consistencyMode === "STRONG").every((r) => r?.importExisting === true);
  if (args.importFrom !== undefined && !existing) {
    problems.add(`${where}.importFrom`, args.importFrom, `cannot be combined with STRONG replicas: ${why}`,
      "if the table already is MRSC, mark each STRONG replica importExisting: true (adopt does); otherwise create the MRSC table empty and copy the data into it");
  }
}
