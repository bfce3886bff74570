/**
 * The AWS rules the validators enforce, by id, each with the AWS page that states it. The feature
 * registry (model/feature-registry/) lists, per emitted argument, the ids of the rules it takes part
 * in; tests/model/feature-registry.test.ts proves every id it names is here and every rule here is
 * named by at least one argument.
 */
export interface AwsRule { summary: string; url: string }

const DDB = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide";
const API = "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference";
const GLOBAL_TABLES = `${DDB}/V2globaltables_HowItWorks.html`;

export const AWS_RULES = {
  "table.name": { summary: "table and index names: 3-255 characters of [a-zA-Z0-9_.-]", url: `${DDB}/HowItWorks.NamingRulesDataTypes.html` },
  "key.attributes": { summary: "attribute definitions are exactly the key attributes of the table and its indexes, each of S, N or B", url: `${API}/API_CreateTable.html` },
  "key.immutable": { summary: "the table's keys and LSIs cannot change after creation (a change replaces the table)", url: `${API}/API_UpdateTable.html` },
  "billing.capacity": { summary: "PROVISIONED needs read and write capacity (>= 1) on the table and every GSI; PAY_PER_REQUEST has none", url: `${API}/API_ProvisionedThroughput.html` },
  "index.limits": { summary: "at most 20 GSIs and 5 LSIs; LSIs only at creation, with the table's partition key and a sort key", url: `${DDB}/ServiceQuotas.html` },
  "index.projection": { summary: "INCLUDE needs non-key attributes, other projections none; at most 100 projected attributes over all indexes", url: `${API}/API_Projection.html` },
  "gsi.multi-attribute-keys": { summary: "a GSI key has up to four partition and four sort key attributes, in declared order", url: `${DDB}/GSI.html` },
  "on-demand.caps": { summary: "on-demand caps (MaxRead/WriteRequestUnits) only with PAY_PER_REQUEST; -1 removes a cap", url: `${API}/API_OnDemandThroughput.html` },
  "warm.minimum": { summary: "warm throughput: at least 12,000 read and 4,000 write units per second, and it can only be raised", url: `${DDB}/warm-throughput.html` },
  "pitr.window": { summary: "point-in-time recovery window of 1-35 days", url: `${API}/API_PointInTimeRecoverySpecification.html` },
  "ttl.number": { summary: "the TTL attribute holds a Number of epoch seconds", url: `${DDB}/TTL.html` },
  "stream.replicas": { summary: "an MREC global table needs a NEW_AND_OLD_IMAGES stream; MRSC does not need streams",
    url: "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-streamspecification.html" },
  "replica.region": { summary: "one replica per Region, never in the table's own Region", url: GLOBAL_TABLES },
  "replica.key": { summary: "a customer-managed key serves only its own Region: each replica names a key in its Region", url: `${DDB}/EncryptionAtRest.html` },
  "mrsc.shape": { summary: "MRSC: one consistency mode for all replicas, exactly three Regions of one Region set (two STRONG replicas, or one and a witness)", url: `${GLOBAL_TABLES}#V2globaltables_HowItWorks.consistency-modes` },
  "mrsc.unsupported": { summary: "MRSC tables support neither TTL nor LSIs", url: `${GLOBAL_TABLES}#V2globaltables_HowItWorks.consistency-modes` },
  "mrsc.empty-table": { summary: "MRSC is created only from an empty table: not with an S3 import, a restore, or an adopted table that holds data",
    url: `${DDB}/example_dynamodb_Scenario_MRSCGlobalTables_section.html` },
  "deletion-protection": { summary: "deletion protection is enforced by DynamoDB: DeleteTable fails while it is on", url: `${DDB}/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection` },
  "scaling.target-tracking": { summary: "auto scaling: target tracking at 20-90 % utilisation, 1 <= min <= max", url: `${DDB}/AutoScaling.html` },
  "scaling.global-writes": { summary: "a provisioned global table needs write auto scaling (or equal write capacity) in every replica", url: `${DDB}/V2globaltables_reqs_bestpractices.html` },
  "creation.source": { summary: "a table is created from at most one source: an S3 import, a point-in-time restore or a backup restore", url: `${DDB}/S3DataImport.HowItWorks.html` },
  "restore.region": { summary: "a backup restores in its own Region; a cross-Region point-in-time restore needs a KMS key in the target Region", url: `${DDB}/CrossRegionAccountRestore.html` },
  "kms.via-service": { summary: "kms:ViaService names the Region's DynamoDB endpoint (dynamodb.<region>.amazonaws.com)", url: "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service" },
  "kinesis.destination": { summary: "one Kinesis data stream destination, in the table's account and Region", url: `${DDB}/kds.html` },
  "insights.mode": { summary: "Contributor Insights mode ACCESSED_AND_THROTTLED_KEYS or THROTTLED_KEYS, per table and per GSI", url: `${DDB}/contributorinsights_HowItWorks.html` },
  "resource-policy.document": { summary: "a resource policy is one JSON document of at most 20 KB on the table or its stream", url: `${DDB}/access-control-resource-based.html` },
  "alarm.topic-key": { summary: "CloudWatch alarms cannot publish to an SNS topic encrypted with alias/aws/sns; a customer key must allow cloudwatch.amazonaws.com",
    url: "https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns" },
  "lambda.stream-region": { summary: "a Lambda event source mapping reads a stream in its own Region", url: "https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html" },
  "s3.state-bucket": { summary: "the state bucket blocks public access, enforces TLS and owner-only object ownership", url: "https://developer.hashicorp.com/terraform/language/backend/s3" },
} as const satisfies Record<string, AwsRule>;

export type AwsRuleId = keyof typeof AWS_RULES;

/** "(AWS: <summary>, <url>)" for a problem message. */
export const citeRule = (id: AwsRuleId) => `AWS: ${AWS_RULES[id].summary}, ${AWS_RULES[id].url}`;
