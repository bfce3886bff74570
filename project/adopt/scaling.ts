/**
 * Application Auto Scaling targets and policies -> the blueprint's `autoscaling` args. Shapes follow the
 * Application Auto Scaling API (DescribeScalableTargets / DescribeScalingPolicies); the Terraform state
 * reader converts its attributes to them, so both sources share this one mapping.
 *
 * The blueprint can express target tracking on the predefined DynamoDB utilisation metrics, one policy
 * per scaled dimension, cooldowns shared by read and write. Anything else (step scaling, custom metrics,
 * disabled scale-in, a target without a policy) is listed as not adopted rather than approximated.
 */
import type { AutoscalingArgs, ScalingRange } from "../../model/types";
import type { NotAdopted } from "./types";

export interface ScalableTargetLike {
  ServiceNamespace?: string;
  ResourceId?: string;
  ScalableDimension?: string;
  MinCapacity?: number;
  MaxCapacity?: number;
}

export interface ScalingPolicyLike {
  PolicyName?: string;
  ServiceNamespace?: string;
  ResourceId?: string;
  ScalableDimension?: string;
  PolicyType?: string;
  TargetTrackingScalingPolicyConfiguration?: {
    TargetValue?: number;
    PredefinedMetricSpecification?: { PredefinedMetricType?: string; ResourceLabel?: string };
    CustomizedMetricSpecification?: unknown;
    ScaleOutCooldown?: number;
    ScaleInCooldown?: number;
    DisableScaleIn?: boolean;
  };
}

const METRIC = { read: "DynamoDBReadCapacityUtilization", write: "DynamoDBWriteCapacityUtilization" } as const;

export interface AdoptedScaling {
  /** The table's own autoscaling, if any. */
  table?: AutoscalingArgs;
  /** Per GSI name. */
  indexes: Map<string, AutoscalingArgs>;
  notAdopted: NotAdopted[];
}

/** `table/orders` -> { index: undefined }, `table/orders/index/ByCustomer` -> { index: "ByCustomer" }. */
function owner(resourceId: string | undefined, tableName: string): { index?: string } | undefined {
  if (resourceId === `table/${tableName}`) return {};
  const prefix = `table/${tableName}/index/`;
  return resourceId?.startsWith(prefix) ? { index: resourceId.slice(prefix.length) } : undefined;
}

function dimensionOf(scalableDimension: string | undefined, index: boolean): "read" | "write" | undefined {
  const kind = index ? "index" : "table";
  if (scalableDimension === `dynamodb:${kind}:ReadCapacityUnits`) return "read";
  if (scalableDimension === `dynamodb:${kind}:WriteCapacityUnits`) return "write";
  return undefined;
}

/** Only targets and policies of `tableName` (and its indexes) are looked at; others are ignored. */
export function adoptScaling(tableName: string, targets: ScalableTargetLike[], policies: ScalingPolicyLike[]): AdoptedScaling {
  const result: AdoptedScaling = { indexes: new Map(), notAdopted: [] };
  for (const target of targets) {
    if (target.ServiceNamespace !== "dynamodb") continue;
    const own = owner(target.ResourceId, tableName);
    if (!own) continue;
    const dimension = dimensionOf(target.ScalableDimension, own.index !== undefined);
    const label = `scaling target ${target.ResourceId} ${target.ScalableDimension}`;
    if (!dimension) {
      result.notAdopted.push({ what: label, why: "unknown scalable dimension" });
      continue;
    }
    const mine = policies.filter((p) => p.ServiceNamespace === "dynamodb" && p.ResourceId === target.ResourceId &&
      p.ScalableDimension === target.ScalableDimension);
    const tracking = mine.filter((p) => p.PolicyType === "TargetTrackingScaling" &&
      p.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType === METRIC[dimension] &&
      !p.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel &&
      !p.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification &&
      p.TargetTrackingScalingPolicyConfiguration.DisableScaleIn !== true);
    for (const other of mine.filter((p) => !tracking.includes(p))) {
      result.notAdopted.push({ what: `scaling policy ${other.PolicyName} (${other.PolicyType})`,
        why: `the blueprint only expresses target tracking on ${METRIC[dimension]} with scale-in enabled; the policy stays as it is, unmanaged` });
    }
    if (tracking.length !== 1) {
      result.notAdopted.push({ what: label, why: tracking.length === 0
        ? "it has no target-tracking policy the blueprint can express; it stays as it is, unmanaged"
        : `it has ${tracking.length} target-tracking policies and the blueprint manages one; they stay as they are, unmanaged` });
      for (const extra of tracking.length > 1 ? tracking : []) result.notAdopted.push({ what: `scaling policy ${extra.PolicyName}`, why: "see its target" });
      continue;
    }
    const policy = tracking[0];
    const config = policy.TargetTrackingScalingPolicyConfiguration!;
    const range: ScalingRange = { min: target.MinCapacity!, max: target.MaxCapacity!, targetUtilization: config.TargetValue, policyName: policy.PolicyName };
    const existing = own.index === undefined ? result.table : result.indexes.get(own.index);
    const scaling: AutoscalingArgs = existing ?? {
      scaleInCooldown: config.ScaleInCooldown ?? 0,
      scaleOutCooldown: config.ScaleOutCooldown ?? 0,
      importExisting: true,
    };
    if (existing && (existing.scaleInCooldown !== (config.ScaleInCooldown ?? 0) || existing.scaleOutCooldown !== (config.ScaleOutCooldown ?? 0))) {
      // One cooldown pair per table or index in the blueprint: a second, different pair would be a diff.
      result.notAdopted.push({ what: `scaling policy ${policy.PolicyName}`,
        why: `its cooldowns (in ${config.ScaleInCooldown ?? 0} s, out ${config.ScaleOutCooldown ?? 0} s) differ from the other dimension's, and the blueprint shares one pair; importing would change them` });
    }
    scaling[dimension] = range;
    if (own.index === undefined) result.table = scaling;
    else result.indexes.set(own.index, scaling);
  }
  return result;
}
