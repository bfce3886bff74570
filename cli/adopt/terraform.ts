/**
 * The Terraform side of an adoption: the emitter's own output (flat layout, `toTerraform`) for the
 * adopted blueprints, whose resources carry `import {}` blocks, plus a resource and import block for each
 * adopted customer-managed key (the blueprint references that key by ARN rather than creating one).
 * The flat layout is printed because its addresses are the resources themselves; `toTerraform`'s
 * module layout imports the same objects at the module's addresses (tests/terraform/module-imports.test.ts).
 */
import * as hcl from "../../hcl";
import { toTerraform, TerraformFiles } from "../../terraform/to-terraform";
import { resourceItems } from "../../terraform/resource-block";
import { planContext } from "../../terraform/expressions";
import { header } from "../../terraform/common";
import { PlannedResource, Value, terraformName } from "../../model/resources";
import { blueprintOf } from "../../project/adopt/imports";
import type { Adoption } from "../../project/adopt/types";

export const KEYS_FILE = "adopted_kms_keys.tf";

function keyResource(adoption: Adoption): PlannedResource {
  const key = adoption.kmsKey!;
  return {
    type: "aws_kms_key", name: key.name, tfName: terraformName(key.name), role: "kmsKey",
    args: key.args as Record<string, Value>,
    comment: `Customer-managed key of ${adoption.declaration.kind} "${adoption.declaration.name}", adopted as it is.`,
    options: { protect: true, retainOnDelete: false, ignoreChanges: [], importId: key.keyId },
  };
}

export async function adoptionTerraform(adoptions: Adoption[], region?: string): Promise<TerraformFiles> {
  const files = await toTerraform(adoptions.map(blueprintOf), { layout: "flat", ...(region ? { region } : {}) });
  const keys = adoptions.filter((a) => a.kmsKey).map(keyResource);
  if (keys.length > 0) {
    const ctx = planContext(keys, new Set());
    files[KEYS_FILE] = hcl.printFile(keys.flatMap((k) => resourceItems(k, ctx)), { header: header(undefined, "flat") });
  }
  return files;
}

/** Every `import { ... }` block of the files, in file order: what the user adds to adopt. */
export function importBlocks(files: TerraformFiles): string[] {
  const blocks: string[] = [];
  for (const path of Object.keys(files).sort()) {
    for (const match of files[path].matchAll(/^import \{\n(?:  .*\n)*?\}\n/gm)) blocks.push(match[0].trimEnd());
  }
  return blocks;
}
