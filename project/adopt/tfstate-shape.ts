/**
 * The types adopt expects of the state attributes it reads, per resource type. Attribute names are the
 * provider's (terraform/schema/aws-6.66.0.json; tests/project/adopt/tfstate-shape.test.ts checks every
 * name here exists there, with a block where the schema has a block). The schema does not carry
 * primitive types, so those are stated here from the provider documentation: nested blocks are arrays of
 * objects in state v4, unset optional attributes are `null` (or "" for SDKv2 strings).
 * A wrong type is refused by attribute path, never coerced (`point_in_time_recovery: "yes"` is not "off").
 */
import { arr, bool, map, nullable, num, obj, Shape, str } from "./shape";

const s = nullable(str());
const n = nullable(num);
const b = nullable(bool);
const blocks = (members: Record<string, Shape>, required: readonly string[] = []) => nullable(arr(obj(members, required)));
const keySchema = blocks({ attribute_name: str(), key_type: str(["HASH", "RANGE"]) }, ["attribute_name", "key_type"]);
const caps = blocks({ max_read_request_units: n, max_write_request_units: n });

export const STATE_SHAPES: Record<string, Shape> = {
  aws_dynamodb_table: obj({
    name: str(), hash_key: s, range_key: s, billing_mode: nullable(str(["PAY_PER_REQUEST", "PROVISIONED"])), read_capacity: n, write_capacity: n,
    attribute: blocks({ name: str(), type: str(["S", "N", "B"]) }, ["name", "type"]),
    global_secondary_index: blocks({
      name: str(), hash_key: s, range_key: s, projection_type: s, non_key_attributes: nullable(arr(str())), read_capacity: n, write_capacity: n,
      key_schema: keySchema, on_demand_throughput: caps,
    }, ["name"]),
    local_secondary_index: blocks({ name: str(), range_key: str(), projection_type: s, non_key_attributes: nullable(arr(str())) }, ["name", "range_key"]),
    point_in_time_recovery: blocks({ enabled: bool, recovery_period_in_days: n }),
    server_side_encryption: blocks({ enabled: bool, kms_key_arn: s }),
    ttl: blocks({ enabled: b, attribute_name: s }),
    stream_enabled: b, stream_view_type: s, stream_arn: s, table_class: s, deletion_protection_enabled: b,
    tags: nullable(map(str())), tags_all: nullable(map(str())),
    on_demand_throughput: caps,
    replica: blocks({
      region_name: str(), kms_key_arn: s, point_in_time_recovery: b, deletion_protection_enabled: b, propagate_tags: b,
      consistency_mode: nullable(str(["EVENTUAL", "STRONG"])),
    }, ["region_name"]),
    global_table_witness: blocks({ region_name: s }),
    region: s,
  }, ["name", "hash_key"]),
  aws_appautoscaling_target: obj({ service_namespace: str(), resource_id: str(), scalable_dimension: str(), min_capacity: num, max_capacity: num },
    ["service_namespace", "resource_id", "scalable_dimension"]),
  aws_appautoscaling_policy: obj({
    name: str(), policy_type: s, service_namespace: str(), resource_id: str(), scalable_dimension: str(),
    target_tracking_scaling_policy_configuration: blocks({
      target_value: num, scale_in_cooldown: n, scale_out_cooldown: n, disable_scale_in: b,
      predefined_metric_specification: blocks({ predefined_metric_type: str(), resource_label: s }),
      customized_metric_specification: blocks({}),
    }),
  }, ["name", "service_namespace", "resource_id", "scalable_dimension"]),
  aws_kms_key: obj({
    arn: str(), key_id: s, id: s, description: s, deletion_window_in_days: n, enable_key_rotation: b, rotation_period_in_days: n,
    multi_region: b, policy: s, tags: nullable(map(str())),
  }, ["arn"]),
  aws_dynamodb_contributor_insights: obj({ table_name: str(), index_name: s, mode: nullable(str(["ACCESSED_AND_THROTTLED_KEYS", "THROTTLED_KEYS"])) }, ["table_name"]),
  aws_dynamodb_kinesis_streaming_destination: obj({
    table_name: str(), stream_arn: str(), approximate_creation_date_time_precision: nullable(str(["MILLISECOND", "MICROSECOND"])),
  }, ["table_name", "stream_arn"]),
  // The stream consumer (stream-consumer.ts): `uuid` is the mapping's import id, `function_arn` the ARN the
  // provider reads back (function_name keeps what the configuration said: a name, an ARN or an alias).
  aws_lambda_event_source_mapping: obj({
    uuid: s, id: s, event_source_arn: s, function_arn: s, function_name: s, batch_size: n, starting_position: s, maximum_retry_attempts: n,
    bisect_batch_on_function_error: b,
    destination_config: blocks({ on_failure: blocks({ destination_arn: s }) }),
    filter_criteria: blocks({ filter: blocks({ pattern: s }) }),
  }),
};
