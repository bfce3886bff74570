/**
 * A grant's role given as an ARN. A grant is an inline policy (`aws_iam_role_policy`), which the IAM
 * API attaches by role NAME (PutRolePolicy's RoleName) to a role of the account whose credentials
 * deploy it. An ARN's name alone would land on a same-named role in whichever account deploys, so a
 * grant for `arn:aws:iam::999999999999:role/admin` deployed with account 111111111111's credentials
 * gave 111111111111's `admin` the access. The ARN is therefore kept (GrantSpec.roleArn) and checked
 * against the deploying account and partition in both renderers: Terraform gets a `precondition`
 * (terraform/resource-block.ts), Pulumi an apply on the caller identity (components/render.ts).
 * Cross-account access belongs in the table's resource policy (`resourcePolicy`), which names the
 * other account's principal: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html
 * PutRolePolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
 */

export interface RoleArn { arn: string; partition: string; account: string; name: string }

/** `arn:<partition>:iam::<12 digits>:role/<path/>name` (partitions aws, aws-cn, aws-us-gov, aws-iso...). */
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\x21-\x7e]+\/)*([\w+=,.@-]{1,64})$/;

export function parseRoleArn(role: unknown): RoleArn | undefined {
  if (typeof role !== "string") return undefined;
  const m = ROLE_ARN.exec(role);
  return m ? { arn: role, partition: m[1], account: m[2], name: m[3] } : undefined;
}

/** Why the role ARN cannot receive an inline policy from `account`/`partition`, or undefined when it can. */
export function foreignRoleProblem(role: RoleArn, account: string, partition: string): string | undefined {
  if (role.account === account && role.partition === partition) return undefined;
  const where = [role.account !== account ? `account ${role.account}` : "", role.partition !== partition ? `partition ${role.partition}` : ""].filter(Boolean).join(" and ");
  return `The grant's role ${role.arn} is in ${where}, but this stack deploys to account ${account} in partition ${partition}. ` +
    "A grant is an inline policy attached by role name in the deploying account, so it would reach a different role. " +
    "Give the role of this account, or grant the other account's role through the table's resourcePolicy.";
}

/**
 * What the IAM API's RoleName gets for a role ARN at deploy time: its name when the ARN is in the
 * deploying account and partition; otherwise the ARN itself (never a name that could match another
 * account's role), which PutRolePolicy refuses.
 */
export function roleNameForAccount(role: RoleArn, account: string, partition: string): string {
  return foreignRoleProblem(role, account, partition) ? role.arn : role.name;
}
