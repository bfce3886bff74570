/**
 * Test helpers for grants: a planned policy with its references replaced by concrete values (what
 * AWS would see after deployment), written independently of both renderers.
 */
import { Value, isConcat, isDataRef, isJsonDoc, isRef } from "../../model/resources";
import type { PolicyDocument } from "../../model/grants/evaluate";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

export interface Concrete {
  /** `<resource name>.<attribute>` -> value */
  refs: Record<string, string>;
  region?: string;
}

export function concrete(value: Value | unknown, c: Concrete): unknown {
  if (isRef(value)) {
    const key = `${value.$ref}.${value.attribute}`;
    if (!(key in c.refs)) throw new Error(`test: no concrete value for ${key}`);
    return c.refs[key];
  }
  if (isDataRef(value)) return { accountId: ACCOUNT, partition: "aws", region: c.region ?? REGION }[value.$data];
  if (isConcat(value)) return value.$concat.map((p) => concrete(p, c)).join("");
  if (isJsonDoc(value)) return concrete(value.$json, c);
  if (Array.isArray(value)) return value.map((v) => concrete(v, c));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, concrete(v, c)]));
  return value;
}

/** The refs of a table named `name` (component and physical) in us-east-1, as the mocks report them. */
export function tableRefs(component: string, tableName: string, key?: string): Record<string, string> {
  const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${tableName}`;
  return {
    [`${component}.arn`]: arn,
    [`${component}.name`]: tableName,
    [`${component}.streamArn`]: `${arn}/stream/2026-11-23T00:00:00.000`,
    ...(key ? { [`${component}-key.arn`]: key } : {}),
  };
}

export const asDocument = (policy: unknown) => policy as PolicyDocument;
