/**
 * `hcl --stack <name> --out <dir>`: writes the stack's Terraform (toTerraform) into a directory
 * with writeTerraform, which refuses to replace hand-written files unless --force, replaces
 * generated ones atomically, and never deletes anything. Terraform itself is never run here (it is
 * not installed on the machines this was built for); the output says what to run next.
 */
import * as path from "path";
import { Command, Io } from "../command";
import { JSON_FLAG, STACK_FLAG, requireStack, toJson } from "../stack-option";
import { BlueprintValidationError, Problem } from "../../model/errors";
import type { Layout } from "../../terraform/to-terraform";
import type { WriteReport } from "../../terraform/write";

/** toTerraform's LAYOUTS, repeated so every CLI start-up (even --help) need not load the emitter;
 * tests/cli/hcl.test.ts asserts the two lists are equal. */
export const HCL_LAYOUTS: readonly Layout[] = ["module", "flat"];

/** Single-quote a path for a POSIX shell when it needs it, so the next-steps line can be pasted. */
const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function formatHcl(stack: string, layout: string, out: string, report: WriteReport, hasBackend: boolean, notEmitted: string[] = [], inputs?: { file: string; count: number }): string {
  const rows: [string, string][] = [
    ...report.written.map((f): [string, string] => ["written", f]),
    ...report.unchanged.map((f): [string, string] => ["unchanged", f]),
    ...report.stale.map((f): [string, string] => ["stale", `${f}  (generated earlier, no longer produced; not deleted)`]),
  ];
  const dir = shellQuote(out);
  const lines = [`Terraform for stack "${stack}" (layout: ${layout}) in ${out}`, "", ...rows.map(([what, f]) => `  ${what.padEnd(9)}  ${f}`), ""];
  lines.push(`${report.written.length} written, ${report.unchanged.length} unchanged, ${report.stale.length} stale.`);
  if (notEmitted.length > 0) {
    lines.push(`Not emitted (aws.dynamodb.Table created outside the blueprint components; write their Terraform yourself): ${notEmitted.join(", ")}`);
  }
  if (report.stale.length > 0) lines.push("Terraform may still read stale files (the root ones always): check them and delete them yourself.");
  lines.push("", "Next steps (nothing here ran terraform):", `  terraform -chdir=${dir} init && terraform -chdir=${dir} plan`);
  if (hasBackend) lines.push("  backend.tf stores state in a bucket this configuration creates: its comment explains the one-time bootstrap.");
  if (inputs && inputs.count > 0) {
    lines.push(`  ${inputs.file} declares ${inputs.count} variable${inputs.count === 1 ? "" : "s"} for values the program took from other Pulumi resources: give them with -var or a .tfvars file.`);
  }
  return lines.join("\n");
}

/** `--out` is required, and an empty value must not quietly mean the project directory. */
function requireOut(flags: Record<string, unknown>, cwd: string): string {
  if (typeof flags.out === "string" && flags.out.trim() !== "") return path.resolve(cwd, flags.out);
  throw new BlueprintValidationError("dynamodb-blueprints hcl", [{
    where: "hcl --out", value: flags.out === undefined ? "nothing (undefined)" : JSON.stringify(flags.out), message: "is required",
    fix: "write --out <dir>, the directory to write the .tf files into (created if missing), e.g. --out terraform",
  }]);
}

export interface HclEmbedFlags { provider?: boolean; backend?: boolean; versions?: boolean; moduleSource?: string; moduleVersion?: string; fullModule?: boolean }

export async function runHcl(io: Io, options: { stack: string; out: string; layout: Layout; force: boolean; json: boolean; embed?: HclEmbedFlags }): Promise<number> {
  const { runStack } = await import("../mock-runtime");
  const { toTerraform, INPUTS_FILE } = await import("../../terraform/to-terraform");
  const { writeTerraform } = await import("../../terraform/write");
  const { guardReplacements } = await import("../../project/schema-lock-file");
  const loaded = await runStack(io.cwd, options.stack);
  if (loaded.blueprints.length === 0) {
    throw new BlueprintValidationError(`dynamodb-blueprints hcl --stack ${options.stack}`, [{
      where: path.relative(io.cwd, loaded.main), value: loaded.rawTables.length ? `only aws.dynamodb.Table resources (${loaded.rawTables.join(", ")})` : "no blueprint component",
      message: "creates nothing the emitter can write", fix: "declare the tables with DynamoTable, OrdersTable, ProductionTable, StateLockTable or TerraformStateBackend",
    }]);
  }
  // Never emit HCL that would silently replace (delete) a locked table: accept it with `lock` first.
  const { warning } = guardReplacements(io.cwd, options.stack, loaded.blueprints);
  if (warning) io.err(warning);
  // The provider region is the stack's aws:region, as for the Pulumi program.
  const files = await toTerraform(loaded.blueprints, { layout: options.layout, stack: options.stack, region: loaded.region, ...options.embed });
  const report = await writeTerraform(options.out, files, { force: options.force });
  if (options.json) {
    io.out(toJson({ stack: options.stack, layout: options.layout, out: options.out, ...report, ...(loaded.rawTables.length ? { notEmitted: loaded.rawTables } : {}) }));
  } else {
    const inputs = { file: INPUTS_FILE, count: (files[INPUTS_FILE]?.match(/^variable "/gm) ?? []).length };
    io.out(formatHcl(options.stack, options.layout, options.out, report, "backend.tf" in files, loaded.rawTables, inputs));
  }
  return 0;
}

export const hcl: Command = {
  name: "hcl",
  summary: "Write the stack's Terraform (.tf files) into a directory; never overwrites hand-written files without --force",
  flags: {
    stack: STACK_FLAG,
    out: { type: "string", description: "Directory to write into (created if missing; relative to the project directory)" },
    layout: { type: "string", description: "module: root module + modules/dynamodb; flat: plain resources", choices: HCL_LAYOUTS, default: "module" },
    force: { type: "boolean", description: "Overwrite existing .tf files that were not generated (hand-written ones) or were generated for another stack" },
    "without-provider": { type: "boolean", description: "Leave out the provider \"aws\" block (your Terraform root configures it)" },
    "without-backend": { type: "boolean", description: "Leave out backend.tf (your Terraform root has its backend)" },
    "without-versions": { type: "boolean", description: "Leave out versions.tf (your Terraform root pins Terraform and the provider)" },
    "module-source": { type: "string", description: "Module layout: call the table module from this source (registry, git URL or relative path) instead of writing modules/dynamodb" },
    "module-version": { type: "string", description: "With a registry --module-source: the module's version constraint (e.g. \"~> 1.2\")" },
    "full-module": { type: "boolean", description: "Module layout: write every table variant and argument into modules/dynamodb (the module to publish for --module-source), not only what this stack uses" },
    json: JSON_FLAG,
  },
  details: [
    "Generated files start with a \"# Generated by dynamodb-blueprints\" line; they are replaced atomically",
    "(unchanged ones are not touched). An existing file without that line is refused (exit 2) unless --force.",
    "Nothing is deleted: generated files no longer produced are listed as stale.",
    "",
    "Examples:",
    "  dynamodb-blueprints hcl --stack prod --out terraform",
    "  dynamodb-blueprints hcl --stack dev --out terraform-dev --layout flat --json",
    "  dynamodb-blueprints hcl --stack prod --out infra/dynamodb --without-provider --without-backend --without-versions \\",
    "      --module-source git::https://example.com/acme/tf-dynamodb.git?ref=v1.0.0",
    "  dynamodb-blueprints hcl --stack prod --out published --full-module   (the module to publish for --module-source)",
  ].join("\n"),
  async run(flags, io) {
    // Both required flags are checked before anything is read, and reported together.
    const problems: Problem[] = [];
    const attempt = <T>(f: () => T): T | undefined => {
      try { return f(); } catch (e) { if (!(e instanceof BlueprintValidationError)) throw e; problems.push(...e.problems); return undefined; }
    };
    const stack = attempt(() => requireStack("hcl", flags, io.cwd));
    const out = attempt(() => requireOut(flags, io.cwd));
    if (stack === undefined || out === undefined) throw new BlueprintValidationError("dynamodb-blueprints hcl", problems);
    const embed: HclEmbedFlags = {
      ...(flags["without-provider"] ? { provider: false } : {}), ...(flags["without-backend"] ? { backend: false } : {}),
      ...(flags["without-versions"] ? { versions: false } : {}), ...(typeof flags["module-source"] === "string" ? { moduleSource: flags["module-source"] } : {}),
      ...(typeof flags["module-version"] === "string" ? { moduleVersion: flags["module-version"] } : {}),
      ...(flags["full-module"] ? { fullModule: true } : {}),
    };
    return runHcl(io, { stack, out, layout: flags.layout as Layout, force: flags.force === true, json: flags.json === true, embed });
  },
};
