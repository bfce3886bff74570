/**
 * Tables switching on the table features of issue 15 that are resources of their own, shared by the
 * equivalence test (Pulumi mocks vs both Terraform layouts) and the provider-schema feature programs.
 */
import * as assert from "assert";
import type { TableArgs } from "../../model/types";
import { dynamoTable } from "../../model/blueprints";
import { BlueprintValidationError } from "../../model/errors";

const PARTNER = "arn:aws:iam::111122223333:role/partner";
export const TABLE_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{
    Sid: "PartnerReads", Effect: "Allow", Principal: { AWS: PARTNER }, Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: "*",
    Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
  }],
});
export const STREAM_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: PARTNER }, Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], Resource: "*" }],
});

/** Lambda event filter patterns (docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html): new orders, and paid ones. */
export const STREAM_FILTERS = [
  JSON.stringify({ eventName: ["INSERT"] }),
  JSON.stringify({ eventName: ["MODIFY"], dynamodb: { NewImage: { status: { S: [{ "anything-but": ["DRAFT"] }] }, total: { N: [{ numeric: [">", 0] }] } } } }),
];

export const FEATURE_TABLES: [string, TableArgs][] = [
  ["orders", {
    tableName: "orders", partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES",
    globalSecondaryIndexes: [{ name: "byCustomer", partitionKey: { name: "customer", type: "S" } }],
    resourcePolicy: TABLE_POLICY, streamResourcePolicy: STREAM_POLICY,
    contributorInsights: { mode: "THROTTLED_KEYS", indexes: ["byCustomer"] },
    kinesisStreamingDestination: { streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/order-changes", approximateCreationDateTimePrecision: "MICROSECOND" },
    streamConsumer: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:order-events", filters: STREAM_FILTERS },
  }],
  ["events", { tableName: "events", partitionKey: { name: "id", type: "S" }, contributorInsights: {} }],
  // A provisioned global table: write auto scaling (required) on the table and its GSI, in each replica region too.
  ["global", {
    tableName: "global", partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5,
    autoscaling: { write: { min: 5, max: 50 } }, streamViewType: "NEW_AND_OLD_IMAGES", replicas: [{ region: "eu-west-1" }],
    globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" }, readCapacity: 2, writeCapacity: 5, autoscaling: { write: { min: 5, max: 50 } } }],
  }],
];

/** The validation problems of `dynamoTable(name, { ...base, ...args })` as [where, message, fix]; fails when it does not throw. */
export function tableProblems(base: TableArgs, args: Record<string, unknown>): [string, string, string][] {
  try {
    dynamoTable(String(base.tableName), { ...base, ...args } as TableArgs);
  } catch (e) {
    assert.ok(e instanceof BlueprintValidationError, String(e));
    return e.problems.map((p) => [p.where, p.message, p.fix]);
  }
  return assert.fail("expected a validation error");
}
