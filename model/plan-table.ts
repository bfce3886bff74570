/**
 * A TableSpec as planned resources: the table, its customer-managed key when it owns one, and one
 * auto scaling target + target-tracking policy per scaled dimension of the table and of each GSI.
 */
import { ScalingPlan, TableSpec } from "./types";
import { PlannedResource, Value, ref, terraformName } from "./resources";
import { ACCOUNT_ROOT, KMS_DELETION_WINDOW_DAYS, featureTableArgs, keyPolicy, planMonitoring, planStreamConsumer } from "./plan-features";
import { planGrants } from "./grants/plan";
import { indexKeys, keySchemaElements } from "./index-keys";
import { CREATION_SOURCE_KEYS, creationSourceArgs, hasCreationSource } from "./creation-source";
import { providerArgumentInputs } from "./provider-arguments";
import { FieldArg, GSI_BLOCKS, TABLE_FIELDS } from "./table-fields";
import { mergeArgs, pulumiArgs } from "./field-walk";
import { planResourcePolicies } from "./resource-policy/plan";
import { planContributorInsights } from "./insights/plan";
import { planKinesisDestination } from "./kinesis/plan";
import { planReplicaScaling } from "./global-tables/plan";
import { featureEntry } from "./feature-registry";

export { KMS_DELETION_WINDOW_DAYS };


/**
 * Key policy: the account administers the key (so IAM policies apply and the key can never become
 * unmanageable), and principals of the account may use it only through DynamoDB in this region.
 * No statement has a `*` principal.
 */
export function dynamoKeyPolicy(region?: string): Value {
  return keyPolicy({
    Sid: "AccountUsesKeyThroughDynamoDB",
    Effect: "Allow",
    Principal: { AWS: ACCOUNT_ROOT },
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
    Resource: "*",
    Condition: {
      StringEquals: {
        // The table's own Region when it has one (the key lives there too), else the provider's.
        "kms:ViaService": region ? `dynamodb.${region}.amazonaws.com` : { $concat: ["dynamodb.", { $data: "region" }, ".amazonaws.com"] },
        "kms:CallerAccount": { $data: "accountId" },
      },
    },
  });
}

/** Scaling names per dimension: Application Auto Scaling's dimension units and predefined metric. */
export const SCALING_DIMENSIONS = {
  read: { units: "ReadCapacityUnits", metric: "DynamoDBReadCapacityUtilization" },
  write: { units: "WriteCapacityUnits", metric: "DynamoDBWriteCapacityUtilization" },
} as const;
/** `dynamodb:table:ReadCapacityUnits`, `dynamodb:index:WriteCapacityUnits`, ... */
export const scalableDimension = (scope: "table" | "index", dimension: "read" | "write") => `dynamodb:${scope}:${SCALING_DIMENSIONS[dimension].units}`;

/** The fields that come before the key schema in the table's arguments (the article's order). */
const LEADING_FIELDS = new Set<FieldArg>(["billingMode"]);

function tableArgs(spec: TableSpec<unknown>, key: PlannedResource | undefined): Record<string, Value> {
  const args: Record<string, Value> = { name: spec.tableName };
  const fields = (leading: boolean) => {
    for (const field of TABLE_FIELDS) if (LEADING_FIELDS.has(field.arg) === leading) mergeArgs(args, pulumiArgs(field, spec));
  };
  fields(true);
  args.hashKey = spec.partitionKey.name;
  if (spec.sortKey) args.rangeKey = spec.sortKey.name;
  args.attributes = spec.attributes.map((a) => ({ name: a.name, type: a.type }));
  if (spec.globalSecondaryIndexes.length > 0) {
    args.globalSecondaryIndexes = spec.globalSecondaryIndexes.map((g) => {
      const index: Record<string, Value> = {
        name: g.name,
        keySchemas: keySchemaElements(indexKeys(g)),
        projectionType: g.projectionType,
      };
      if (g.nonKeyAttributes.length > 0) index.nonKeyAttributes = [...g.nonKeyAttributes];
      if (g.readCapacity !== undefined) index.readCapacity = g.readCapacity;
      if (g.writeCapacity !== undefined) index.writeCapacity = g.writeCapacity;
      for (const block of GSI_BLOCKS) if (g[block.arg]) index[block.arg] = { ...g[block.arg] };
      return index;
    });
  }
  if (spec.localSecondaryIndexes.length > 0) {
    args.localSecondaryIndexes = spec.localSecondaryIndexes.map((l) => {
      const index: Record<string, Value> = { name: l.name, rangeKey: l.sortKey.name, projectionType: l.projectionType };
      if (l.nonKeyAttributes.length > 0) index.nonKeyAttributes = [...l.nonKeyAttributes];
      return index;
    });
  }
  if (spec.encryption === "AWS_MANAGED") args.serverSideEncryption = { enabled: true };
  if (spec.encryption === "CUSTOMER_MANAGED") {
    args.serverSideEncryption = { enabled: true, kmsKeyArn: key ? ref(key, "arn") : (spec.kmsKeyArn as Value) };
  }
  fields(false);
  Object.assign(args, featureTableArgs(spec), creationSourceArgs(spec), providerArgumentInputs(spec.providerArguments));
  // Tags last, as the renderers print them.
  const { tags } = args;
  delete args.tags;
  args.tags = tags;
  return args;
}

/**
 * Capacities an auto scaler owns: IaC must ignore their drift or every apply resets the scaler.
 * With any GSI scaled the whole index set is ignored, exactly as Terraform must (it cannot address
 * one element of the `global_secondary_index` set), because Pulumi paths into that set-typed property
 * are unreliable too: the bridge may copy old values onto the wrong index or see a scaler's change as
 * remove + add, i.e. an index rebuild (pulumi-terraform-bridge#2240, docs/sources.md#capacity-and-auto-scaling).
 * Index changes on such a table are refused by the schema lock instead of being silently skipped.
 */
export function scaledCapacityPaths(spec: TableSpec<unknown>): string[] {
  const paths = spec.scaling.map((s) => `${s.dimension}Capacity`);
  if (spec.globalSecondaryIndexes.some((g) => g.scaling.length > 0)) paths.push("globalSecondaryIndexes");
  return paths;
}

export function scalingPair(spec: TableSpec<unknown>, table: PlannedResource, plan: ScalingPlan, index?: string,
  /** A replica's region: the pair is managed there (provider >= 6 / @pulumi/aws 7 `region` argument). */
  region?: string): PlannedResource[] {
  const suffix = [region, index, plan.dimension].filter(Boolean).join("-");
  const kind = index ? "index" : "table";
  const base = spec.name;
  // Import ids of Application Auto Scaling (Terraform and Pulumi alike): target
  // `<namespace>/<resource id>/<dimension>`, policy the same plus `/<policy name>`.
  const resourceId = `table/${spec.tableName}${index ? `/index/${index}` : ""}`;
  const imported = plan.importExisting ? `dynamodb/${resourceId}/${scalableDimension(kind, plan.dimension)}` : undefined;
  const target: PlannedResource = {
    type: "aws_appautoscaling_target",
    name: `${base}-${suffix}-target`,
    tfName: terraformName(`${base}_${suffix}`),
    role: "scalingTarget",
    args: {
      maxCapacity: plan.max,
      minCapacity: plan.min,
      resourceId: { $concat: ["table/", ref(table, "name"), ...(index ? [`/index/${index}`] : [])] },
      scalableDimension: scalableDimension(kind, plan.dimension),
      serviceNamespace: "dynamodb",
      ...(region ? { region } : {}),
    },
    options: { protect: false, retainOnDelete: false, ignoreChanges: [], ...(imported ? { importId: imported } : {}) },
  };
  const policyName = plan.policyName ?? `${spec.tableName}${index ? `-${index}` : ""}-${plan.dimension}-capacity-utilization`;
  const policy: PlannedResource = {
    type: "aws_appautoscaling_policy",
    name: `${base}-${suffix}-policy`,
    tfName: target.tfName,
    role: "scalingPolicy",
    args: {
      name: policyName,
      policyType: "TargetTrackingScaling",
      resourceId: ref(target, "resourceId"),
      scalableDimension: ref(target, "scalableDimension"),
      serviceNamespace: ref(target, "serviceNamespace"),
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: SCALING_DIMENSIONS[plan.dimension].metric },
        targetValue: plan.targetUtilization,
        scaleInCooldown: plan.scaleInCooldown,
        scaleOutCooldown: plan.scaleOutCooldown,
      },
      ...(region ? { region } : {}),
    },
    options: { protect: false, retainOnDelete: false, ignoreChanges: [], ...(imported ? { importId: `${imported}/${policyName}` } : {}) },
  };
  return [target, policy];
}

/** Plan every resource of one table blueprint, in dependency order. */
export function planTable(spec: TableSpec<unknown>): PlannedResource[] {
  const stateful = { protect: spec.lifecycle.protect, retainOnDelete: spec.lifecycle.retainOnDelete };
  const resources: PlannedResource[] = [];
  let key: PlannedResource | undefined;
  if (spec.createKmsKey) {
    key = {
      type: "aws_kms_key",
      name: `${spec.name}-key`,
      tfName: terraformName(spec.name),
      role: "kmsKey",
      args: {
        description: `DynamoDB encryption key for table ${spec.tableName}`,
        deletionWindowInDays: KMS_DELETION_WINDOW_DAYS,
        enableKeyRotation: true,
        policy: dynamoKeyPolicy(spec.region),
        tags: { ...spec.tags } as Value,
      },
      options: { ...stateful, ignoreChanges: [] },
    };
    resources.push(key);
  }
  const table: PlannedResource = {
    type: "aws_dynamodb_table",
    name: spec.name,
    tfName: terraformName(spec.name),
    role: "table",
    args: tableArgs(spec, key),
    // Creation arguments act once; later changes to them are ignored, or some would force a new table.
    options: { ...stateful, ignoreChanges: [...scaledCapacityPaths(spec), ...(hasCreationSource(spec) ? CREATION_SOURCE_KEYS : [])],
      ...(spec.importFrom ? { importId: spec.importFrom } : {}) },
  };
  resources.push(table);
  for (const plan of spec.scaling) resources.push(...scalingPair(spec, table, plan));
  for (const gsi of spec.globalSecondaryIndexes) {
    for (const plan of gsi.scaling) resources.push(...scalingPair(spec, table, plan, gsi.name));
  }
  resources.push(...planStreamConsumer(spec, table), ...planMonitoring(spec, table), ...planGrants(spec, table, key));
  resources.push(...planReplicaScaling(spec, table, scalingPair));
  resources.push(...planResourcePolicies(spec, table), ...planContributorInsights(spec, table), ...planKinesisDestination(spec, table));
  return spec.region ? resources.map((r) => inRegion(r, spec.region!)) : resources;
}

/**
 * A table's `region` carried to every Regional child (provider 6 / @pulumi/aws 7 per-resource `region`):
 * its key, alarms and their topic, scaling, stream consumer, insights, Kinesis destination and resource
 * policies live where the table lives. Replica Regions' scaling keeps its own Region; IAM is global
 * (the feature registry says which types are Regional: model/feature-registry/resources.ts).
 */
function inRegion(resource: PlannedResource, region: string): PlannedResource {
  if (resource.args.region !== undefined || !featureEntry(`${resource.type}.region`)) return resource;
  const { tags, ...rest } = resource.args;
  return { ...resource, args: { ...rest, region, ...(tags !== undefined ? { tags } : {}) } };
}
