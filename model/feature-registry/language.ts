/**
 * Terraform language constructs the emitted files use, with the first Terraform release that accepts
 * each (Terraform CHANGELOG). Paths: `block.<type>` for top-level blocks, `block.<type>.<argument>`
 * for their arguments, `meta.<argument>` for resource meta-arguments, `function.<name>`, the special
 * `variable.validation.cross-reference` (a condition naming another variable) and
 * `terraform.backend.s3.<argument>` for the state backend.
 */
import type { AwsRuleId } from "../aws-rules";
import { FeatureEntry, NOT_LOCAL, TERRAFORM_BASELINE, terraformSince } from "./types";

const BASE = { version: TERRAFORM_BASELINE, source: `Terraform ${TERRAFORM_BASELINE} (the 1.x compatibility promise)` };
function lang(path: string, terraform = BASE, rules: AwsRuleId[] = []): FeatureEntry {
  return { path, terraform, region: "none", rules, adopt: { notRead: "a Terraform language construct, not an AWS setting" }, local: NOT_LOCAL };
}

export const LANGUAGE_ENTRIES: FeatureEntry[] = [
  ...["resource", "data", "variable", "output", "locals", "module", "provider", "terraform"].map((b) => lang(`block.${b}`)),
  lang("block.moved", terraformSince("1.1.0", "moved blocks")),
  lang("block.moved.from", terraformSince("1.1.0", "moved blocks")),
  lang("block.moved.to", terraformSince("1.1.0", "moved blocks")),
  lang("block.import", terraformSince("1.5.0", "import blocks")),
  lang("block.import.to", terraformSince("1.5.0", "import blocks")),
  lang("block.import.id", terraformSince("1.5.0", "import blocks")),
  lang("block.import.for_each", terraformSince("1.7.0", "import blocks with for_each")),
  lang("block.removed", terraformSince("1.7.0", "removed blocks")),
  lang("block.removed.from", terraformSince("1.7.0", "removed blocks")),
  lang("block.removed.lifecycle", terraformSince("1.7.0", "removed blocks")),
  lang("block.removed.lifecycle.destroy", terraformSince("1.7.0", "removed blocks")),
  ...["type", "default", "description", "nullable", "sensitive", "validation", "validation.condition", "validation.error_message"].map((a) => lang(`block.variable.${a}`)),
  lang("variable.validation.cross-reference", terraformSince("1.9.0", "input variable validation conditions may refer to other variables")),
  ...["value", "description", "sensitive"].map((a) => lang(`block.output.${a}`)),
  // Preconditions (the lean module's variant guard on an output, terraform/module.ts) and on resources.
  ...["block.output.precondition", "meta.lifecycle.precondition", "meta.lifecycle.postcondition"].flatMap((b) =>
    ["", ".condition", ".error_message"].map((a) => lang(`${b}${a}`, terraformSince("1.2.0", "preconditions and postconditions")))),
  ...["source", "count", "for_each", "depends_on", "providers"].map((a) => lang(`block.module.${a}`)),
  lang("block.provider.region"),
  lang("block.terraform.required_version"),
  lang("block.terraform.required_providers"),
  lang("block.terraform.required_providers.aws"),
  lang("block.terraform.backend"),
  ...["count", "for_each", "depends_on", "provider", "lifecycle", "lifecycle.prevent_destroy", "lifecycle.ignore_changes", "lifecycle.create_before_destroy"]
    .map((a) => lang(`meta.${a}`)),
  // The S3 backend (terraform/common.ts backendFile).
  ...["bucket", "key", "region", "encrypt", "dynamodb_table"].map((a) => lang(`terraform.backend.s3.${a}`, BASE, ["s3.state-bucket"])),
  // 1.10.0 accepted use_lockfile as an experimental feature; 1.11.0 made S3-native locking generally
  // available. A production state backend should not rest on an experiment (and backend.tf's own
  // comment, README and the checklist already say Terraform >= 1.11), so the floor is the GA release.
  lang("terraform.backend.s3.use_lockfile", terraformSince("1.11.0", "S3 backend use_lockfile, S3-native state locking generally available (experimental in 1.10.0)")),
  // Functions and type constraints. optional() (object attributes) arrived in 1.3.0, with defaults.
  ...["alltrue", "anytrue", "can", "coalesce", "concat", "contains", "distinct", "jsonencode", "length", "one", "regex", "try", "lookup", "keys", "values",
    "merge", "tolist", "toset", "flatten", "compact", "format", "join", "list", "map", "object", "set", "tuple"].map((f) => lang(`function.${f}`)),
  lang("function.optional", terraformSince("1.3.0", "optional object type attributes, with defaults")),
];
