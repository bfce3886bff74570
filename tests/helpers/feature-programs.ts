/**
 * Programs that together switch on every feature the model has, for checks that must see all of
 * them (the provider-schema oracle, address stability): streams + consumer, replicas, monitoring with
 * a created and a user topic, import, on-demand caps, LSIs, provisioned tables with table and GSI
 * auto scaling (each dimension alone and both), every encryption mode (owned, AWS-managed, created
 * key, user key), warm throughput, on-demand caps per GSI, multi-attribute GSI keys, S3 import and restores, multi-Region strong consistency with the table's region, protect and retainOnDelete, grants of every access level (on a created key and an
 * AWS-owned table), a stream consumer with a role, and a state backend with the legacy lock table.
 */
import { Blueprint } from "../../model/stack";
import { dynamoTable, productionTable } from "../../model/blueprints";
import { stateBackend } from "../../model/state-backend";
import { ScalingRange } from "../../model/types";
import { FEATURE_TABLES } from "./table-features";

const range: ScalingRange = { min: 5, max: 50 };
const ACCOUNT = "123456789012";

export function featurePrograms(): Record<string, Blueprint[]> {
  return {
    "provisioned, scaled, LSIs, created key, stream consumer, import, alarms": [
      dynamoTable("events", {
        tableName: "events",
        partitionKey: { name: "pk", type: "S" },
        sortKey: { name: "sk", type: "S" },
        billingMode: "PROVISIONED", readCapacity: 10, writeCapacity: 10,
        autoscaling: { read: range, write: range },
        globalSecondaryIndexes: [
          { name: "byUser", partitionKey: { name: "user", type: "S" }, sortKey: { name: "at", type: "N" }, readCapacity: 5, writeCapacity: 5, autoscaling: { read: range } },
          { name: "byKind", partitionKey: { name: "kind", type: "S" }, projectionType: "INCLUDE", nonKeyAttributes: ["title"], readCapacity: 5, writeCapacity: 5 },
          { name: "byPlace", partitionKeys: [{ name: "country", type: "S" }, { name: "city", type: "S" }], sortKeys: [{ name: "at", type: "N" }, { name: "rank", type: "N" }],
            readCapacity: 5, writeCapacity: 5 },
        ],
        localSecondaryIndexes: [{ name: "byCreated", sortKey: { name: "created", type: "N" }, projectionType: "KEYS_ONLY" }],
        encryption: "CUSTOMER_MANAGED",
        streamViewType: "NEW_AND_OLD_IMAGES",
        streamConsumer: { functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:consume`, onFailureDestinationArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq`, roleName: "consumer-role" },
        grants: [
          { role: "app-role", access: "read" },
          { role: `arn:aws:iam::${ACCOUNT}:role/writer`, access: "write" },
          { role: "admin-role", access: "readWrite" },
          { role: "audit-role", access: "custom", actions: ["dynamodb:DescribeTable", "DescribeTimeToLive"] },
        ],
        monitoring: { userErrors: true },
        ttlAttribute: "expiresAt",
        importFrom: "events",
      }, { protect: true, retainOnDelete: true }),
      dynamoTable("writes", {
        partitionKey: { name: "id", type: "S" },
        billingMode: "PROVISIONED", readCapacity: 3, writeCapacity: 5,
        autoscaling: { write: range },
        globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" }, readCapacity: 2, writeCapacity: 5, autoscaling: { write: range },
          warmThroughput: { readUnitsPerSecond: 12000, writeUnitsPerSecond: 4000 } }],
        encryption: "AWS_MANAGED",
        streamViewType: "NEW_IMAGE",
        grants: [{ role: "reader", access: "streamRead" }],
      }),
    ],
    "on-demand caps, replicas, user topic, user key, table class": [
      productionTable("global", {
        partitionKey: { name: "id", type: "S" },
        onDemandThroughput: { maxReadRequestUnits: 1000, maxWriteRequestUnits: 500 },
        globalSecondaryIndexes: [{ name: "byRegion", partitionKey: { name: "home", type: "S" }, onDemandThroughput: { maxReadRequestUnits: 200 } }],
        warmThroughput: { readUnitsPerSecond: 15000, writeUnitsPerSecond: 5000 },
        streamViewType: "NEW_AND_OLD_IMAGES",
        replicas: [{ region: "eu-west-1", kmsKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/r1` }, { region: "ap-southeast-2", kmsKeyArn: `arn:aws:kms:ap-southeast-2:${ACCOUNT}:key/r2`, propagateTags: false }],
        monitoring: { alarmTopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:ops` },
        tableClass: "STANDARD_INFREQUENT_ACCESS",
        recoveryPeriodInDays: 7,
        tags: { team: "core", "Cost.Center": "42" },
      }),
      dynamoTable("userkey", {
        partitionKey: { name: "id", type: "S" },
        encryption: "CUSTOMER_MANAGED", kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        pointInTimeRecovery: false,
      }),
      // Creation sources: an S3 import with CSV options, a cross-region point-in-time restore, a backup restore.
      dynamoTable("imported", {
        partitionKey: { name: "id", type: "S" },
        importTable: { bucket: "acme-exports", keyPrefix: "orders/", bucketOwner: ACCOUNT, inputFormat: "CSV", inputCompressionType: "GZIP", csvDelimiter: ";", csvHeaders: ["id", "total"] },
      }),
      dynamoTable("restored", {
        partitionKey: { name: "id", type: "S" }, region: "us-east-1", encryption: "AWS_MANAGED",
        restoreSourceTableArn: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`, restoreDateTime: "2026-11-01T08:00:00Z",
      }),
      dynamoTable("from-backup", {
        partitionKey: { name: "id", type: "S" },
        restoreBackupArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders/backup/01489602797149-73d8d5bc`,
      }),
      // Multi-Region strong consistency with a witness.
      dynamoTable("ledger", {
        partitionKey: { name: "id", type: "S" }, region: "us-east-1", streamViewType: "NEW_AND_OLD_IMAGES",
        replicas: [{ region: "us-east-2", consistencyMode: "STRONG" }], globalTableWitness: { regionName: "us-west-2" },
      }),
      // The lock table keeps the default AWS_OWNED encryption: the fourth mode.
      stateBackend("state", { bucketName: "acme-terraform-state-test", legacyLockTable: true }),
    ],
    // Issue 15's table features that are resources of their own (resource policies, ...).
    "table feature resources": FEATURE_TABLES.map(([name, args]) => dynamoTable(name, args)),
  };
}
