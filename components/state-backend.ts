/**
 * The Terraform state backend: bucket, its hardening, and a StateLockTable. Outputs are exactly what
 * `backend.tf` needs.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  StateBackendBlueprint, TerraformStateBackendArgs as ModelArgs, lockTableArgs, lockTableName, planStateBucket, stateBackend,
} from "../model/state-backend";
import { childWithRole, renderPlan } from "./render";
import { logComponent, noteEngineTransforms, noteExplicitProvider, reconcileFixed } from "./transformations";
import { StateLockTable, assertPulumiRuntime, lifecycleOf, typeToken } from "./tables";

/** The arguments of `TerraformStateBackend` (an interface, not an alias: see DynamoTableArgs in ./tables). */
export interface TerraformStateBackendArgs extends ModelArgs<pulumi.Input<string>> {}

/** The arguments of Terraform's `backend "s3"` block. */
export interface BackendConfig {
  /** The state bucket. */
  bucket: string;
  /** Object key of the state file. */
  key: string;
  /** Region of the bucket. */
  region: string;
  /** Always true: server-side encryption of the state object. */
  encrypt: boolean;
  /** Always true: S3-native locking (Terraform >= 1.11). */
  use_lockfile: boolean;
  /** Legacy locking for Terraform < 1.11 and OpenTofu < 1.10; both may be set while migrating. */
  dynamodb_table?: string;
}

// Not schema outputs (see ./tables): kept behind getters, which the component analyzer skips.
const INTERNALS = new WeakMap<object, { blueprint: StateBackendBlueprint<pulumi.Input<string>>; lockTable: StateLockTable }>();

/**
 * The Terraform state backend: a private, versioned, encrypted, TLS-only S3 bucket and a `StateLockTable`;
 * `backendConfig` is what `backend.tf` needs.
 */
export class TerraformStateBackend extends pulumi.ComponentResource {
  /** The validated model this component rendered; `toTerraform` reads it. */
  get blueprint(): StateBackendBlueprint<pulumi.Input<string>> { return INTERNALS.get(this)!.blueprint; }
  /** The lock table component. */
  get lockTable(): StateLockTable { return INTERNALS.get(this)!.lockTable; }
  /** Name of the state bucket. */
  readonly bucketName: pulumi.Output<string>;
  /** ARN of the state bucket. */
  readonly bucketArn: pulumi.Output<string>;
  /** Name of the lock table. */
  readonly lockTableName: pulumi.Output<string>;
  /** ARN of the lock table. */
  readonly lockTableArn: pulumi.Output<string>;
  /** Object key of the state file. */
  readonly stateKey: pulumi.Output<string>;
  /** Region of the bucket: `region` when given, else the bucket's. */
  readonly region: pulumi.Output<string>;
  /** The `terraform { backend "s3" { ... } }` settings, ready to serialise. */
  readonly backendConfig: pulumi.Output<BackendConfig>;

  constructor(name: string, args: TerraformStateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
    assertPulumiRuntime("TerraformStateBackend", name);
    const blueprint = stateBackend(name, args, lifecycleOf(opts));
    super(typeToken("TerraformStateBackend"), name, {}, opts);
    const plan = planStateBucket(blueprint);
    if ((opts?.transforms?.length ?? 0) > 0) noteEngineTransforms(this, `TerraformStateBackend "${name}"`, "opts.transforms", blueprint);
    noteExplicitProvider(this, `TerraformStateBackend "${name}"`, opts, blueprint);
    const bucket = childWithRole(plan, renderPlan(plan, this), "bucket") as unknown as { bucket: pulumi.Output<string>; arn: pulumi.Output<string>; region: pulumi.Output<string> };
    reconcileFixed(this, `TerraformStateBackend "${name}"`, blueprint);
    logComponent({ type: typeToken("TerraformStateBackend"), name, label: `TerraformStateBackend "${name}"`, resource: this, blueprint });
    const table = new StateLockTable(lockTableName(name), lockTableArgs(args), {
      parent: this, protect: blueprint.lifecycle.protect, retainOnDelete: blueprint.lifecycle.retainOnDelete,
    });
    // The engine applies the backend's transforms to the lock table's children too.
    if ((opts?.transforms?.length ?? 0) > 0) noteEngineTransforms(table, `StateLockTable "${lockTableName(name)}"`, `opts.transforms of TerraformStateBackend "${name}"`, table.blueprint);
    // The same builder over the same arguments: share the nested component's blueprint, so what its
    // transformations fold in (or make unrenderable) is what toTerraform renders for this backend.
    blueprint.lockTable = table.blueprint;
    INTERNALS.set(this, { blueprint, lockTable: table });
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
