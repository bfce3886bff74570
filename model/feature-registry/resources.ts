/**
 * The other resource types the emitter writes (model/resources.ts RESOURCE_TYPES) and the data
 * sources: the table's key, auto scaling, alarms and their topic, the stream consumer, grants,
 * Contributor Insights, the Kinesis destination, resource policies, and the state backend's bucket.
 * None of them existed later than hashicorp/aws 6.0.0 except where a CHANGELOG entry says so.
 */
import type { AwsRuleId } from "../aws-rules";
import { AdoptReadBack, FeatureEntry, LocalEmulation, NOT_LOCAL, PROVIDER_BASELINE, REGION_ARGUMENT, RegionBehaviour, Since, changelog, notEmulated, preV6 } from "./types";

function family(type: string, adopt: (arg: string) => AdoptReadBack, args: Record<string, AwsRuleId[]>,
  options: { region?: RegionBehaviour; local?: LocalEmulation; since?: Record<string, Since> } = {}): FeatureEntry[] {
  const region = options.region ?? "table";
  const make = (path: string, rules: AwsRuleId[]): FeatureEntry => ({
    path: path ? `${type}.${path}` : type, provider: options.since?.[path] ?? (path === "region" ? REGION_ARGUMENT : preV6()),
    region, rules, adopt: adopt(path), local: options.local ?? NOT_LOCAL,
  });
  return [make("", []), ...Object.entries(args).map(([path, rules]) => make(path, rules))];
}
/** Read from Terraform state only (adopt's live path reads tables, their scaling and their key). */
const stateOnly = (type: string, why: string) => (arg: string): AdoptReadBack =>
  arg === "" ? { notRead: why } : { notRead: `${why} (tfstate: ${type} ${arg.replace(/\./g, "[].")})` };
const DERIVED = "derived from the table by the blueprint: adopt re-creates it from the table's settings";

const SCALING = (type: string, api: string) => (arg: string): AdoptReadBack => ({
  api: `Application Auto Scaling ${api}${arg ? `: ${arg.split(".").map((p) => p.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())).join(".")}` : ""}`,
  state: `${type}${arg ? `.${arg.replace(/\./g, "[].")}` : ""}`,
});

/**
 * `streamConsumer.filters` (model/stream-filters.ts). PR #21937 was merged on 2 Dec 2021, the day 3.68.0
 * was released, and the CHANGELOG's 3.68.0-3.71.0 sections do not list it: it is in 3.69.0 at the latest,
 * long before the supported major.
 */
const FILTER_SINCE: Since = {
  version: PROVIDER_BASELINE,
  source: "predates hashicorp/aws 6.0.0 (CHANGELOG 6.0.0 is the supported major's first release): added by PR #21937 (https://github.com/hashicorp/terraform-provider-aws/pull/21937), merged 2021-12-02",
};
/** Read back by project/adopt/stream-consumer.ts: live from Lambda's description of the mapping
 * (ListEventSourceMappings by the table's LatestStreamArn), from a state by the provider's attributes. */
const MAPPING_MEMBERS: Record<string, [string, string?]> = {
  "": ["", "uuid"], event_source_arn: ["EventSourceArn"], function_name: ["FunctionArn", "function_arn"], starting_position: ["StartingPosition"],
  batch_size: ["BatchSize"], maximum_retry_attempts: ["MaximumRetryAttempts"], bisect_batch_on_function_error: ["BisectBatchOnFunctionError"],
  region: ["EventSourceMappingArn (the Region the table is read in)"], destination_config: ["DestinationConfig"], "destination_config.on_failure": ["DestinationConfig.OnFailure"],
  "destination_config.on_failure.destination_arn": ["DestinationConfig.OnFailure.Destination"], filter_criteria: ["FilterCriteria"],
  "filter_criteria.filter": ["FilterCriteria.Filters[]"], "filter_criteria.filter.pattern": ["FilterCriteria.Filters[].Pattern"],
};
const MAPPING_READ_BACK = (arg: string): AdoptReadBack => {
  const [member, state] = MAPPING_MEMBERS[arg] ?? [];
  if (member === undefined) return { notRead: `not read (tfstate: aws_lambda_event_source_mapping ${arg})` };
  return { api: `Lambda ListEventSourceMappings: EventSourceMappings[]${member ? `.${member}` : ""}`, state: `aws_lambda_event_source_mapping.${(state ?? arg).replace(/\./g, "[].")}` };
};

export const RESOURCE_ENTRIES: FeatureEntry[] = [
  ...family("aws_kms_key", (arg) => ({ api: `KMS DescribeKey / GetKeyPolicy / GetKeyRotationStatus${arg ? `: ${arg}` : ""}`, state: arg || "arn" }), {
    description: [], deletion_window_in_days: [], enable_key_rotation: [], policy: ["kms.via-service"], tags: [], region: ["kms.via-service"],
  }),
  ...family("aws_appautoscaling_target", SCALING("aws_appautoscaling_target", "DescribeScalableTargets"), {
    max_capacity: ["scaling.target-tracking"], min_capacity: ["scaling.target-tracking"], resource_id: [], scalable_dimension: [], service_namespace: [],
    region: ["scaling.global-writes"],
  }, { local: notEmulated("dynalite has no Application Auto Scaling") }),
  ...family("aws_appautoscaling_policy", SCALING("aws_appautoscaling_policy", "DescribeScalingPolicies"), {
    name: [], policy_type: ["scaling.target-tracking"], resource_id: [], scalable_dimension: [], service_namespace: [], region: ["scaling.global-writes"],
    target_tracking_scaling_policy_configuration: ["scaling.target-tracking"],
    "target_tracking_scaling_policy_configuration.target_value": ["scaling.target-tracking"],
    "target_tracking_scaling_policy_configuration.scale_in_cooldown": [], "target_tracking_scaling_policy_configuration.scale_out_cooldown": [],
    "target_tracking_scaling_policy_configuration.predefined_metric_specification": [],
    "target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type": [],
  }, { local: notEmulated("dynalite has no Application Auto Scaling") }),
  ...family("aws_sns_topic", stateOnly("aws_sns_topic", DERIVED), { name: [], kms_master_key_id: ["alarm.topic-key"], tags: [], region: [] }),
  ...family("aws_cloudwatch_metric_alarm", stateOnly("aws_cloudwatch_metric_alarm", DERIVED), {
    alarm_name: [], alarm_description: [], comparison_operator: [], evaluation_periods: [], treat_missing_data: [], metric_name: [], namespace: [],
    statistic: [], period: [], threshold: [], dimensions: [], alarm_actions: ["alarm.topic-key"], ok_actions: ["alarm.topic-key"], tags: [], region: [],
    metric_query: [], "metric_query.id": [], "metric_query.expression": [], "metric_query.label": [], "metric_query.return_data": [],
    "metric_query.metric": [], "metric_query.metric.metric_name": [], "metric_query.metric.namespace": [], "metric_query.metric.period": [],
    "metric_query.metric.stat": [], "metric_query.metric.dimensions": [],
  }),
  ...family("aws_lambda_event_source_mapping", MAPPING_READ_BACK, {
    event_source_arn: ["lambda.stream-region"], function_name: ["lambda.stream-region"], starting_position: [], batch_size: [], maximum_retry_attempts: [],
    bisect_batch_on_function_error: [], region: ["lambda.stream-region"], destination_config: [], "destination_config.on_failure": [],
    "destination_config.on_failure.destination_arn": [], filter_criteria: [], "filter_criteria.filter": [], "filter_criteria.filter.pattern": [],
  }, { since: Object.fromEntries(["filter_criteria", "filter_criteria.filter", "filter_criteria.filter.pattern"].map((p) => [p, FILTER_SINCE])) }),
  // IAM is global: an inline role policy has no Region.
  ...family("aws_iam_role_policy", stateOnly("aws_iam_role_policy", "grants are the user's roles; adopt reads tables"), { name: [], role: [], policy: [] }, { region: "global" }),
  ...family("aws_dynamodb_resource_policy", (arg) => ({ api: `DynamoDB GetResourcePolicy${arg === "policy" ? ": Policy" : ""}`, state: arg || "resource_arn" }),
    { resource_arn: [], policy: ["resource-policy.document"], region: [] }, { local: notEmulated("dynalite has no resource policies") }),
  ...family("aws_dynamodb_contributor_insights", (arg) => ({ api: `DynamoDB DescribeContributorInsights${arg === "mode" ? ": ContributorInsightsMode" : arg === "index_name" ? ": IndexName" : ""}`, state: arg || "table_name" }),
    { table_name: [], index_name: ["insights.mode"], mode: ["insights.mode"], region: [] },
    { local: notEmulated("dynalite has no Contributor Insights"), since: { mode: changelog("6.11.0", 43914) } }),
  ...family("aws_dynamodb_kinesis_streaming_destination",
    (arg) => ({ api: `DynamoDB DescribeKinesisStreamingDestination: KinesisDataStreamDestinations[]${arg === "stream_arn" ? ".StreamArn" : arg === "approximate_creation_date_time_precision" ? ".ApproximateCreationDateTimePrecision" : ""}`, state: arg || "stream_arn" }),
    { table_name: [], stream_arn: ["kinesis.destination"], approximate_creation_date_time_precision: [], region: ["kinesis.destination"] },
    { local: notEmulated("dynalite has no Kinesis streaming destinations") }),
  // The state backend's bucket (model/state-backend.ts): the backend is the user's Region choice.
  ...family("aws_s3_bucket", stateOnly("aws_s3_bucket", "adopt reads tables, not the state bucket"), { bucket: ["s3.state-bucket"], force_destroy: [], tags: [], region: [] }),
  ...family("aws_s3_bucket_versioning", stateOnly("aws_s3_bucket_versioning", "adopt reads tables"), {
    bucket: [], versioning_configuration: ["s3.state-bucket"], "versioning_configuration.status": ["s3.state-bucket"], region: [] }),
  ...family("aws_s3_bucket_server_side_encryption_configuration", stateOnly("aws_s3_bucket_server_side_encryption_configuration", "adopt reads tables"), {
    bucket: [], rule: ["s3.state-bucket"], "rule.bucket_key_enabled": [], "rule.apply_server_side_encryption_by_default": ["s3.state-bucket"],
    "rule.apply_server_side_encryption_by_default.sse_algorithm": ["s3.state-bucket"], "rule.apply_server_side_encryption_by_default.kms_master_key_id": [], region: [] }),
  ...family("aws_s3_bucket_public_access_block", stateOnly("aws_s3_bucket_public_access_block", "adopt reads tables"), {
    bucket: [], block_public_acls: ["s3.state-bucket"], block_public_policy: ["s3.state-bucket"], ignore_public_acls: ["s3.state-bucket"],
    restrict_public_buckets: ["s3.state-bucket"], region: [] }),
  ...family("aws_s3_bucket_ownership_controls", stateOnly("aws_s3_bucket_ownership_controls", "adopt reads tables"), {
    bucket: [], rule: ["s3.state-bucket"], "rule.object_ownership": ["s3.state-bucket"], region: [] }),
  ...family("aws_s3_bucket_policy", stateOnly("aws_s3_bucket_policy", "adopt reads tables"), { bucket: [], policy: ["s3.state-bucket"], region: [] }),
  // Data sources: the caller's account and partition (global), and the Region (6.0.0 renamed `name` to `region`).
  { path: "data.aws_caller_identity", provider: preV6("the data source"), region: "global", rules: [], adopt: { notRead: "a deploy-time fact" }, local: NOT_LOCAL },
  { path: "data.aws_partition", provider: preV6("the data source"), region: "global", rules: [], adopt: { notRead: "a deploy-time fact" }, local: NOT_LOCAL },
  { path: "data.aws_region", provider: { version: "6.0.0", source: "hashicorp/aws 6.0.0 upgrade guide: data source aws_region returns `region` (`name` deprecated)" },
    region: "table", rules: ["kms.via-service"], adopt: { notRead: "a deploy-time fact" }, local: NOT_LOCAL },
  { path: "data.aws_region.region", provider: REGION_ARGUMENT, region: "table", rules: ["kms.via-service"], adopt: { notRead: "a deploy-time fact" }, local: NOT_LOCAL },
];
