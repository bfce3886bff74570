/**
 * What an adoption imports, per resource: the Pulumi type, logical name and import id (from the very
 * plan the components render, so the list cannot drift from what `pulumi up` registers), and Pulumi's
 * bulk-import file (`pulumi import --file`, Pulumi >= 3.94: parents named in the same file).
 */
import { RESOURCE_TYPES } from "../../model/resources";
import { planBlueprint } from "../../model/stack";
import { resolveDeclaration } from "../reference-stack";
import type { TableBlueprint } from "../../model/blueprints";
import type { Adoption } from "./types";

export interface ImportEntry {
  /** Pulumi type token, e.g. `aws:dynamodb/table:Table`. */
  type: string;
  /** Pulumi logical name (the component's child name). */
  name: string;
  /** Import id (the same string Terraform's `import { id = ... }` takes for this resource type). */
  id: string;
  /** Terraform resource type. */
  terraformType: string;
  /** The component that owns it; absent for a key adopted next to the component. */
  parent?: string;
}

/** Validates the declaration (throws BlueprintValidationError) and returns its blueprint. */
export function blueprintOf(adoption: Adoption): TableBlueprint {
  return resolveDeclaration(adoption.declaration) as TableBlueprint;
}

export function importsOf(adoption: Adoption): ImportEntry[] {
  const entries: ImportEntry[] = [];
  if (adoption.kmsKey) {
    entries.push({ type: RESOURCE_TYPES.aws_kms_key.pulumiType, name: adoption.kmsKey.name, id: adoption.kmsKey.keyId, terraformType: "aws_kms_key" });
  }
  for (const r of planBlueprint(blueprintOf(adoption))) {
    if (r.options.importId) {
      entries.push({ type: RESOURCE_TYPES[r.type].pulumiType, name: r.name, id: r.options.importId, terraformType: r.type, parent: adoption.declaration.name });
    }
  }
  return entries;
}

export interface PulumiImportFile {
  resources: { type: string; name: string; id?: string; parent?: string; component?: boolean }[];
}

/** The JSON `pulumi import --file` reads: each component (created empty) and its children, by name. */
export function pulumiImportFile(adoptions: Adoption[], packageName = "dynamodb-blueprints"): PulumiImportFile {
  const resources: PulumiImportFile["resources"] = [];
  for (const adoption of adoptions) {
    resources.push({ type: `${packageName}:index:${adoption.declaration.kind}`, name: adoption.declaration.name, component: true });
    for (const e of importsOf(adoption)) {
      resources.push({ type: e.type, name: e.name, id: e.id, ...(e.parent ? { parent: e.parent } : {}) });
    }
  }
  return { resources };
}
