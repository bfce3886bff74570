// index.ts: an orders service. The orders table's stream feeds a Lambda function; records that fail
// every retry go to an SQS dead-letter queue; the API role and the consumer role get least-privilege
// grants. dev and prod differ only by their stack file.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import * as lambda from "@pulumi/aws/lambda";
import * as sqs from "@pulumi/aws/sqs";
import { DynamoTable, StateLockTable } from "dynamodb-blueprints";

const stack = pulumi.getStack();
// The package's stack-level setting (Pulumi.prod.yaml): `check` judges every table production, and the
// program protects them. One key, read by both.
const production = new pulumi.Config("dynamodb-blueprints").getBoolean("production") ?? false;

const lambdaAssumeRole = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
});

// Records the consumer could not process after every retry.
const deadLetters = new sqs.Queue("order-events-dlq", {
  name: `order-events-dlq-${stack}`,
  messageRetentionSeconds: 14 * 24 * 3600,
  sqsManagedSseEnabled: true,
});

const consumerRole = new iam.Role("order-events-role", { name: `order-events-${stack}`, assumeRolePolicy: lambdaAssumeRole });
new iam.RolePolicyAttachment("order-events-logs", {
  role: consumerRole.name,
  policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
});
// The event source mapping sends failed batches to the queue with the function's role.
new iam.RolePolicy("order-events-dlq-send", {
  role: consumerRole.name,
  policy: pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: deadLetters.arn }],
  }),
});

const consumer = new lambda.Function("order-events", {
  name: `order-events-${stack}`,
  runtime: "nodejs22.x",
  handler: "index.handler",
  role: consumerRole.arn,
  code: new pulumi.asset.AssetArchive({
    "index.js": new pulumi.asset.StringAsset("exports.handler = async (event) => { console.log(JSON.stringify(event.Records.length)); };\n"),
  }),
});

const apiRole = new iam.Role("orders-api-role", { name: `orders-api-${stack}`, assumeRolePolicy: lambdaAssumeRole });

const orders = new DynamoTable("orders", {
  tableName: `orders-${stack}`,
  partitionKey: { name: "orderId", type: "S" },
  globalSecondaryIndexes: [{ name: "ByCustomer", partitionKey: { name: "customerId", type: "S" }, sortKey: { name: "createdAt", type: "N" } }],
  pointInTimeRecovery: true,
  deletionProtection: production,
  encryption: production ? "CUSTOMER_MANAGED" : "AWS_OWNED",
  streamViewType: "NEW_AND_OLD_IMAGES",
  // Values from other resources: Pulumi passes the real ARNs; the emitted Terraform takes them as variables.
  streamConsumer: { functionArn: consumer.arn, onFailureDestinationArn: deadLetters.arn, roleName: consumerRole.name },
  monitoring: {},
  // What check's key advisor cannot see: customers are many.
  advisor: { keys: { customerId: { expectedCardinality: 1_000_000 } } },
  tags: { Service: "orders" },
}, { protect: production, retainOnDelete: production });

orders.grantReadWriteData(apiRole);

// The lock table for this service's Terraform state (`dynamodb_table` in the backend, Terraform < 1.11).
const locks = new StateLockTable("terraform-locks", { tableName: `orders-service-tf-locks-${stack}`, deletionProtection: production }, { protect: production, retainOnDelete: production });

export const ordersTableName = orders.tableName;
export const ordersTableArn = orders.tableArn;
export const lockTableName = locks.tableName;
