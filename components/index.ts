/**
 * dynamodb-blueprints: DynamoDB production practice as Pulumi components, and the same tables as
 * Terraform. This is the package entry users import; `dynamodb-blueprints/terraform` is the same
 * Terraform side without Pulumi, `dynamodb-blueprints/testing` runs programs under mocks.
 */
export { DynamoTable, StateLockTable, OrdersTable, ProductionTable, isTableComponent } from "./tables";
export type { TableComponent } from "./tables";
export type {
  DynamoTableArgs, StateLockTableArgs, OrdersTableArgs, ProductionTableArgs, TableMonitoring, TableStreamConsumer, TableReplica,
  TableGrant, TableKinesisDestination,
} from "./tables";
export type { GrantOptions, GrantPrincipal, TableGrants } from "./grants";
export { AccessLevel } from "../model/grants/types";
export { TerraformStateBackend } from "./state-backend";
export type { TerraformStateBackendArgs, BackendConfig } from "./state-backend";
export * from "../entries/terraform";
