/**
 * `aws_dynamodb_table`: every argument and block the renderers can write (model/plan-table.ts through
 * terraform/resource-block.ts in the flat layout, terraform/module.ts in the module). Adopt reads a
 * table with DynamoDB DescribeTable (+ DescribeContinuousBackups, DescribeTimeToLive,
 * ListTagsOfResource) and from Terraform state (`resources[].instances[].attributes`): `state` paths
 * are those attributes, `[]` marking a repeated block. dynalite is the local emulator (local/).
 */
import type { AwsRuleId } from "../aws-rules";
import {
  AdoptReadBack, EMULATED, FeatureEntry, LocalEmulation, REGION_ARGUMENT, RegionBehaviour, Since, changelog, notEmulated, preV6,
} from "./types";

const DESCRIBE = "DynamoDB DescribeTable: Table.";
const api = (member: string, state: string): AdoptReadBack => ({ api: `${DESCRIBE}${member}`, state });

function entry(path: string, provider: Since, adopt: AdoptReadBack, rules: AwsRuleId[] = [], local: LocalEmulation = EMULATED,
  region: RegionBehaviour = "table", dynamic?: Since): FeatureEntry {
  return { path: `aws_dynamodb_table${path ? `.${path}` : ""}`, provider, region, rules, adopt, local, ...(dynamic ? { dynamic } : {}) };
}
const old = preV6();
const KEY_SCHEMA = changelog("6.29.0", 45357);
/** `dynamic "global_secondary_index"` / `dynamic "key_schema"` crashed the provider before 6.30.0. */
const DYNAMIC_GSI = changelog("6.30.0", 46195);
const WARM = changelog("6.13.0", 41308);
const WITNESS = changelog("6.22.0", 43908);
const NO_STREAMS = notEmulated("dynalite has no DynamoDB Streams; StreamSpecification is dropped");
const NO_PITR = notEmulated("dynalite has no continuous backups");
const NO_WARM = notEmulated("dynalite drops WarmThroughput (nothing to pre-warm locally)");
const NO_CAPS = notEmulated("dynalite drops OnDemandThroughput and never throttles");
const NO_REPLICAS = notEmulated("dynalite is one Region: replicas, MRSC and witnesses are not created");
const NO_SOURCE = notEmulated("dynalite has no import or restore calls: `local` creates the table empty");
const CREATION_ONLY: AdoptReadBack = { notRead: "a creation source acts once; DescribeTable reports RestoreSummary / ImportArn, not the arguments" };

export const TABLE_ENTRIES: FeatureEntry[] = [
  entry("", old, api("TableArn", "arn"), ["table.name"]),
  entry("name", old, api("TableName", "name"), ["table.name", "key.immutable"]),
  entry("region", REGION_ARGUMENT, { api: "the Region the client read the table in (TableArn's Region)", state: "region" }, ["replica.region", "kms.via-service"],
    notEmulated("dynalite is one endpoint: the Region is not emulated")),
  entry("billing_mode", old, api("BillingModeSummary.BillingMode", "billing_mode"), ["billing.capacity"]),
  entry("read_capacity", old, api("ProvisionedThroughput.ReadCapacityUnits", "read_capacity"), ["billing.capacity", "scaling.target-tracking"],
    notEmulated("provisioned throughput is recorded, never enforced")),
  entry("write_capacity", old, api("ProvisionedThroughput.WriteCapacityUnits", "write_capacity"), ["billing.capacity", "scaling.target-tracking", "scaling.global-writes"],
    notEmulated("provisioned throughput is recorded, never enforced")),
  entry("hash_key", old, api("KeySchema[KeyType=HASH].AttributeName", "hash_key"), ["key.attributes", "key.immutable"]),
  entry("range_key", old, api("KeySchema[KeyType=RANGE].AttributeName", "range_key"), ["key.attributes", "key.immutable"]),
  entry("attribute", old, api("AttributeDefinitions[]", "attribute[]"), ["key.attributes"]),
  entry("attribute.name", old, api("AttributeDefinitions[].AttributeName", "attribute[].name"), ["key.attributes"]),
  entry("attribute.type", old, api("AttributeDefinitions[].AttributeType", "attribute[].type"), ["key.attributes"]),
  entry("deletion_protection_enabled", old, api("DeletionProtectionEnabled", "deletion_protection_enabled"), ["deletion-protection"],
    notEmulated("dynalite drops it; DeleteTable succeeds anyway")),
  entry("stream_enabled", old, api("StreamSpecification.StreamEnabled", "stream_enabled"), ["stream.replicas"], NO_STREAMS),
  entry("stream_view_type", old, api("StreamSpecification.StreamViewType", "stream_view_type"), ["stream.replicas"], NO_STREAMS),
  entry("table_class", old, api("TableClassSummary.TableClass", "table_class"), [], notEmulated("dynalite drops TableClass (pricing only)")),
  entry("tags", old, { api: "DynamoDB ListTagsOfResource: Tags[]", state: "tags" }),
  entry("point_in_time_recovery", old, { api: "DynamoDB DescribeContinuousBackups: ContinuousBackupsDescription.PointInTimeRecoveryDescription", state: "point_in_time_recovery[]" }, ["pitr.window"], NO_PITR),
  entry("point_in_time_recovery.enabled", old, { api: "DynamoDB DescribeContinuousBackups: ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus", state: "point_in_time_recovery[].enabled" }, ["pitr.window"], NO_PITR),
  entry("point_in_time_recovery.recovery_period_in_days", old, { api: "DynamoDB DescribeContinuousBackups: ContinuousBackupsDescription.PointInTimeRecoveryDescription.RecoveryPeriodInDays", state: "point_in_time_recovery[].recovery_period_in_days" }, ["pitr.window"], NO_PITR),
  entry("ttl", old, { api: "DynamoDB DescribeTimeToLive: TimeToLiveDescription", state: "ttl[]" }, ["ttl.number", "mrsc.unsupported"], notEmulated("dynalite has no UpdateTimeToLive; items never expire")),
  entry("ttl.attribute_name", old, { api: "DynamoDB DescribeTimeToLive: TimeToLiveDescription.AttributeName", state: "ttl[].attribute_name" }, ["ttl.number"], notEmulated("dynalite has no UpdateTimeToLive")),
  entry("ttl.enabled", old, { api: "DynamoDB DescribeTimeToLive: TimeToLiveDescription.TimeToLiveStatus", state: "ttl[].enabled" }, ["ttl.number"], notEmulated("dynalite has no UpdateTimeToLive")),
  entry("on_demand_throughput", old, api("OnDemandThroughput", "on_demand_throughput[]"), ["on-demand.caps"], NO_CAPS),
  entry("on_demand_throughput.max_read_request_units", old, api("OnDemandThroughput.MaxReadRequestUnits", "on_demand_throughput[].max_read_request_units"), ["on-demand.caps"], NO_CAPS),
  entry("on_demand_throughput.max_write_request_units", old, api("OnDemandThroughput.MaxWriteRequestUnits", "on_demand_throughput[].max_write_request_units"), ["on-demand.caps"], NO_CAPS),
  entry("warm_throughput", WARM, api("WarmThroughput", "warm_throughput[]"), ["warm.minimum"], NO_WARM),
  entry("warm_throughput.read_units_per_second", WARM, api("WarmThroughput.ReadUnitsPerSecond", "warm_throughput[].read_units_per_second"), ["warm.minimum"], NO_WARM),
  entry("warm_throughput.write_units_per_second", WARM, api("WarmThroughput.WriteUnitsPerSecond", "warm_throughput[].write_units_per_second"), ["warm.minimum"], NO_WARM),
  entry("server_side_encryption", old, api("SSEDescription", "server_side_encryption[]"), ["replica.key"], notEmulated("dynalite does not encrypt with KMS")),
  entry("server_side_encryption.enabled", old, api("SSEDescription.Status", "server_side_encryption[].enabled"), [], notEmulated("dynalite does not encrypt with KMS")),
  entry("server_side_encryption.kms_key_arn", old, api("SSEDescription.KMSMasterKeyArn", "server_side_encryption[].kms_key_arn"), ["replica.key", "kms.via-service"], notEmulated("dynalite does not encrypt with KMS")),
  // Global secondary indexes.
  entry("global_secondary_index", old, api("GlobalSecondaryIndexes[]", "global_secondary_index[]"), ["index.limits", "billing.capacity"], EMULATED, "table", DYNAMIC_GSI),
  entry("global_secondary_index.name", old, api("GlobalSecondaryIndexes[].IndexName", "global_secondary_index[].name"), ["table.name"]),
  entry("global_secondary_index.projection_type", old, api("GlobalSecondaryIndexes[].Projection.ProjectionType", "global_secondary_index[].projection_type"), ["index.projection"]),
  entry("global_secondary_index.non_key_attributes", old, api("GlobalSecondaryIndexes[].Projection.NonKeyAttributes", "global_secondary_index[].non_key_attributes"), ["index.projection"]),
  entry("global_secondary_index.read_capacity", old, api("GlobalSecondaryIndexes[].ProvisionedThroughput.ReadCapacityUnits", "global_secondary_index[].read_capacity"), ["billing.capacity"],
    notEmulated("provisioned throughput is recorded, never enforced")),
  entry("global_secondary_index.write_capacity", old, api("GlobalSecondaryIndexes[].ProvisionedThroughput.WriteCapacityUnits", "global_secondary_index[].write_capacity"), ["billing.capacity"],
    notEmulated("provisioned throughput is recorded, never enforced")),
  entry("global_secondary_index.key_schema", KEY_SCHEMA, api("GlobalSecondaryIndexes[].KeySchema[]", "global_secondary_index[].key_schema[]"), ["gsi.multi-attribute-keys", "key.attributes"],
    notEmulated("dynalite takes one partition and one sort key per index: a multi-attribute key is emulated by its first attributes"), "table", DYNAMIC_GSI),
  entry("global_secondary_index.key_schema.attribute_name", KEY_SCHEMA, api("GlobalSecondaryIndexes[].KeySchema[].AttributeName", "global_secondary_index[].key_schema[].attribute_name"), ["gsi.multi-attribute-keys"]),
  entry("global_secondary_index.key_schema.key_type", KEY_SCHEMA, api("GlobalSecondaryIndexes[].KeySchema[].KeyType", "global_secondary_index[].key_schema[].key_type"), ["gsi.multi-attribute-keys"]),
  entry("global_secondary_index.on_demand_throughput", old, api("GlobalSecondaryIndexes[].OnDemandThroughput", "global_secondary_index[].on_demand_throughput[]"), ["on-demand.caps"], NO_CAPS),
  entry("global_secondary_index.on_demand_throughput.max_read_request_units", old,
    api("GlobalSecondaryIndexes[].OnDemandThroughput.MaxReadRequestUnits", "global_secondary_index[].on_demand_throughput[].max_read_request_units"), ["on-demand.caps"], NO_CAPS),
  entry("global_secondary_index.on_demand_throughput.max_write_request_units", old,
    api("GlobalSecondaryIndexes[].OnDemandThroughput.MaxWriteRequestUnits", "global_secondary_index[].on_demand_throughput[].max_write_request_units"), ["on-demand.caps"], NO_CAPS),
  entry("global_secondary_index.warm_throughput", WARM, api("GlobalSecondaryIndexes[].WarmThroughput", "global_secondary_index[].warm_throughput[]"), ["warm.minimum"], NO_WARM),
  entry("global_secondary_index.warm_throughput.read_units_per_second", WARM,
    api("GlobalSecondaryIndexes[].WarmThroughput.ReadUnitsPerSecond", "global_secondary_index[].warm_throughput[].read_units_per_second"), ["warm.minimum"], NO_WARM),
  entry("global_secondary_index.warm_throughput.write_units_per_second", WARM,
    api("GlobalSecondaryIndexes[].WarmThroughput.WriteUnitsPerSecond", "global_secondary_index[].warm_throughput[].write_units_per_second"), ["warm.minimum"], NO_WARM),
  // Local secondary indexes.
  entry("local_secondary_index", old, api("LocalSecondaryIndexes[]", "local_secondary_index[]"), ["index.limits", "key.immutable", "mrsc.unsupported"]),
  entry("local_secondary_index.name", old, api("LocalSecondaryIndexes[].IndexName", "local_secondary_index[].name"), ["table.name"]),
  entry("local_secondary_index.range_key", old, api("LocalSecondaryIndexes[].KeySchema[KeyType=RANGE].AttributeName", "local_secondary_index[].range_key"), ["index.limits"]),
  entry("local_secondary_index.projection_type", old, api("LocalSecondaryIndexes[].Projection.ProjectionType", "local_secondary_index[].projection_type"), ["index.projection"]),
  entry("local_secondary_index.non_key_attributes", old, api("LocalSecondaryIndexes[].Projection.NonKeyAttributes", "local_secondary_index[].non_key_attributes"), ["index.projection"]),
  // Global tables: replicas (each in its own Region) and the MRSC witness.
  entry("replica", old, api("Replicas[]", "replica[]"), ["replica.region", "stream.replicas", "scaling.global-writes"], NO_REPLICAS, "replica"),
  entry("replica.region_name", old, api("Replicas[].RegionName", "replica[].region_name"), ["replica.region", "mrsc.shape"], NO_REPLICAS, "replica"),
  entry("replica.kms_key_arn", old, api("Replicas[].KMSMasterKeyId", "replica[].kms_key_arn"), ["replica.key"], NO_REPLICAS, "replica"),
  entry("replica.point_in_time_recovery", old, { api: "DynamoDB DescribeContinuousBackups in the replica's Region: PointInTimeRecoveryStatus", state: "replica[].point_in_time_recovery" }, ["pitr.window"], NO_REPLICAS, "replica"),
  entry("replica.propagate_tags", old, { notRead: "a provider behaviour (copy the table's tags to the replica), not an AWS setting" }, [], NO_REPLICAS, "replica"),
  entry("replica.consistency_mode", changelog("6.3.0", 43236), api("MultiRegionConsistency", "replica[].consistency_mode"), ["mrsc.shape", "mrsc.unsupported", "mrsc.empty-table"], NO_REPLICAS, "replica"),
  entry("replica.deletion_protection_enabled", changelog("6.9.0", 43240), { api: "DynamoDB DescribeTable in the replica's Region: Table.DeletionProtectionEnabled", state: "replica[].deletion_protection_enabled" },
    ["deletion-protection"], NO_REPLICAS, "replica"),
  entry("global_table_witness", WITNESS, api("GlobalTableWitnesses[]", "global_table_witness[]"), ["mrsc.shape"], NO_REPLICAS, "replica"),
  entry("global_table_witness.region_name", WITNESS, api("GlobalTableWitnesses[].RegionName", "global_table_witness[].region_name"), ["mrsc.shape"], NO_REPLICAS, "replica"),
  // Creation sources (model/creation-source.ts): act once, then ignored.
  entry("restore_source_name", old, CREATION_ONLY, ["creation.source", "mrsc.empty-table"], NO_SOURCE),
  entry("restore_source_table_arn", old, CREATION_ONLY, ["creation.source", "restore.region", "mrsc.empty-table"], NO_SOURCE),
  entry("restore_to_latest_time", old, CREATION_ONLY, ["creation.source", "mrsc.empty-table"], NO_SOURCE),
  entry("restore_date_time", old, CREATION_ONLY, ["creation.source", "mrsc.empty-table"], NO_SOURCE),
  entry("restore_backup_arn", changelog("6.38.0", 47068), CREATION_ONLY, ["creation.source", "restore.region", "mrsc.empty-table"], NO_SOURCE),
  ...["import_table", "import_table.input_format", "import_table.input_compression_type", "import_table.s3_bucket_source", "import_table.s3_bucket_source.bucket",
    "import_table.s3_bucket_source.bucket_owner", "import_table.s3_bucket_source.key_prefix", "import_table.input_format_options", "import_table.input_format_options.csv",
    "import_table.input_format_options.csv.delimiter", "import_table.input_format_options.csv.header_list"]
    .map((p) => entry(p, old, CREATION_ONLY, ["creation.source", "mrsc.empty-table"], NO_SOURCE)),
];
