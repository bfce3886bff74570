/**
 * The model's plan values as HCL expressions: references become traversals, interpolations become
 * templates, JSON documents `jsonencode(...)`, and caller facts `data.*` lookups. Every string goes
 * through the HCL printer's one escaper; nothing here builds HCL text.
 */
import * as hcl from "../hcl";
import { DataRef, PlannedResource, Value, isConcat, isDataRef, isJsonDoc, isRef, isRoleArnRef, snakeCase } from "../model/resources";
import { parseRoleArn } from "../model/grants/role-arn";
import { inputExpr, isInputRef } from "./foreign-inputs";

/** The data source each caller fact needs, and the attribute that holds it. */
export const DATA_SOURCES: Record<DataRef["$data"], { type: string; attribute: string }> = {
  accountId: { type: "aws_caller_identity", attribute: "account_id" },
  partition: { type: "aws_partition", attribute: "partition" },
  region: { type: "aws_region", attribute: "region" },
};

export interface ExprContext {
  /** A planned resource's attribute as a Terraform expression (`aws_kms_key.orders.arn`). */
  reference(resourceName: string, attribute: string): hcl.Expr;
  /** Records a data source as used, so the caller can declare it. */
  useData(kind: DataRef["$data"]): void;
}

/** A context that resolves references among a fixed list of planned resources. */
export function planContext(resources: PlannedResource[], used: Set<DataRef["$data"]>): ExprContext {
  const byName = new Map(resources.map((r) => [r.name, r]));
  return {
    reference(name, attribute) {
      const target = byName.get(name);
      if (!target) throw new Error(`internal: reference to unplanned resource ${name}`);
      return hcl.traversal(target.type, target.tfName, snakeCase(attribute));
    },
    useData: (kind) => used.add(kind),
  };
}

export function toExpr(value: Value | unknown, ctx: ExprContext): hcl.Expr {
  if (isRef(value)) return ctx.reference(value.$ref, value.attribute);
  // A value from another Pulumi resource: the root module's variable (terraform/foreign-inputs.ts).
  if (isInputRef(value)) return inputExpr(value);
  if (isDataRef(value)) {
    ctx.useData(value.$data);
    const source = DATA_SOURCES[value.$data];
    return hcl.traversal("data", source.type, "current", source.attribute);
  }
  if (isConcat(value)) {
    return hcl.template(...value.$concat.map((part) => (typeof part === "string" ? part : toExpr(part, ctx))));
  }
  if (isJsonDoc(value)) return hcl.call("jsonencode", toExpr(value.$json, ctx));
  // The IAM API takes the role's name; the resource's precondition (resource-block.ts) holds it to the ARN's account.
  if (isRoleArnRef(value)) return hcl.str(parseRoleArn(value.$roleArn)!.name);
  if (value === null) return hcl.nul();
  if (typeof value === "string") return hcl.str(value);
  if (typeof value === "number") return hcl.num(value);
  if (typeof value === "boolean") return hcl.bool(value);
  if (Array.isArray(value)) return hcl.list(...value.map((v) => toExpr(v, ctx)));
  if (typeof value === "object") {
    // Map keys are user data (tag names, policy condition keys): kept verbatim, quoted by the printer.
    const items: hcl.ObjectItem[] = [];
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) items.push(hcl.item(k, toExpr(v, ctx)));
    }
    return hcl.obj(items);
  }
  throw new Error(`internal: cannot render ${typeof value} as HCL`);
}
