/**
 * Grants on the table components, CDK style: `table.grantReadData(role)` adds an inline policy
 * (`aws.iam.RolePolicy`) with the narrowest permissions the model plans for that access. The
 * principal is an `aws.iam.Role`, or a role name or ARN (any Input). The grant is also recorded in
 * the component's blueprint, so `toTerraform` emits the same policy.
 */
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import type { TableBlueprint } from "../model/blueprints";
import { ProblemList } from "../model/errors";
import { planTable } from "../model/plan-table";
import { planGrant } from "../model/grants/plan";
import { roleNameOf, resolveGrants, validateGrants } from "../model/grants/validate";
import type { AccessLevel, GrantSpec } from "../model/grants/types";
import { Rendered, renderPlan } from "./render";
import { roleInputFromOutput } from "./role-arn";
import { reconcileTable } from "./transformations";

/** Who receives a grant: a role resource, or a role name or ARN. */
export type GrantPrincipal = iam.Role | pulumi.Input<string>;

/** Options of a grant call. */
export interface GrantOptions {
  /** Distinguishes grants on one table (letters, digits, _ - .). Default `<role name>-<access>`. */
  name?: string;
  /** Allow `*` in actions and actions that only work on Resource "*". Default false. */
  allowWildcard?: boolean;
}

/** What the grant methods need from a component: its blueprint and its rendered children. */
const RENDERED = new WeakMap<object, Rendered>();
export function rememberChildren(component: object, children: Rendered): void {
  RENDERED.set(component, children);
}

/**
 * A role as the blueprint records it: a role resource's name, a string as given (an ARN string is kept
 * in the grant's `roleArn` and checked against the deploying account when rendered), and an Output
 * checked the same way once it resolves (components/role-arn.ts): never an ARN reduced to a bare name.
 */
export function roleNameInput(role: GrantPrincipal): pulumi.Input<string> {
  if (role instanceof iam.Role) return role.name;
  if (typeof role === "string") return roleNameOf(role) ?? role;
  return roleInputFromOutput(role);
}

/** Grants given as component args may hold role Outputs: an ARN among them is checked against the deploying account (roleNameInput). */
export function normalizeGrantRoles(blueprint: TableBlueprint<pulumi.Input<string>>): void {
  for (const g of blueprint.table.grants) g.role = roleNameInput(g.role);
}

/** Validate, record in the blueprint, plan and render one grant under `component`. */
export function addGrant(component: pulumi.ComponentResource, blueprint: TableBlueprint<pulumi.Input<string>>,
  role: GrantPrincipal, access: AccessLevel, actions: string[] | undefined, options: GrantOptions = {}): iam.RolePolicy {
  const where = `${blueprint.kind} "${blueprint.name}" grant`;
  const problems = new ProblemList();
  const given = role instanceof iam.Role ? role.name : role;
  const args = { role: given, access, ...(actions ? { actions } : {}), ...options };
  validateGrants(problems, where, [args], blueprint.table.streamViewType !== undefined);
  problems.throwIfAny(where);
  const [grant] = resolveGrants(problems, where, [args], undefined) as GrantSpec<pulumi.Input<string>>[];
  if (blueprint.table.grants.some((g) => g.name === grant.name)) {
    problems.add(`${where}.name`, grant.name, "is used by another grant of this table", "pass { name: \"...\" } to tell them apart");
  }
  problems.throwIfAny(where);
  grant.role = roleNameInput(role);
  const planned = planTable(blueprint.table);
  const table = planned.find((r) => r.role === "table")!;
  const key = planned.find((r) => r.role === "kmsKey");
  const resource = planGrant(blueprint.table, grant, table, key);
  blueprint.table.grants.push(grant);
  const children = RENDERED.get(component)!;
  const policy = renderPlan([resource], component, children).get(resource.name) as iam.RolePolicy;
  reconcileTable(component); // a transformation may change the new policy too
  return policy;
}

/** The grant methods every table component has. */
export interface TableGrants {
  /** Item reads (GetItem, BatchGetItem, Query, Scan on the table and its indexes; KMS decrypt on a customer-managed key). */
  grantReadData(role: GrantPrincipal, options?: GrantOptions): iam.RolePolicy;
  /** Item writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem; KMS on a customer-managed key). */
  grantWriteData(role: GrantPrincipal, options?: GrantOptions): iam.RolePolicy;
  /** Item reads and writes. */
  grantReadWriteData(role: GrantPrincipal, options?: GrantOptions): iam.RolePolicy;
  /** Reading the table's stream (DescribeStream, GetShardIterator, GetRecords). */
  grantStreamRead(role: GrantPrincipal, options?: GrantOptions): iam.RolePolicy;
  /** A list of DynamoDB actions, each scoped to the resources it applies to. */
  grant(role: GrantPrincipal, actions: string[], options?: GrantOptions): iam.RolePolicy;
}

type Component = pulumi.ComponentResource & { readonly blueprint: TableBlueprint<pulumi.Input<string>> };

/** Installs the grant methods on a component class's prototype (the classes declare them by interface merging). */
export function installGrantMethods(cls: { prototype: object }): void {
  const methods: TableGrants & ThisType<Component> = {
    grantReadData(role, options) { return addGrant(this as Component, (this as Component).blueprint, role, "read", undefined, options); },
    grantWriteData(role, options) { return addGrant(this as Component, (this as Component).blueprint, role, "write", undefined, options); },
    grantReadWriteData(role, options) { return addGrant(this as Component, (this as Component).blueprint, role, "readWrite", undefined, options); },
    grantStreamRead(role, options) { return addGrant(this as Component, (this as Component).blueprint, role, "streamRead", undefined, options); },
    grant(role, actions, options) { return addGrant(this as Component, (this as Component).blueprint, role, "custom", actions, options); },
  };
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(cls.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
}
