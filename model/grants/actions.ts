/**
 * The DynamoDB actions IAM knows, with the resource types each one can be scoped to, transcribed
 * from the Service Authorization Reference page "Actions, resources, and condition keys for Amazon
 * DynamoDB" (service prefix `dynamodb`):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html
 *
 * Resource types: `table` (arn:...:table/NAME), `index` (arn:...:table/NAME/index/INDEX), `stream`
 * (arn:...:table/NAME/stream/LABEL), `other` (backups, exports, imports, global tables: never granted
 * from a table), `none` (the page lists no resource type: the action only works on Resource "*").
 * `data` marks the item-level actions whose calls need the table's KMS key (read or write).
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
  CreateTable: { resources: T },
  CreateTableReplica: { resources: T },
  DeleteBackup: { resources: O },
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
  ListBackups: { resources: N },
  ListContributorInsights: { resources: N },
  ListExports: { resources: N },
  ListGlobalTables: { resources: N },
  ListImports: { resources: N },
  ListStreams: { resources: N },
  ListTables: { resources: N },
  ListTagsOfResource: { resources: T },
  PartiQLDelete: { resources: T, data: "write" },
  PartiQLInsert: { resources: T, data: "write" },
  PartiQLSelect: { resources: TI, data: "read" },
  PartiQLUpdate: { resources: T, data: "write" },
  PurchaseReservedCapacityOfferings: { resources: N },
  PutItem: { resources: T, data: "write" },
  PutResourcePolicy: { resources: TS },
  Query: { resources: TI, data: "read" },
  RestoreTableFromAwsBackup: { resources: T },
  RestoreTableFromBackup: { resources: TO },
  RestoreTableToPointInTime: { resources: T },
  Scan: { resources: TI, data: "read" },
  StartAwsBackupJob: { resources: T },
  TagResource: { resources: T },
  UntagResource: { resources: T },
  UpdateAbacStatus: { resources: N },
  UpdateContinuousBackups: { resources: T },
  UpdateContributorInsights: { resources: TI },
  UpdateGlobalTable: { resources: TO },
  UpdateGlobalTableSettings: { resources: TO },
  UpdateGlobalTableVersion: { resources: T },
  UpdateItem: { resources: T, data: "write" },
  UpdateKinesisStreamingDestination: { resources: T },
  UpdateTable: { resources: T },
  UpdateTableReplicaAutoScaling: { resources: T },
  UpdateTimeToLive: { resources: T },
};

export const ACTION_NAMES = Object.keys(DYNAMODB_ACTIONS).map((a) => `dynamodb:${a}`);

/** `dynamodb:GetItem`, `GetItem` -> `GetItem`; anything else undefined. Case-sensitive, like IAM's docs. */
export function actionInfo(action: string): ActionInfo | undefined {
  const bare = action.startsWith("dynamodb:") ? action.slice("dynamodb:".length) : action;
  return Object.prototype.hasOwnProperty.call(DYNAMODB_ACTIONS, bare) ? DYNAMODB_ACTIONS[bare] : undefined;
}
