/**
 * Just enough Terraform evaluation to compare emitted HCL with what Pulumi registered: HashiCorp's
 * parser (hcl2json) turns files into JSON, references inside `${...}` are resolved through a
 * callback, `jsonencode(...)` bodies are re-parsed as HCL, and blocks are mapped to Pulumi's
 * bridged shapes by the rules in docs/sources.md#pulumi, written here independently of the emitter.
 */
import { parseHcl, unescapeJsonString } from "../hcl/tools";
import { PROVIDER_SCHEMA } from "../../terraform/provider-schema";

export type Resolve = (reference: string) => unknown;

/** Repeated blocks per the bridge's rules (docs/sources.md#pulumi); every other block is a single nested object. */
const REPEATED: Record<string, string[]> = {
  aws_dynamodb_table: ["attribute", "global_secondary_index", "local_secondary_index", "replica"],
  global_secondary_index: ["key_schema"],
  aws_s3_bucket_server_side_encryption_configuration: ["rule"],
  aws_cloudwatch_metric_alarm: ["metric_query"],
  filter_criteria: ["filter"],
};
const plural = (name: string) => (name.endsWith("x") ? `${name}es` : name.endsWith("y") ? `${name.slice(0, -1)}ies` : `${name}s`);
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export interface ParsedResource {
  type: string;
  name: string;
  body: Record<string, any>;
}

export async function parseFiles(files: Record<string, string>): Promise<{ resources: ParsedResource[]; json: Record<string, any> }> {
  const resources: ParsedResource[] = [];
  const json: Record<string, any> = {};
  for (const [path, text] of Object.entries(files)) {
    const parsed = await parseHcl(text);
    json[path] = parsed;
    for (const [type, byName] of Object.entries(parsed.resource ?? {})) {
      for (const [name, bodies] of Object.entries(byName as Record<string, any[]>)) resources.push({ type, name, body: bodies[0] });
    }
  }
  return { resources, json };
}

/** Evaluate a template string: `${ref}` parts through `resolve`, `jsonencode(...)` recursively. */
export async function evaluate(value: unknown, resolve: Resolve): Promise<unknown> {
  if (typeof value === "string") {
    const json = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/.exec(value);
    if (json) {
      const parsed = await parseHcl(`doc = ${json[1]}\n`);
      return JSON.stringify(await evaluate(parsed.doc, resolve));
    }
    const whole = /^\$\{\s*([A-Za-z_][\w.-]*)\s*\}$/.exec(value);
    if (whole) return resolve(whole[1]);
    const parts = value.split(/(\$\{[^}]*\})/);
    return parts.map((p) => {
      const ref = /^\$\{([A-Za-z_][\w.-]*)\}$/.exec(p);
      return ref ? String(resolve(ref[1])) : unescapeJsonString(p);
    }).join("");
  }
  if (Array.isArray(value)) return Promise.all(value.map((v) => evaluate(v, resolve)));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await evaluate(v, resolve);
    return out;
  }
  return value;
}

/** HCL resource body (as hcl2json gives it) -> Pulumi input shape, lifecycle split off. */
export function toPulumiShape(type: string, body: Record<string, any>): { inputs: Record<string, any>; lifecycle: Record<string, any> } {
  const convert = (owner: string, object: Record<string, any>, top: boolean): Record<string, any> => {
    const out: Record<string, any> = {};
    for (const [key, value] of Object.entries(object)) {
      if (top && (key === "lifecycle" || key === "count" || key === "depends_on")) continue;
      const repeated = (REPEATED[owner] ?? []).includes(key);
      const isBlockList = Array.isArray(value) && value.length > 0 && value.every((v) => v && typeof v === "object" && !Array.isArray(v)) && key !== "tags";
      if (repeated) out[camel(plural(key))] = value.map((v: Record<string, any>) => convert(key, v, false));
      else if (isBlockList && !isPlainList(key)) out[camel(key)] = convert(key, value[0], false);
      // Where the bridge renamed an argument (alarm_name -> name), the provider schema file says so.
      else out[(top && Object.entries(PROVIDER_SCHEMA.pulumiNames[type] ?? {}).find(([, tf]) => tf === key)?.[0]) || camel(key)] = value;
    }
    return out;
  };
  return { inputs: convert(type, body, true), lifecycle: body.lifecycle?.[0] ?? {} };
}

/** Arguments whose value is a list of objects without being blocks (none in our resources yet). */
function isPlainList(_key: string): boolean {
  return false;
}
