/**
 * The DynamoDB actions IAM knows, with the resource types each one can be scoped to, transcribed
 * from the Service Authorization Reference page "Actions, resources, and condition keys for Amazon
 * DynamoDB" (service prefix `dynamodb`):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
 * (now served as .../reference/list_dynamodb.html, markdown at list_dynamodb.md).
 *
 * Checked line by line on 2026-11-30 against a stored (not live) copy of the markdown version of that
 * page in its current layout (sections "Actions defined by Amazon DynamoDB", "Permission-only actions
 * for Amazon DynamoDB", "Resource types defined by Amazon DynamoDB"). The page carries no version
 * number or date of its own; the copy read already lists SearchVectors, InjectError and the
 * global-table witness actions (an older copy without them would be stale). Every action of both
 * action sections is below (79), and nothing that is not on the page.
 *
 * Resource types: `table` (arn:...:table/NAME), `index` (arn:...:table/NAME/index/INDEX), `stream`
 * (arn:...:table/NAME/stream/LABEL), `other` (the page's `backup`, `export`, `import` and
 * `global-table`: never granted from a table), `none` (the page lists no resource type: the action
 * only works on Resource "*"). An optional resource type on the page (no `*`) is listed like a
 * required one: Query, Scan, PartiQLSelect and the contributor-insights actions take `index`
 * optionally, ListExports and ListImports take `table` optionally, UpdateGlobalTableVersion `table`;
 * SearchVectors requires both `table` and `index`.
 * `data` marks the item-level actions whose calls need the table's KMS key (read or write); the page
 * says nothing about KMS, so `data` is this project's reading of what each action does, not a fact
 * from the page.
 *
 * Not verifiable from the page (no AWS account here): whether ListExports/ListImports called without
 * a table ARN are authorized by a grant on the table ARN alone (the page lists `table` as optional, so
 * we grant on the table ARN only); whether SearchVectors on a customer-managed key needs the caller's
 * kms:Decrypt like Query does (marked `read` because it returns item data from the table's encrypted
 * index); and whether ReadDataForReplication/WriteDataForReplication/ReplicateSettings, which the
 * developer guide's multi-account global tables security page (globaltables_MA_security.html) grants
 * to the replication service principal, mean anything on an identity role (listed for completeness,
 * not marked `data`: DynamoDB, not a caller, moves that data).
 */
export type ActionResource = "table" | "index" | "stream" | "other" | "none";

export interface ActionInfo {
  resources: readonly ActionResource[];
  data?: "read" | "write";
}

const T = ["table"] as const;
const TI = ["table", "index"] as const;
const S = ["stream"] as const;
const TS = ["table", "stream"] as const;
const O = ["other"] as const;
const TO = ["table", "other"] as const;
const N = ["none"] as const;

export const DYNAMODB_ACTIONS: Readonly<Record<string, ActionInfo>> = {
  AssociateTableReplica: { resources: T },
  BatchGetItem: { resources: T, data: "read" },
  BatchWriteItem: { resources: T, data: "write" },
  ConditionCheckItem: { resources: T, data: "read" },
  CreateBackup: { resources: T },
  CreateGlobalTable: { resources: TO },
  CreateGlobalTableWitness: { resources: T },
  CreateTable: { resources: T },
  CreateTableReplica: { resources: T },
  DeleteBackup: { resources: O },
  DeleteGlobalTableWitness: { resources: T },
  DeleteItem: { resources: T, data: "write" },
  DeleteResourcePolicy: { resources: TS },
  DeleteTable: { resources: T },
  DeleteTableReplica: { resources: T },
  DescribeBackup: { resources: O },
  DescribeContinuousBackups: { resources: T },
  DescribeContributorInsights: { resources: TI },
  DescribeEndpoints: { resources: N },
  DescribeExport: { resources: O },
  DescribeGlobalTable: { resources: O },
  DescribeGlobalTableSettings: { resources: O },
  DescribeImport: { resources: O },
  DescribeKinesisStreamingDestination: { resources: T },
  DescribeLimits: { resources: N },
  DescribeReservedCapacity: { resources: N },
  DescribeReservedCapacityOfferings: { resources: N },
  DescribeStream: { resources: S },
  DescribeTable: { resources: T },
  DescribeTableReplicaAutoScaling: { resources: T },
  DescribeTimeToLive: { resources: T },
  DisableKinesisStreamingDestination: { resources: T },
  EnableKinesisStreamingDestination: { resources: T },
  ExportTableToPointInTime: { resources: T },
  GetAbacStatus: { resources: N },
  GetItem: { resources: T, data: "read" },
  GetRecords: { resources: S, data: "read" },
  GetResourcePolicy: { resources: TS },
  GetShardIterator: { resources: S },
  ImportTable: { resources: T },
  InjectError: { resources: N },
  ListBackups: { resources: N },
  ListContributorInsights: { resources: N },
  ListExports: { resources: T },
  ListGlobalTables: { resources: N },
  ListImports: { resources: T },
  ListStreams: { resources: N },
  ListTables: { resources: N },
  ListTagsOfResource: { resources: TS },
  PartiQLDelete: { resources: T, data: "write" },
  PartiQLInsert: { resources: T, data: "write" },
  PartiQLSelect: { resources: TI, data: "read" },
  PartiQLUpdate: { resources: T, data: "write" },
  PurchaseReservedCapacityOfferings: { resources: N },
  PutItem: { resources: T, data: "write" },
  PutResourcePolicy: { resources: TS },
  Query: { resources: TI, data: "read" },
  ReadDataForReplication: { resources: T },
  ReplicateSettings: { resources: T },
  RestoreTableFromAwsBackup: { resources: T },
  RestoreTableFromBackup: { resources: TO },
  RestoreTableToPointInTime: { resources: T },
  Scan: { resources: TI, data: "read" },
  SearchVectors: { resources: TI, data: "read" },
  StartAwsBackupJob: { resources: T },
  TagResource: { resources: TS },
  UntagResource: { resources: TS },
  UpdateAbacStatus: { resources: N },
  UpdateContinuousBackups: { resources: T },
  UpdateContributorInsights: { resources: TI },
  UpdateGlobalTable: { resources: TO },
  UpdateGlobalTableSettings: { resources: TO },
  UpdateGlobalTableVersion: { resources: TO },
  UpdateItem: { resources: T, data: "write" },
  UpdateKinesisStreamingDestination: { resources: T },
  UpdateTable: { resources: T },
  UpdateTableReplicaAutoScaling: { resources: T },
  UpdateTimeToLive: { resources: T },
  WriteDataForReplication: { resources: T },
};

export const ACTION_NAMES = Object.keys(DYNAMODB_ACTIONS).map((a) => `dynamodb:${a}`);

/** `dynamodb:GetItem`, `GetItem` -> `GetItem`; anything else undefined. Case-sensitive, like IAM's docs. */
export function actionInfo(action: string): ActionInfo | undefined {
  const bare = action.startsWith("dynamodb:") ? action.slice("dynamodb:".length) : action;
  return Object.prototype.hasOwnProperty.call(DYNAMODB_ACTIONS, bare) ? DYNAMODB_ACTIONS[bare] : undefined;
}
