/**
 * Provisioned global tables: DynamoDB rejects a replica of a PROVISIONED table whose write capacity is
 * not auto scaled ("ValidationException: Table write capacity should either be Pay-Per-Request or
 * AutoScaled", hashicorp/terraform-provider-aws#13097; aws-cdk#12159 allows PROVISIONED replicas only
 * with write auto scaling). So write auto scaling is required on the table and on every GSI before a
 * deployment is attempted.
 */
import type { TableArgs } from "../types";
import { ProblemList } from "../errors";

export function validateProvisionedReplicas(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  if (args.billingMode !== "PROVISIONED" || !Array.isArray(args.replicas) || args.replicas.length === 0) return;
  const why = "is required for a PROVISIONED table with replicas: DynamoDB rejects the replica otherwise (\"Table write capacity should either be Pay-Per-Request or AutoScaled\")";
  if (!args.autoscaling?.write) {
    problems.add(`${where}.autoscaling.write`, args.autoscaling?.write, why, `add autoscaling: { write: { min: ${args.writeCapacity ?? 5}, max: ... } }, or use billingMode "PAY_PER_REQUEST"`);
  }
  (Array.isArray(args.globalSecondaryIndexes) ? args.globalSecondaryIndexes : []).forEach((g, i) => {
    if (g && typeof g === "object" && !g.autoscaling?.write) {
      problems.add(`${where}.globalSecondaryIndexes[${i}] (${JSON.stringify(g.name)}).autoscaling.write`, g.autoscaling?.write, why,
        `add autoscaling: { write: { min: ${g.writeCapacity ?? 5}, max: ... } } to the index, or use billingMode "PAY_PER_REQUEST"`);
    }
  });
}
