/**
 * The Terraform state backend: bucket, its hardening, and a StateLockTable. Outputs are exactly what
 * `backend.tf` needs.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  StateBackendBlueprint, TerraformStateBackendArgs as ModelArgs, lockTableArgs, lockTableName, planStateBucket, stateBackend,
} from "../model/state-backend";
import { renderPlan } from "./render";
import { StateLockTable, lifecycleOf, typeToken } from "./tables";

export type TerraformStateBackendArgs = ModelArgs<pulumi.Input<string>>;

/** The arguments of Terraform's `backend "s3"` block. */
export interface BackendConfig {
  bucket: string;
  key: string;
  region: string;
  encrypt: boolean;
  use_lockfile: boolean;
  /** Legacy locking for Terraform < 1.11 and OpenTofu < 1.10; both may be set while migrating. */
  dynamodb_table?: string;
}

export class TerraformStateBackend extends pulumi.ComponentResource {
  readonly blueprint: StateBackendBlueprint<pulumi.Input<string>>;
  readonly lockTable: StateLockTable;
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly lockTableName: pulumi.Output<string>;
  readonly lockTableArn: pulumi.Output<string>;
  readonly stateKey: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  /** The `terraform { backend "s3" { ... } }` settings, ready to serialise. */
  readonly backendConfig: pulumi.Output<BackendConfig>;

  constructor(name: string, args: TerraformStateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
    const blueprint = stateBackend(name, args, lifecycleOf(opts));
    super(typeToken("TerraformStateBackend"), name, {}, opts);
    this.blueprint = blueprint;
    const children = renderPlan(planStateBucket(blueprint), this);
    const bucket = children.get(`${name}-bucket`) as unknown as { bucket: pulumi.Output<string>; arn: pulumi.Output<string>; region: pulumi.Output<string> };
    this.lockTable = new StateLockTable(lockTableName(name), lockTableArgs(args), {
      parent: this, protect: blueprint.lifecycle.protect, retainOnDelete: blueprint.lifecycle.retainOnDelete,
    });
    const table = this.lockTable;
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.lockTableName = table.tableName;
    this.lockTableArn = table.tableArn;
    this.stateKey = pulumi.output(blueprint.stateKey);
    this.region = blueprint.region ? pulumi.output(blueprint.region) : bucket.region;
    this.backendConfig = pulumi.all([this.bucketName, this.region, this.lockTableName]).apply(([bucketName, region, lock]): BackendConfig => ({
      bucket: bucketName,
      key: blueprint.stateKey,
      region,
      encrypt: true,
      use_lockfile: true,
      ...(blueprint.legacyLockTable ? { dynamodb_table: lock } : {}),
    }));
    this.registerOutputs({
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      lockTableName: this.lockTableName,
      lockTableArn: this.lockTableArn,
      stateKey: this.stateKey,
      region: this.region,
      backendConfig: this.backendConfig,
    });
  }
}
