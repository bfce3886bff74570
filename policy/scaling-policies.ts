/**
 * Auto scaling rules. Rule 5 is a stack policy because coverage is cross-resource: a provisioned
 * table is only safe if separate `appautoscaling` targets (and policies) point at it by the string
 * `table/<name>[/index/<index>]`. Rule 6 checks each scaling policy on its own.
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { LIMITS } from "../model/validate";
import { GSI_RESOURCE, SCALING_POLICY, SCALING_TARGET, TABLE, UNKNOWN, configOf, describe, items, num, read, str, violation } from "./lib";

type Dim = "read" | "write";
/** What a target or policy scales. `index: "*"` = some index we could not name during preview. */
interface Scaled {
  tableName?: string;
  tableUrn?: string;
  index?: string;
  dim?: Dim;
}
interface Need {
  index?: string;
  dim: Dim;
}

const RESOURCE_ID = /^table\/([^/]+)(?:\/index\/([^/]+))?$/;
const DIMENSION = /^dynamodb:(table|index):(Read|Write)CapacityUnits$/;

/** Tables a resource depends on through `prop` (or at all): used when resourceId is unknown in preview. */
function dependedOn(r: PolicyResource, prop: string, type: string): PolicyResource[] {
  const deps = r.propertyDependencies?.[prop]?.length ? r.propertyDependencies[prop] : r.dependencies ?? [];
  return deps.filter((d) => d.type === type);
}

function scaledBy(r: PolicyResource, byUrn: Map<string, Scaled>): Scaled | undefined {
  const namespace = str(read(r.props, "serviceNamespace"));
  if (typeof namespace === "string" && namespace !== "dynamodb") return undefined;
  const dimension = str(read(r.props, "scalableDimension"));
  const dm = typeof dimension === "string" ? DIMENSION.exec(dimension) : null;
  if (typeof dimension === "string" && !dm) return undefined;
  const dim = dm ? (dm[2].toLowerCase() as Dim) : undefined;
  const id = str(read(r.props, "resourceId"));
  if (typeof id === "string") {
    const m = RESOURCE_ID.exec(id);
    return m ? { tableName: m[1], index: m[2], dim } : undefined;
  }
  if (id === UNKNOWN) {
    // Preview: resourceId is computed from a table (target) or a target (policy) not yet created.
    const target = dependedOn(r, "resourceId", SCALING_TARGET).map((t) => byUrn.get(t.urn)).find((s) => s);
    if (target) return { ...target, dim: dim ?? target.dim };
    const table = dependedOn(r, "resourceId", TABLE)[0];
    if (table) return { tableUrn: table.urn, index: dm?.[1] === "index" ? "*" : undefined, dim };
  }
  return undefined;
}

function covers(s: Scaled, tableName: string | undefined, tableUrn: string, need: Need): boolean {
  const sameTable = (s.tableName !== undefined && s.tableName === tableName) || s.tableUrn === tableUrn;
  const sameIndex = s.index === need.index || (s.index === "*" && need.index !== undefined);
  return sameTable && sameIndex && (s.dim === undefined || s.dim === need.dim);
}

const label = (n: Need) => `${n.index ? `index ${n.index}` : "table"} ${n.dim}`;

export const provisionedAutoscaling: StackValidationPolicy = {
  name: "dynamodb-provisioned-autoscaling",
  description: "Every PROVISIONED DynamoDB table and GSI needs auto scaling targets and policies for read and write capacity.",
  severity: "high",
  remediationSteps: "Add an aws.appautoscaling.Target and a TargetTrackingScaling aws.appautoscaling.Policy per table/GSI and dimension, or use PAY_PER_REQUEST.",
  validateStack: (args, report) => {
    const targets = new Map<string, Scaled>();
    for (const r of args.resources.filter((x) => x.type === SCALING_TARGET)) {
      const s = scaledBy(r, targets);
      if (s) targets.set(r.urn, s);
    }
    const policies = args.resources.filter((x) => x.type === SCALING_POLICY).map((r) => scaledBy(r, targets)).filter((s): s is Scaled => !!s);
    const standaloneGsis = args.resources.filter((x) => x.type === GSI_RESOURCE);

    for (const table of args.resources.filter((x) => x.type === TABLE)) {
      const mode = str(read(table.props, "billingMode"));
      if (mode === UNKNOWN || (mode !== undefined && mode !== "PROVISIONED")) continue;
      const name = str(read(table.props, "name"));
      const tableName = typeof name === "string" ? name : undefined;
      const indexes: string[] = [];
      const gsis = items(table.props, "globalSecondaryIndexes");
      if (gsis !== UNKNOWN && gsis) for (const g of gsis) { const n = str(read(g, "name")); if (typeof n === "string") indexes.push(n); }
      for (const g of standaloneGsis) {
        const onTable = str(read(g.props, "tableName"));
        const n = str(read(g.props, "indexName"));
        if (typeof n === "string" && ((tableName && onTable === tableName) || dependedOn(g, "tableName", TABLE).some((t) => t.urn === table.urn))) indexes.push(n);
      }
      const needs: Need[] = [undefined, ...indexes].flatMap((index) => (["read", "write"] as Dim[]).map((dim) => ({ index, dim })));
      const noTarget = needs.filter((n) => ![...targets.values()].some((s) => covers(s, tableName, table.urn, n)));
      const noPolicy = needs.filter((n) => !noTarget.includes(n) && !policies.some((s) => covers(s, tableName, table.urn, n)));
      if (noTarget.length === 0 && noPolicy.length === 0) continue;
      const missing = [
        ...(noTarget.length ? [`no scaling target for ${noTarget.map(label).join(", ")}`] : []),
        ...(noPolicy.length ? [`a target but no scaling policy for ${noPolicy.map(label).join(", ")}`] : []),
      ].join("; ");
      const id = `table/${tableName ?? "<name>"}`;
      report(violation(describe(table.type, table.name, table.props), "billingMode", mode ?? "PROVISIONED (provider default)",
        `a provisioned table throttles at its fixed capacity unless auto scaling adjusts it, and it has ${missing}`,
        `for each, add an aws.appautoscaling.Target { serviceNamespace: "dynamodb", resourceId: "${id}" or "${id}/index/<index>", ` +
        `scalableDimension: "dynamodb:table:ReadCapacityUnits" (or index/Write), minCapacity, maxCapacity } and an aws.appautoscaling.Policy ` +
        `{ policyType: "TargetTrackingScaling", predefinedMetricType: "DynamoDBReadCapacityUtilization" (or Write), targetValue: 70 }, ` +
        `and ignoreChanges on the scaled capacities; or use billingMode: "PAY_PER_REQUEST"`), table.urn);
    }
  },
};

// ---- 6. target tracking utilisation ---------------------------------------------------------------

export interface UtilizationConfig {
  minTargetUtilization: number;
  maxTargetUtilization: number;
}
const METRIC = /^DynamoDB(Read|Write)CapacityUtilization$/;
/** DynamoDB's accepted target range, the model's rule (docs/sources.md#capacity-and-auto-scaling). */
const { minTargetUtilization: MIN_TARGET, maxTargetUtilization: MAX_TARGET } = LIMITS;

export const targetUtilization: ResourceValidationPolicy = {
  name: "dynamodb-autoscaling-target-utilization",
  description: `DynamoDB auto scaling policies must be target tracking with a target utilisation within ${MIN_TARGET}-${MAX_TARGET} %.`,
  severity: "medium",
  configSchema: {
    properties: {
      minTargetUtilization: { type: "number", minimum: MIN_TARGET, maximum: MAX_TARGET, default: MIN_TARGET, description: `Lowest accepted targetValue (DynamoDB allows ${MIN_TARGET}).` },
      maxTargetUtilization: { type: "number", minimum: MIN_TARGET, maximum: MAX_TARGET, default: MAX_TARGET, description: `Highest accepted targetValue (DynamoDB allows ${MAX_TARGET}).` },
    },
  },
  remediationSteps: 'Use policyType "TargetTrackingScaling" and a targetValue such as 70.',
  validateResource: (args, report) => {
    if (args.type !== SCALING_POLICY) return;
    const cfg = configOf<UtilizationConfig>(args, { minTargetUtilization: MIN_TARGET, maxTargetUtilization: MAX_TARGET });
    const what = describe(args.type, args.name, args.props);
    const tt = read(args.props, "targetTrackingScalingPolicyConfiguration");
    const metric = str(read(tt, "predefinedMetricSpecification", "predefinedMetricType"));
    const namespace = str(read(args.props, "serviceNamespace"));
    const dimension = str(read(args.props, "scalableDimension"));
    const metricMatch = typeof metric === "string" ? METRIC.exec(metric) : null;
    if (!metricMatch && namespace !== "dynamodb" && !(typeof dimension === "string" && dimension.startsWith("dynamodb:"))) return;

    const type = str(read(args.props, "policyType"));
    if (type !== UNKNOWN && type !== "TargetTrackingScaling") {
      report(violation(what, "policyType", type ?? "StepScaling (provider default)", "DynamoDB auto scaling supports only target tracking",
        'set policyType: "TargetTrackingScaling" with targetTrackingScalingPolicyConfiguration { predefinedMetricSpecification, targetValue: 70 }'));
    }
    if (!metricMatch) return;
    const value = num(read(tt, "targetValue"));
    if (value !== UNKNOWN && (value === undefined || value < cfg.minTargetUtilization || value > cfg.maxTargetUtilization)) {
      report(violation(what, "targetTrackingScalingPolicyConfiguration.targetValue", value,
        `target utilisation must be within ${cfg.minTargetUtilization}-${cfg.maxTargetUtilization} % for ${metricMatch[0]}: lower pays for idle capacity, higher leaves no headroom before throttling`,
        "set targetValue to 70 (the usual default)"));
    }
    const dm = typeof dimension === "string" ? DIMENSION.exec(dimension) : null;
    if (dm && dm[2] !== metricMatch[1]) {
      report(violation(what, "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType", metricMatch[0],
        `it tracks ${metricMatch[1].toLowerCase()} utilisation but scales ${dm[0]}`, `use DynamoDB${dm[2]}CapacityUtilization for ${dm[0]}`));
    }
  },
};

export const scalingPolicies = [provisionedAutoscaling, targetUtilization];
