/**
 * The table's and the stream's resource-based policies as table arguments (validation) and as
 * planned `aws_dynamodb_resource_policy` resources, which both renderers create beside the table
 * (in the module layout at the root, reading the module's ARN outputs, like alarms and grants).
 */
import type { TableArgs, TableSpec } from "../types";
import { ProblemList } from "../errors";
import { PlannedResource, Value, ref, terraformName } from "../resources";
import { checkResourcePolicy, parseResourcePolicy } from "./policy";

export const RESOURCE_POLICY_ROLE = "resourcePolicy";
export const STREAM_RESOURCE_POLICY_ROLE = "streamResourcePolicy";

export function validateResourcePolicies(problems: ProblemList, where: string, args: TableArgs<unknown>): void {
  checkResourcePolicy(problems, `${where}.resourcePolicy`, args.resourcePolicy, false);
  checkResourcePolicy(problems, `${where}.streamResourcePolicy`, args.streamResourcePolicy, true);
  if (args.streamResourcePolicy !== undefined && !args.streamViewType) {
    problems.add(`${where}.streamResourcePolicy`, "(a policy)", "needs the table's stream", `set streamViewType, e.g. "NEW_AND_OLD_IMAGES"`);
  }
}

/** Plain JSON text becomes a document both renderers print (jsonencode / jsonStringify); an Output passes through. */
function policyValue(policy: unknown): Value {
  if (typeof policy !== "string") return policy as Value;
  return { $json: parseResourcePolicy(policy) as unknown as Value };
}

export function planResourcePolicies(spec: TableSpec<unknown>, table: PlannedResource): PlannedResource[] {
  const plain = { protect: false, retainOnDelete: false, ignoreChanges: [] as string[] };
  const out: PlannedResource[] = [];
  if (spec.resourcePolicy !== undefined) {
    out.push({
      type: "aws_dynamodb_resource_policy", name: `${spec.name}-resource-policy`, tfName: terraformName(spec.name), role: RESOURCE_POLICY_ROLE,
      comment: `Resource-based policy of table ${spec.tableName}.`,
      args: { resourceArn: ref(table, "arn"), policy: policyValue(spec.resourcePolicy) },
      options: plain,
    });
  }
  if (spec.streamResourcePolicy !== undefined) {
    out.push({
      type: "aws_dynamodb_resource_policy", name: `${spec.name}-stream-resource-policy`, tfName: terraformName(`${spec.name}_stream`), role: STREAM_RESOURCE_POLICY_ROLE,
      comment: `Resource-based policy of the stream of table ${spec.tableName}.`,
      args: { resourceArn: ref(table, "streamArn"), policy: policyValue(spec.streamResourcePolicy) },
      options: plain,
    });
  }
  return out;
}
