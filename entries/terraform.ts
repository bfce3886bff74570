/**
 * `dynamodb-blueprints/terraform`: the tables as plain data and as Terraform, with no Pulumi runtime.
 * The spec builders validate exactly like the components (same model, same errors) and return the
 * blueprints `toTerraform` renders, so a plain Node script can emit HCL.
 *
 *   const files = await toTerraform([dynamoTable("users", { partitionKey: { name: "userId", type: "S" } })]);
 *   await writeTerraform("terraform", files);
 */
export { dynamoTable, ordersTable, productionTable, stateLockTable } from "../model/blueprints";
export type { TableBlueprint, StateLockTableArgs as StateLockTableSpecArgs, OrdersTableArgs as OrdersTableSpecArgs, BlueprintKind } from "../model/blueprints";
export { stateBackend } from "../model/state-backend";
export type { StateBackendBlueprint, TerraformStateBackendArgs as TerraformStateBackendSpecArgs } from "../model/state-backend";
export type { Blueprint } from "../model/stack";
export { toTerraform, LAYOUTS } from "../terraform/to-terraform";
export type { ToTerraformOptions, TerraformFiles, TerraformItem, Layout } from "../terraform/to-terraform";
export type { EmbedOptions } from "../terraform/embed";
export { writeTerraform } from "../terraform/write";
export type { WriteOptions, WriteReport } from "../terraform/write";
export { BlueprintValidationError } from "../model/errors";
export type { Problem } from "../model/errors";
export { DestructiveChangeError } from "../project/schema-lock";
export {
  AttributeType, BillingMode, ProjectionType, EncryptionMode, StreamViewType, TableClass, StartingPosition,
} from "../model/types";
export type {
  KeyAttribute, AutoscalingArgs, ScalingRange, GlobalSecondaryIndexArgs, LocalSecondaryIndexArgs, OnDemandThroughput,
  MonitoringArgs, StreamConsumerArgs, ReplicaArgs, TableOptions, TableArgs, Lifecycle, TableSpec,
} from "../model/types";
