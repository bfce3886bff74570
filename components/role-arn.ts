/**
 * A grant's role ARN at deploy time under Pulumi (model/grants/role-arn.ts says why): the RolePolicy's
 * `role` is the role's name only when the caller identity is in the ARN's account and partition.
 * Otherwise `pulumi up` stops with the model's message before the policy is created; a preview (and a
 * run under mocks, whose account is made up) shows the ARN itself, never a name that another account's
 * role could match.
 */
import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { RoleArn, foreignRoleProblem, parseRoleArn, roleNameForAccount } from "../model/grants/role-arn";

export interface Caller { accountId: pulumi.Output<string>; partition: pulumi.Output<string> }

export function deployedRoleName(role: RoleArn, caller: Caller): pulumi.Output<string> {
  return pulumi.all([caller.accountId, caller.partition]).apply(([account, partition]) => {
    const problem = foreignRoleProblem(role, account, partition);
    if (problem && !pulumi.runtime.isDryRun()) throw new Error(problem);
    return roleNameForAccount(role, account, partition);
  });
}

/** A role given as an Output (e.g. another stack's role ARN): names pass through, ARNs are checked as above. */
export function roleInputFromOutput(role: pulumi.Input<string>, parent?: pulumi.Resource): pulumi.Output<string> {
  return pulumi.output(role).apply((value) => {
    const arn = parseRoleArn(value);
    if (!arn) return pulumi.output(value);
    const opts = parent ? { parent } : {};
    return deployedRoleName(arn, { accountId: getCallerIdentityOutput({}, opts).accountId, partition: getPartitionOutput({}, opts).partition });
  });
}
