/**
 * Round trip (issue 20): every table of every feature program (tests/helpers/feature-programs.ts) is
 * described as AWS would describe it (tests/helpers/aws-answers.ts, SDK output types) and as a
 * Terraform state with every attribute the provider schema declares (tests/helpers/tfstate-from-spec.ts);
 * adopt reads both; the blueprint it declares must resolve to the same table for every field the
 * source returns. What a source cannot return is listed here explicitly (UNKNOWN), and the two lists
 * together must cover every field of the table spec, so a new model field fails this test until it is
 * read back or declared unknown.
 */
import { strict as assert } from "assert";
import { featurePrograms } from "../../helpers/feature-programs";
import { REGION, awsAnswers, keyArnOf, mappingUuidOf } from "../../helpers/aws-answers";
import { stateOf } from "../../helpers/tfstate-from-spec";
import { tablesOf } from "../../../model/stack";
import { indexKeys } from "../../../model/index-keys";
import type { TableSpec } from "../../../model/types";
import { adoptLive } from "../../../project/adopt/from-live";
import { adoptState, parseStateFile } from "../../../project/adopt/from-tfstate";
import { blueprintOf, importsOf } from "../../../project/adopt/imports";
import { renderProgram } from "../../../project/adopt/render-ts";
import { adoptionTerraform } from "../../../cli/adopt/terraform";
import { parseHcl } from "../../hcl/tools";
import { evaluateProgram } from "./program-shape";
import type { Adoption } from "../../../project/adopt/types";

type Source = "live" | "tfstate";

/** Fields compared, each as a function of the spec (values normalised where the model has two spellings of one table). */
const COMPARED: Record<string, (t: TableSpec) => unknown> = {
  tableName: (t) => t.tableName,
  partitionKey: (t) => t.partitionKey,
  sortKey: (t) => t.sortKey,
  attributes: (t) => t.attributes,
  billingMode: (t) => t.billingMode,
  readCapacity: (t) => t.readCapacity,
  writeCapacity: (t) => t.writeCapacity,
  scaling: (t) => scalingOf(t.scaling),
  globalSecondaryIndexes: (t) => t.globalSecondaryIndexes.map((g) => ({
    name: g.name, keys: indexKeys(g), projectionType: g.projectionType, nonKeyAttributes: g.nonKeyAttributes,
    readCapacity: g.readCapacity, writeCapacity: g.writeCapacity, scaling: scalingOf(g.scaling), onDemandThroughput: g.onDemandThroughput,
  })),
  localSecondaryIndexes: (t) => t.localSecondaryIndexes,
  pointInTimeRecovery: (t) => t.pointInTimeRecovery,
  recoveryPeriodInDays: (t) => (t.pointInTimeRecovery ? t.recoveryPeriodInDays ?? 35 : undefined),
  encryption: (t) => t.encryption,
  // A key the blueprint created is adopted as the key it is (its ARN); a user key stays the user's ARN.
  kmsKeyArn: (t) => (t.encryption === "CUSTOMER_MANAGED" ? keyArnOf(t) : undefined),
  createKmsKey: () => false,
  deletionProtection: (t) => t.deletionProtection,
  ttlAttribute: (t) => t.ttlAttribute,
  streamViewType: (t) => t.streamViewType,
  tableClass: (t) => (t.tableClass === "STANDARD" ? undefined : t.tableClass),
  tags: (t) => t.tags,
  onDemandThroughput: (t) => t.onDemandThroughput,
  replicas: (t) => t.replicas.map((r) => ({ region: r.region, consistencyMode: r.consistencyMode === "STRONG" ? "STRONG" : undefined, kmsKeyArn: r.kmsKeyArn })),
  globalTableWitness: (t) => t.globalTableWitness,
  // Every table of the programs is in the provider's Region (REGION) unless it says otherwise.
  region: (t) => t.region ?? REGION,
  contributorInsights: (t) => t.contributorInsights && { mode: t.contributorInsights.mode, indexes: t.contributorInsights.indexes },
  // The consumer's mapping, filters included; its role (roleName) is UNKNOWN below.
  streamConsumer: (t) => t.streamConsumer && {
    functionArn: t.streamConsumer.functionArn, batchSize: t.streamConsumer.batchSize, startingPosition: t.streamConsumer.startingPosition,
    maximumRetryAttempts: t.streamConsumer.maximumRetryAttempts, bisectBatchOnFunctionError: t.streamConsumer.bisectBatchOnFunctionError,
    onFailureDestinationArn: t.streamConsumer.onFailureDestinationArn, filters: t.streamConsumer.filters },
  kinesisStreamingDestination: (t) => t.kinesisStreamingDestination && {
    streamArn: t.kinesisStreamingDestination.streamArn, precision: t.kinesisStreamingDestination.approximateCreationDateTimePrecision ?? "MILLISECOND" },
};

/** Replica settings a state holds but DescribeTable does not (they take calls in each replica's Region). */
const REPLICA_DETAILS = (t: TableSpec) => t.replicas.map((r) => ({ pointInTimeRecovery: r.pointInTimeRecovery, deletionProtection: r.deletionProtection, propagateTags: r.propagateTags }));

/** What each source cannot return, with the reason; never compared. */
const UNKNOWN: Record<string, string> = {
  name: "the component name is the user's choice; adopt derives one from the table name",
  lifecycle: "protect / retainOnDelete are Pulumi options, not table settings; adopt chooses them by component kind",
  importFrom: "set by adopt itself (the table it imports)",
  warmThroughput: "not read back yet (DescribeTable WarmThroughput / warm_throughput)",
  monitoring: "CloudWatch alarms are other resources adopt does not read",
  "streamConsumer.roleName": "the function's execution role is granted by an IAM role policy, which adopt does not read",
  grants: "IAM role policies are other resources adopt does not read",
  resourcePolicy: "GetResourcePolicy is not read",
  streamResourcePolicy: "GetResourcePolicy of the stream is not read",
  providerArguments: "escape-hatch arguments are the user's, not a table setting adopt can tell apart",
  importTable: "creation-time only: AWS and the state keep no trace an import API returns",
  restoreSourceName: "creation-time only", restoreSourceTableArn: "creation-time only", restoreToLatestTime: "creation-time only",
  restoreDateTime: "creation-time only", restoreBackupArn: "creation-time only",
  "encryption (tfstate, AWS_MANAGED)": "the state stores the AWS-managed key's ARN like any key it does not manage; adopt names the ARN and lists the doubt",
  "kmsKey.deletionWindowInDays": "KMS reports no deletion window until a deletion is scheduled (live only)",
  "replicas[].pointInTimeRecovery/deletionProtection/propagateTags": "DescribeTable does not report them per replica (live only; the state has them)",
};

function scalingOf(plans: TableSpec["scaling"]) {
  return plans.map((p) => ({ dimension: p.dimension, min: p.min, max: p.max, targetUtilization: p.targetUtilization, scaleInCooldown: p.scaleInCooldown, scaleOutCooldown: p.scaleOutCooldown }))
    .sort((a, b) => a.dimension.localeCompare(b.dimension));
}

function compare(given: TableSpec, adoption: Adoption, source: Source): string[] {
  const adopted = blueprintOf(adoption).table;
  let original = given;
  if (source === "tfstate" && given.encryption === "AWS_MANAGED") {
    // See UNKNOWN: expected as the ARN, with the doubt reported.
    original = { ...given, encryption: "CUSTOMER_MANAGED", kmsKeyArn: keyArnOf(given) };
    if (!adoption.unknown.some((u) => u.setting === "encryption")) return ["encryption: the doubt about an unmanaged key is not reported"];
  }
  const diffs: string[] = [];
  for (const [field, read] of Object.entries(COMPARED)) {
    try {
      assert.deepStrictEqual(JSON.parse(JSON.stringify(read(adopted) ?? null)), JSON.parse(JSON.stringify(read(original) ?? null)));
    } catch {
      diffs.push(`${field}: adopted ${JSON.stringify(read(adopted))}, was ${JSON.stringify(read(original))}`);
    }
  }
  if (source === "tfstate") {
    try {
      assert.deepStrictEqual(REPLICA_DETAILS(adopted), REPLICA_DETAILS(original));
    } catch {
      diffs.push(`replica details: adopted ${JSON.stringify(REPLICA_DETAILS(adopted))}, was ${JSON.stringify(REPLICA_DETAILS(original))}`);
    }
  }
  return diffs;
}

const programs = featurePrograms();

describe("adopt round trip: every feature program, from AWS answers and from a full state", () => {
  it("every field of the table spec is compared or listed as unknown", () => {
    const fields = new Set(Object.values(programs).flatMap((bs) => tablesOf(bs)).flatMap((b) => Object.keys(b.table)));
    const covered = new Set([...Object.keys(COMPARED), ...Object.keys(UNKNOWN)]);
    assert.deepEqual([...fields].filter((f) => !covered.has(f)), []);
  });

  for (const [program, blueprints] of Object.entries(programs)) {
    const tables = tablesOf(blueprints).map((b) => b.table);

    it(`${program}: adopt --table reads each table back with no difference`, () => {
      const diffs = tables.flatMap((t) => compare(t, adoptLive(awsAnswers(t), t.tableName), "live").map((d) => `${t.tableName} ${d}`));
      assert.deepEqual(diffs, []);
    });

    it(`${program}: adopt --from-tfstate reads each table back with no difference`, () => {
      const { adoptions } = adoptState("feature.tfstate", parseStateFile("feature.tfstate", stateOf(tables)));
      assert.deepEqual(adoptions.map((a) => a.tableName), tables.map((t) => t.tableName));
      const diffs = tables.flatMap((t, i) => compare(t, adoptions[i], "tfstate").map((d) => `${t.tableName} ${d}`));
      assert.deepEqual(diffs, []);
    });
  }

  it("the stream consumer is imported by its mapping's UUID: Pulumi import list, generated program and Terraform import blocks, from both sources", async () => {
    const withConsumer = Object.values(programs).flatMap((bs) => tablesOf(bs)).map((b) => b.table).filter((t) => t.streamConsumer);
    assert.ok(withConsumer.some((t) => t.streamConsumer!.filters?.length), "a consumer with filters is among the feature programs");
    const fromState = adoptState("feature.tfstate", parseStateFile("feature.tfstate", stateOf(withConsumer))).adoptions;
    for (const [i, t] of withConsumer.entries()) {
      for (const adoption of [adoptLive(awsAnswers(t), t.tableName), fromState[i]]) {
        const uuid = mappingUuidOf(t);
        assert.deepEqual(importsOf(adoption).filter((e) => e.terraformType === "aws_lambda_event_source_mapping").map((e) => [e.type, e.id]),
          [["aws:lambda/eventSourceMapping:EventSourceMapping", uuid]], `${t.tableName} (${adoption.source})`);
        const [constructed] = evaluateProgram(renderProgram([adoption])).slice(-1);
        assert.equal((constructed.args as any).streamConsumer.importUuid, uuid);
        assert.deepEqual((constructed.args as any).streamConsumer.filters, t.streamConsumer!.filters);
        const hcl = await parseHcl(Object.values(await adoptionTerraform([adoption], REGION)).join("\n"));
        const ids = (hcl.import as { to: string; id: string }[]).filter((b) => b.to.includes("aws_lambda_event_source_mapping.")).map((b) => b.id);
        assert.deepEqual(ids, [uuid], `${t.tableName}: Terraform import block of the mapping`);
      }
    }
  });

  it("the live adoption reports exactly the unknowns listed (nothing silently dropped)", () => {
    const unknowns = new Set(Object.values(programs).flatMap((bs) => tablesOf(bs)).flatMap((b) => adoptLive(awsAnswers(b.table)).unknown.map((u) => u.setting)));
    assert.deepEqual([...unknowns].filter((u) => !(u in UNKNOWN)), []);
  });
});
