/**
 * The feature registry's entry: one per argument or block the renderers can write (scalar or
 * structural), and one per Terraform language construct they use. Each entry answers, in one place:
 *   - `provider`: the first hashicorp/aws version that accepts it, with the CHANGELOG reference;
 *     arguments older than the supported major (6.x) say so and carry the major's first release;
 *   - `terraform`: the first Terraform version, for language features (blocks, functions, backend);
 *   - `region`: where it acts (the table's Region, a replica's Region, global, or no Region at all);
 *   - `rules`: the AWS rules it takes part in (ids of model/aws-rules.ts, each with its AWS page);
 *   - `adopt`: where adopt reads it back (AWS API member and Terraform state attribute), or why not;
 *   - `local`: whether the local emulator (dynalite) shows it.
 * terraform/version-floors.ts takes versions.tf's floors from these entries for exactly the paths the
 * emitted files contain; tests/model/feature-registry.test.ts and tests/terraform/emitted-paths.test.ts
 * make every column required and every emitted path covered.
 */

/** The supported provider major's first release: arguments that existed before it need nothing newer. */
export const PROVIDER_BASELINE = "6.0.0";
/** The oldest Terraform the generated files target (the 1.x compatibility promise). */
export const TERRAFORM_BASELINE = "1.0.0";

export interface Since { version: string; source: string }

/**
 * - `table`: follows the table's `region` (the provider's Region when unset);
 * - `replica`: names or lives in a replica's (or the witness's) Region;
 * - `global`: not Regional (IAM);
 * - `none`: a language construct or a backend setting, with no AWS Region of its own.
 */
export type RegionBehaviour = "table" | "replica" | "global" | "none";

export type AdoptReadBack =
  /** `api`: "<Service> <Operation>: <member path>"; `state`: the tfstate attribute path (`[]` marks a repeated block). */
  | { api: string; state: string }
  /** Why adopt does not read it (the blueprint derives it, or no API returns it). */
  | { notRead: string };

export type LocalEmulation = { emulated: true } | { notEmulated: string };

export interface FeatureEntry {
  /** `aws_dynamodb_table.replica.consistency_mode`, `data.aws_region`, `terraform.backend.s3.use_lockfile`, `function.optional`. */
  path: string;
  provider?: Since;
  terraform?: Since;
  /** A block the emitter may write as `dynamic "<name>"`, when that needs a newer provider than the block itself. */
  dynamic?: Since;
  region: RegionBehaviour;
  rules: readonly string[];
  adopt: AdoptReadBack;
  local: LocalEmulation;
}

/** Present in the provider before its 6.x major: the floor is the major itself. */
export const preV6 = (what = "the argument"): Since => ({
  version: PROVIDER_BASELINE,
  source: `${what} predates hashicorp/aws 6.0.0 (CHANGELOG 6.0.0 is the supported major's first release)`,
});
/** A hashicorp/aws CHANGELOG entry: version and pull request. */
export const changelog = (version: string, pr: number): Since => ({
  version, source: `hashicorp/aws CHANGELOG ${version} (#${pr}, https://github.com/hashicorp/terraform-provider-aws/pull/${pr})`,
});
/** hashicorp/aws 6.0.0's Region-per-resource support ("Enhanced Region Support", v6 upgrade guide). */
export const REGION_ARGUMENT: Since = {
  version: "6.0.0",
  source: "hashicorp/aws CHANGELOG 6.0.0: `region` argument on every Regional resource (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/enhanced-region-support)",
};
export const terraformSince = (version: string, what: string): Since => ({
  version, source: `Terraform ${version} CHANGELOG (https://github.com/hashicorp/terraform/blob/v${version.replace(/\.\d+$/, "")}/CHANGELOG.md): ${what}`,
});

export const EMULATED: LocalEmulation = { emulated: true };
export const notEmulated = (why: string): LocalEmulation => ({ notEmulated: why });
export const NOT_LOCAL = notEmulated("not a DynamoDB table setting: `local` creates tables only");
