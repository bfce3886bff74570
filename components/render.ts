/**
 * The Pulumi renderer: turns the model's planned resources into `@pulumi/aws` resources under a
 * component. It adds nothing of its own (no defaults, no names), which is what keeps it and the HCL
 * emitter from drifting apart. Only sub-modules of `@pulumi/aws` are imported (start-up time).
 */
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as kms from "@pulumi/aws/kms";
import * as appautoscaling from "@pulumi/aws/appautoscaling";
import * as s3 from "@pulumi/aws/s3";
import * as sns from "@pulumi/aws/sns";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as lambda from "@pulumi/aws/lambda";
import * as iam from "@pulumi/aws/iam";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { ProblemList } from "../model/errors";
import { observeChild } from "./transformations";
import { DataRef, PlannedResource, ResourceRole, ResourceType, Value, isConcat, isDataRef, isJsonDoc, isRef, isRoleArnRef, withRole } from "../model/resources";
import { parseRoleArn } from "../model/grants/role-arn";
import { deployedRoleName } from "./role-arn";

type Constructor = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

const CONSTRUCTORS: Record<ResourceType, Constructor> = {
  aws_dynamodb_table: dynamodb.Table,
  aws_kms_key: kms.Key,
  aws_appautoscaling_target: appautoscaling.Target,
  aws_appautoscaling_policy: appautoscaling.Policy,
  aws_s3_bucket: s3.Bucket,
  aws_s3_bucket_versioning: s3.BucketVersioning,
  aws_s3_bucket_server_side_encryption_configuration: s3.BucketServerSideEncryptionConfiguration,
  aws_s3_bucket_public_access_block: s3.BucketPublicAccessBlock,
  aws_s3_bucket_ownership_controls: s3.BucketOwnershipControls,
  aws_s3_bucket_policy: s3.BucketPolicy,
  aws_sns_topic: sns.Topic,
  aws_cloudwatch_metric_alarm: cloudwatch.MetricAlarm,
  aws_lambda_event_source_mapping: lambda.EventSourceMapping,
  aws_iam_role_policy: iam.RolePolicy,
  aws_dynamodb_resource_policy: dynamodb.ResourcePolicy,
  aws_dynamodb_contributor_insights: dynamodb.ContributorInsights,
  aws_dynamodb_kinesis_streaming_destination: dynamodb.KinesisStreamingDestination,
};

export type Rendered = Map<string, pulumi.CustomResource>;

/** The rendered child that plays `role` in `plan` (undefined when the plan has none). */
export function childWithRole(plan: readonly PlannedResource[], children: Rendered, role: ResourceRole): pulumi.CustomResource | undefined {
  const planned = withRole(plan, role);
  return planned && children.get(planned.name);
}

/** Resolve the model's symbolic values (references, interpolations, JSON documents) to Pulumi inputs. */
class Resolver {
  private data?: Record<DataRef["$data"], pulumi.Output<string>>;

  constructor(private readonly created: Rendered, private readonly parent: pulumi.Resource) {}

  resolve(value: Value | unknown): unknown {
    if (isRef(value)) {
      const target = this.created.get(value.$ref);
      if (!target) throw new Error(`internal: reference to ${value.$ref} before it was created`);
      return (target as unknown as Record<string, unknown>)[value.attribute];
    }
    if (isConcat(value)) return pulumi.concat(...value.$concat.map((p) => this.resolve(p) as pulumi.Input<string>));
    if (isJsonDoc(value)) return pulumi.jsonStringify(pulumi.output(this.resolve(value.$json)));
    if (isDataRef(value)) return this.caller()[value.$data];
    if (isRoleArnRef(value)) return deployedRoleName(parseRoleArn(value.$roleArn)!, this.caller());
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v)]));
    }
    return value; // scalars and opaque user Inputs (Outputs, promises) pass through untouched
  }

  /** Looked up once per component, and only when a policy needs them. */
  private caller(): Record<DataRef["$data"], pulumi.Output<string>> {
    if (!this.data) {
      const opts = { parent: this.parent };
      this.data = {
        accountId: getCallerIdentityOutput({}, opts).accountId,
        partition: getPartitionOutput({}, opts).partition,
        region: getRegionOutput({}, opts).region,
      };
    }
    return this.data;
  }
}

/**
 * The Node SDK interpolates every top-level arg into a debug label (`${value}`), which throws "Cannot
 * convert object to primitive value" for a map with a `toString` or `valueOf` key, e.g. a tag named
 * `toString`. A non-enumerable Symbol.toPrimitive answers first and is never serialized as a property.
 */
function printable(args: Record<string, unknown>): Record<string, unknown> {
  for (const value of Object.values(args)) {
    if (value !== null && typeof value === "object" && (Object.hasOwn(value, "toString") || Object.hasOwn(value, "valueOf"))) {
      Object.defineProperty(value, Symbol.toPrimitive, { value: () => "[object Object]", enumerable: false, configurable: true });
    }
  }
  return args;
}

/**
 * The Node SDK serializes inputs with `obj[key] = value`, so a map key named `__proto__` (a tag)
 * would be dropped silently on its way to the engine. toTerraform keeps it; Pulumi cannot: refuse it
 * by name before any child resource is created, rather than deploy a table without the tag.
 */
function assertSerializableKeys(resources: PlannedResource[]): void {
  const problems = new ProblemList();
  const visit = (value: unknown, where: string, depth: number): void => {
    if (value === null || typeof value !== "object" || depth > 8) return;
    if (Array.isArray(value)) { value.forEach((v, i) => visit(v, `${where}[${i}]`, depth + 1)); return; }
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return;
    for (const key of Object.keys(value)) {
      if (key === "__proto__") {
        problems.add(`${where}["__proto__"]`, key, "cannot be passed through the Pulumi SDK, which would drop this key silently",
          "rename the tag (or key); toTerraform can emit it, a Pulumi deployment cannot");
      } else visit((value as Record<string, unknown>)[key], `${where}.${key}`, depth + 1);
    }
  };
  for (const r of resources) visit(r.args, `${r.type} "${r.name}"`, 0);
  problems.throwIfAny("Pulumi resource inputs");
}

/** Create every planned resource as a child of `parent`, in order, with its own lifecycle options. */
export function renderPlan(resources: PlannedResource[], parent: pulumi.Resource,
  /** Resources rendered earlier under the same parent (a grant added later references its table). */
  created: Rendered = new Map()): Rendered {
  assertSerializableKeys(resources);
  const resolver = new Resolver(created, parent);
  for (const r of resources) {
    const args = resolver.resolve(r.args);
    const opts: pulumi.CustomResourceOptions = {
      parent,
      // Set explicitly on every child: the Node SDK copies only `protect` from a component, and a
      // scaling target must not inherit the table's protection.
      protect: r.options.protect,
      retainOnDelete: r.options.retainOnDelete,
    };
    if (r.options.ignoreChanges.length > 0) opts.ignoreChanges = [...r.options.ignoreChanges];
    // Adopt the existing table instead of failing with ResourceInUseException.
    if (r.options.importId) opts.import = r.options.importId;
    // Observed, so what a transformation changes reaches the HCL or refuses it (components/transformations.ts).
    const inputs = printable(args as Record<string, unknown>);
    created.set(r.name, observeChild(parent, r, inputs, opts, () => new CONSTRUCTORS[r.type](r.name, inputs, opts)));
  }
  return created;
}
