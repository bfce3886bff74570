/**
 * Turns `DynamoTable` args into a validated, fully defaulted `TableSpec`. Defaults live in
 * model/defaults.ts and the field table, so the Pulumi components, the HCL emitter and the local
 * emulator agree on them.
 */
import {
  AutoscalingArgs, GlobalSecondaryIndexArgs, GlobalSecondaryIndexSpec, KeyAttribute, Lifecycle, LocalSecondaryIndexSpec, ScalingPlan,
  TableArgs, TableSpec,
} from "./types";
import { ProblemList } from "./errors";
import { validateTableArgs } from "./validate";
import { TABLE_DEFAULTS } from "./defaults";
import { resolveFields } from "./field-walk";
import { GSI_BLOCKS } from "./table-fields";
import { indexKeys, isMultiAttribute } from "./index-keys";
import { resolveCreationSource } from "./creation-source";
import { TABLE_NAME_PATTERN } from "./rules";
import { resolveGrants } from "./grants/validate";
import { resolveContributorInsights } from "./insights/plan";

export { TABLE_DEFAULTS };

export const NO_LIFECYCLE: Lifecycle = { protect: false, retainOnDelete: false };

function scalingPlans(scaling: AutoscalingArgs | undefined): ScalingPlan[] {
  if (!scaling) return [];
  const plans: ScalingPlan[] = [];
  for (const dimension of ["read", "write"] as const) {
    const range = scaling[dimension];
    if (!range) continue;
    plans.push({
      dimension,
      min: range.min,
      max: range.max,
      targetUtilization: range.targetUtilization ?? TABLE_DEFAULTS.targetUtilization,
      scaleInCooldown: scaling.scaleInCooldown ?? TABLE_DEFAULTS.scaleInCooldown,
      scaleOutCooldown: scaling.scaleOutCooldown ?? TABLE_DEFAULTS.scaleOutCooldown,
      ...(range.policyName !== undefined ? { policyName: range.policyName } : {}),
      ...(scaling.importExisting ? { importExisting: true } : {}),
    });
  }
  return plans;
}

/** Attribute definitions: exactly the attributes used as a key anywhere, sorted for stable output. */
export function deriveAttributes(keys: (KeyAttribute | undefined)[]): KeyAttribute[] {
  const byName = new Map<string, KeyAttribute>();
  for (const key of keys) if (key && !byName.has(key.name)) byName.set(key.name, { name: key.name, type: key.type });
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Validate and default. `subject` names the component for error messages, e.g. `DynamoTable "orders"`.
 * Throws one BlueprintValidationError listing every problem.
 */
export function resolveTableSpec<T = string>(
  subject: string,
  name: string,
  args: TableArgs<T>,
  lifecycle: Lifecycle = NO_LIFECYCLE,
): TableSpec<T> {
  const problems = new ProblemList();
  if (typeof name !== "string" || name.length === 0) {
    problems.add(`${subject} name`, name, "must be a non-empty string", "give the component a name");
  }
  validateTableArgs(problems, subject, args as TableArgs<unknown>);
  if (args && args.tableName === undefined && typeof name === "string" && name.length > 0 && !TABLE_NAME_PATTERN.test(name)) {
    problems.add(`${subject}.tableName`, name, "is omitted, and the component name is not a valid table name",
      "set tableName (3-255 of letters, digits, _ - .)");
  }
  problems.throwIfAny(subject);

  const provisioned = args.billingMode === "PROVISIONED";
  const capacity = (explicit: number | undefined, scaling: AutoscalingArgs | undefined, dimension: "read" | "write") =>
    provisioned ? explicit ?? scaling?.[dimension]?.min : undefined;
  const fields = resolveFields(args as TableArgs<unknown>);

  const gsis: GlobalSecondaryIndexSpec[] = (args.globalSecondaryIndexes ?? []).map((gsi) => ({
    name: gsi.name,
    ...gsiKeySpec(gsi),
    projectionType: gsi.projectionType ?? TABLE_DEFAULTS.projectionType,
    nonKeyAttributes: gsi.projectionType === "INCLUDE" ? [...(gsi.nonKeyAttributes ?? [])] : [],
    readCapacity: capacity(gsi.readCapacity, gsi.autoscaling, "read"),
    writeCapacity: capacity(gsi.writeCapacity, gsi.autoscaling, "write"),
    scaling: scalingPlans(gsi.autoscaling),
    ...Object.fromEntries(GSI_BLOCKS.filter((b) => gsi[b.arg]).map((b) => [b.arg, definedOnly(gsi[b.arg]!)])),
  }));
  const lsis: LocalSecondaryIndexSpec[] = (args.localSecondaryIndexes ?? []).map((lsi) => ({
    name: lsi.name,
    sortKey: { ...lsi.sortKey },
    projectionType: lsi.projectionType ?? TABLE_DEFAULTS.projectionType,
    nonKeyAttributes: lsi.projectionType === "INCLUDE" ? [...(lsi.nonKeyAttributes ?? [])] : [],
  }));
  const grantProblems = new ProblemList();
  const grants = resolveGrants(grantProblems, subject, args.grants, args.streamConsumer?.roleName);
  grantProblems.throwIfAny(subject);
  const encryption = args.encryption ?? TABLE_DEFAULTS.encryption;

  return {
    // Every scalar argument, through the field table (model/table-fields.ts).
    ...(fields as Pick<TableSpec<T>, keyof typeof fields>),
    name,
    tableName: args.tableName ?? args.importFrom ?? name,
    partitionKey: { ...args.partitionKey },
    sortKey: args.sortKey ? { ...args.sortKey } : undefined,
    attributes: deriveAttributes([
      args.partitionKey, args.sortKey,
      ...gsis.flatMap((g) => { const keys = indexKeys(g); return [...keys.partition, ...keys.sort]; }),
      ...lsis.map((l) => l.sortKey),
    ]),
    scaling: scalingPlans(args.autoscaling),
    globalSecondaryIndexes: gsis,
    localSecondaryIndexes: lsis,
    encryption,
    createKmsKey: encryption === "CUSTOMER_MANAGED" && args.kmsKeyArn === undefined,
    kmsKeyArn: args.kmsKeyArn,
    lifecycle: { ...lifecycle },
    monitoring: args.monitoring ? { ...TABLE_DEFAULTS.monitoring, ...definedOnly(args.monitoring) } : undefined,
    streamConsumer: args.streamConsumer
      ? { ...TABLE_DEFAULTS.streamConsumer, ...definedOnly(args.streamConsumer), functionArn: args.streamConsumer.functionArn }
      : undefined,
    replicas: (args.replicas ?? []).map((r) => ({
      region: r.region,
      ...(r.consistencyMode ? { consistencyMode: r.consistencyMode } : {}),
      kmsKeyArn: r.kmsKeyArn,
      pointInTimeRecovery: r.pointInTimeRecovery ?? fields.pointInTimeRecovery,
      deletionProtection: r.deletionProtection ?? fields.deletionProtection,
      propagateTags: r.propagateTags ?? true,
    })),
    region: args.region,
    ...(args.globalTableWitness ? { globalTableWitness: { regionName: args.globalTableWitness.regionName } } : {}),
    importFrom: args.importFrom,
    ...resolveCreationSource(args),
    ...(args.providerArguments ? { providerArguments: structuredClone(args.providerArguments) } : {}),
    ...(args.advisor ? { advisor: structuredClone(args.advisor) } : {}),
    grants,
    ...(args.resourcePolicy !== undefined ? { resourcePolicy: args.resourcePolicy } : {}),
    ...(args.streamResourcePolicy !== undefined ? { streamResourcePolicy: args.streamResourcePolicy } : {}),
    ...(args.contributorInsights !== undefined ? { contributorInsights: resolveContributorInsights(args.contributorInsights) } : {}),
    ...(args.kinesisStreamingDestination !== undefined ? { kinesisStreamingDestination: { ...args.kinesisStreamingDestination } } : {}),
  };
}

/** A GSI's key in the spec: the first attributes as partitionKey/sortKey, the full lists only when there are several. */
function gsiKeySpec(gsi: GlobalSecondaryIndexArgs): Pick<GlobalSecondaryIndexSpec, "partitionKey" | "sortKey" | "partitionKeys" | "sortKeys"> {
  const partition = (gsi.partitionKeys ?? [gsi.partitionKey!]).map((k) => ({ ...k }));
  const sort = (gsi.sortKeys ?? (gsi.sortKey ? [gsi.sortKey] : [])).map((k) => ({ ...k }));
  return {
    partitionKey: partition[0], sortKey: sort[0],
    ...(isMultiAttribute({ partition, sort }) ? { partitionKeys: partition, sortKeys: sort } : {}),
  };
}

/** Spread-safe: `{ a: undefined }` must not override a default. */
function definedOnly<O extends object>(o: O): Partial<O> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<O>;
}
