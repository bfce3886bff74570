/**
 * The feature registry (model/feature-registry/): no entry can skip a column, the AWS rules it names
 * exist with their AWS page, the model's own argument lists (field table, resource types) all have
 * entries, and the versions of the newer features agree with the hashicorp/aws CHANGELOG entries
 * typed below from the CHANGELOG itself (a registry version lowered or raised fails here).
 */
import * as assert from "assert";
import { FEATURE_REGISTRY, featureEntry } from "../../model/feature-registry";
import { AWS_RULES } from "../../model/aws-rules";
import { TABLE_FIELDS } from "../../model/table-fields";
import { RESOURCE_TYPES } from "../../model/resources";
import { PROVIDER_SCHEMA } from "../../terraform/provider-schema";
import * as fs from "fs";
import * as path from "path";

/** hashicorp/aws CHANGELOG: the first release of each argument, and its pull request. */
const CHANGELOG: Record<string, [string, number]> = {
  "aws_dynamodb_table.replica.consistency_mode": ["6.3.0", 43236],
  "aws_dynamodb_table.replica.deletion_protection_enabled": ["6.9.0", 43240],
  "aws_dynamodb_contributor_insights.mode": ["6.11.0", 43914],
  "aws_dynamodb_table.warm_throughput": ["6.13.0", 41308],
  "aws_dynamodb_table.global_secondary_index.warm_throughput": ["6.13.0", 41308],
  "aws_dynamodb_table.global_table_witness": ["6.22.0", 43908],
  "aws_dynamodb_table.global_secondary_index.key_schema": ["6.29.0", 45357],
  "aws_dynamodb_table.restore_backup_arn": ["6.38.0", 47068],
};
/** Terraform CHANGELOG: the first release of each language feature the emitter uses. */
const TERRAFORM: Record<string, string> = {
  "block.moved": "1.1.0", "function.optional": "1.3.0", "block.import": "1.5.0", "block.removed": "1.7.0", "block.import.for_each": "1.7.0",
  "variable.validation.cross-reference": "1.9.0", "terraform.backend.s3.use_lockfile": "1.11.0",
};

describe("feature registry", () => {
  it("every entry fills every column", () => {
    for (const e of FEATURE_REGISTRY) {
      const since = e.provider ?? e.terraform;
      assert.ok(since, `${e.path}: no provider or Terraform version`);
      for (const s of [e.provider, e.terraform, e.dynamic].filter(Boolean)) {
        assert.match(s!.version, /^\d+\.\d+\.\d+$/, e.path);
        assert.match(s!.source, /CHANGELOG|upgrade guide|compatibility promise/, `${e.path}: the source must name a CHANGELOG or guide`);
      }
      assert.ok(["table", "replica", "global", "none"].includes(e.region), `${e.path}: region ${e.region}`);
      assert.ok("api" in e.adopt ? e.adopt.api.length > 0 && e.adopt.state.length > 0 : e.adopt.notRead.length > 0, `${e.path}: adopt column`);
      assert.ok("emulated" in e.local ? e.local.emulated === true : e.local.notEmulated.length > 0, `${e.path}: local column`);
      for (const id of e.rules) assert.ok(id in AWS_RULES, `${e.path}: unknown AWS rule ${id}`);
    }
  });
  it("paths are unique", () => {
    const seen = new Set<string>();
    for (const e of FEATURE_REGISTRY) { assert.ok(!seen.has(e.path), `${e.path} twice`); seen.add(e.path); }
  });
  it("every AWS rule cites an AWS (or HashiCorp) page and is named by at least one argument", () => {
    const named = new Set(FEATURE_REGISTRY.flatMap((e) => e.rules));
    for (const [id, rule] of Object.entries(AWS_RULES)) {
      assert.match(rule.url, /^https:\/\/(docs\.aws\.amazon\.com|repost\.aws|developer\.hashicorp\.com)\//, id);
      assert.ok(named.has(id), `rule ${id} is named by no registry entry`);
    }
  });
  it("the newer arguments carry the CHANGELOG's first release and pull request", () => {
    for (const [path, [version, pr]] of Object.entries(CHANGELOG)) {
      const e = featureEntry(path);
      assert.ok(e?.provider, `${path} missing`);
      assert.strictEqual(e.provider.version, version, path);
      assert.ok(e.provider.source.includes(`#${pr}`), `${path}: cites #${pr}`);
    }
    assert.strictEqual(featureEntry("aws_dynamodb_table.global_secondary_index")?.dynamic?.version, "6.30.0", "dynamic GSI blocks crashed before 6.30.0 (#46195)");
    for (const [path, version] of Object.entries(TERRAFORM)) assert.strictEqual(featureEntry(path)?.terraform?.version, version, path);
  });
  it("every argument of the field table and every resource type the model plans has an entry, and each exists in the checked schema", () => {
    for (const f of TABLE_FIELDS) for (const p of f.terraform.paths) assert.ok(featureEntry(`aws_dynamodb_table.${p}`), `${f.arg}: aws_dynamodb_table.${p}`);
    for (const type of Object.keys(RESOURCE_TYPES)) assert.ok(featureEntry(type), type);
    // Resource arguments (a type, then its blocks and arguments) exist in the schema the emitter is checked against.
    for (const e of FEATURE_REGISTRY.filter((x) => x.provider && !x.path.startsWith("data.") && x.path.includes("."))) {
      const [type, ...rest] = e.path.split(".");
      let block = PROVIDER_SCHEMA.resources[type];
      assert.ok(block, `${e.path}: ${type} is not in the schema`);
      for (const [i, name] of rest.entries()) {
        const last = i === rest.length - 1;
        if (last && (name in block.attributes || name in block.blocks)) break;
        assert.ok(name in block.blocks, `${e.path}: ${name} is not an argument of ${type} in ${PROVIDER_SCHEMA.providerVersion}`);
        block = block.blocks[name].block;
      }
    }
  });
  it("every Regional resource type carries the table's region argument; IAM is global", () => {
    for (const type of Object.keys(RESOURCE_TYPES)) {
      const region = featureEntry(`${type}.region`);
      if (type === "aws_iam_role_policy") assert.strictEqual(region, undefined);
      else assert.ok(region && region.provider?.version === "6.0.0", `${type}.region`);
    }
    assert.strictEqual(featureEntry("aws_iam_role_policy")?.region, "global");
    assert.strictEqual(featureEntry("aws_dynamodb_table.replica.region_name")?.region, "replica");
  });
  it("docs/terraform-versions.md lists every argument and construct newer than the baseline, with its first version", () => {
    const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/terraform-versions.md"), "utf8").split("\n");
    const newer = FEATURE_REGISTRY.flatMap((e) => [
      ...(e.provider && e.provider.version !== "6.0.0" ? [[e.path, `hashicorp/aws ${e.provider.version}`]] : []),
      ...(e.terraform && e.terraform.version !== "1.0.0" ? [[e.path, `Terraform ${e.terraform.version}`]] : []),
    ]);
    // A block's members share its version: the block's line covers them.
    const shown = newer.filter(([p, v]) => !newer.some(([q, w]) => w === v && p.startsWith(`${q}.`)));
    for (const [p, v] of shown) assert.ok(doc.some((line) => line.includes(`\`${p}\``) && line.includes(v)), `${p} (${v}) missing from docs/terraform-versions.md`);
  });
});
