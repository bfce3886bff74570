/**
 * Auto scaling in every replica region of a provisioned global table. Application Auto Scaling is
 * regional: a target for `table/NAME` in the table's region scales only that replica, so each replica
 * region gets the same targets and policies as the table (table and each GSI, each scaled dimension),
 * as the provider's users do by hand (hashicorp/terraform-provider-aws#13208). They are placed with the
 * resource-level `region` argument of provider 6 / @pulumi/aws 7 rather than one provider per region.
 */
import type { ScalingPlan, TableSpec } from "../types";
import type { PlannedResource } from "../resources";

/** Roles of the replica regions' targets and policies (created at the root in the module layout). */
export const REPLICA_SCALING_ROLES = ["replicaScalingTarget", "replicaScalingPolicy"];

/** model/plan-table.ts's target + policy planner (passed in: plan-table imports this file). */
type PairPlanner = (spec: TableSpec<unknown>, table: PlannedResource, plan: ScalingPlan, index: string | undefined, region: string) => PlannedResource[];

export function planReplicaScaling(spec: TableSpec<unknown>, table: PlannedResource, scalingPair: PairPlanner): PlannedResource[] {
  if (spec.billingMode !== "PROVISIONED") return [];
  const out: PlannedResource[] = [];
  for (const { region } of spec.replicas) {
    const pairs = [
      ...spec.scaling.flatMap((plan) => scalingPair(spec, table, plan, undefined, region)),
      ...spec.globalSecondaryIndexes.flatMap((g) => g.scaling.flatMap((plan) => scalingPair(spec, table, plan, g.name, region))),
    ];
    out.push(...pairs.map((r) => ({ ...r, role: r.role === "scalingTarget" ? "replicaScalingTarget" as const : "replicaScalingPolicy" as const })));
  }
  return out;
}
