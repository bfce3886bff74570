/**
 * dynamodb-blueprints: DynamoDB production practice as Pulumi components, and the same tables as
 * Terraform. This is the package entry users import.
 */
export { DynamoTable, StateLockTable, OrdersTable, ProductionTable, isTableComponent } from "./tables";
export type { TableComponent } from "./tables";
export type {
  DynamoTableArgs, StateLockTableArgs, OrdersTableArgs, ProductionTableArgs, TableMonitoring, TableStreamConsumer, TableReplica,
  TableGrant,
} from "./tables";
export type { GrantOptions, GrantPrincipal, TableGrants } from "./grants";
export { AccessLevel } from "../model/grants/types";
export { TerraformStateBackend } from "./state-backend";
export type { TerraformStateBackendArgs } from "./state-backend";
export { BlueprintValidationError } from "../model/errors";
export type { Problem } from "../model/errors";
export type {
  AttributeType, BillingMode, ProjectionType, EncryptionMode, StreamViewType, TableClass, KeyAttribute, AutoscalingArgs,
  ScalingRange, GlobalSecondaryIndexArgs, LocalSecondaryIndexArgs, TableSpec,
} from "../model/types";
export * as model from "../model";
export { toTerraform, LAYOUTS } from "../terraform/to-terraform";
export type { ToTerraformOptions, TerraformFiles, Layout } from "../terraform/to-terraform";
