/**
 * `adopt --table NAME` / `adopt --from-tfstate FILE`: existing tables as blueprint components that import
 * them with no diff. It only reads (AWS APIs or a state file) and prints: (1) the TypeScript program,
 * (2) the Terraform import blocks for the emitted HCL, (3) the best-practice follow-ups, separately.
 * `--from-tfstate` also writes Pulumi's bulk-import file, never over an existing file without --force.
 * Heavy modules (AWS SDK, Pulumi) load inside `run`, so `--help` and flag errors stay instant.
 */
import { ADOPT_PACKAGES, importOptional } from "../optional-deps";
import * as fs from "fs";
import * as path from "path";
import { Command, Io } from "../command";
import { JSON_FLAG, toJson } from "../stack-option";
import { BlueprintValidationError } from "../../model/errors";
import { REGION_PATTERN, TABLE_NAME_PATTERN } from "../../model/rules";
import type { Adoption, FollowUp } from "../../project/adopt/types";

const SUBJECT = "dynamodb-blueprints adopt";
const DEFAULT_IMPORT_FILE = "pulumi-import.json";

function usageError(where: string, value: unknown, message: string, fix: string): never {
  throw new BlueprintValidationError(SUBJECT, [{ where, value: value === undefined ? "nothing" : JSON.stringify(value), message, fix }]);
}

interface Adopted {
  source: string;
  adoptions: Adoption[];
  notUnderstood: { address: string; why: string }[];
  region?: string;
}

async function fromTable(flags: Record<string, unknown>): Promise<Adopted> {
  // The AWS SDK clients are optional peers: only `adopt --table` needs them.
  const { readLiveTable } = await importOptional(() => import("../adopt/read-live"), "adopt --table", ADOPT_PACKAGES);
  const { adoptLive } = await import("../../project/adopt/from-live");
  const responses = await readLiveTable(flags.table as string, {
    region: flags.region as string | undefined, endpoint: flags.endpoint as string | undefined,
    ...(flags.timeout !== undefined ? { timeoutMs: Number(flags.timeout) * 1000 } : {}),
  });
  return { source: `table ${flags.table} (${responses.region}${flags.endpoint ? `, ${flags.endpoint}` : ""})`, adoptions: [adoptLive(responses, flags.table as string)], notUnderstood: [], region: responses.region };
}

async function fromState(io: Io, file: string): Promise<Adopted> {
  const { parseStateFile, adoptState } = await import("../../project/adopt/from-tfstate");
  const { readStateFile } = await import("../adopt/read-state-file");
  const text = readStateFile(path.resolve(io.cwd, file), file);
  const { adoptions, notUnderstood } = adoptState(file, parseStateFile(file, text));
  return { source: file, adoptions, notUnderstood };
}

function section(title: string, body: string): string {
  return `== ${title} ==\n\n${body.trimEnd()}\n`;
}

function formatFollowUps(items: FollowUp[]): string {
  if (items.length === 0) return "None: the adopted tables already pass every table item of `check`.";
  return items.map((f, i) => `${i + 1}. ${f.status} ${f.id}: ${f.title}\n   ${f.reason}${f.fix ? `\n   fix: ${f.fix}` : ""}`).join("\n");
}

export const adoptCommand: Command = {
  name: "adopt",
  summary: "Bring existing tables (live, or from a Terraform state) under the blueprints with no diff",
  details: [
    "Examples:",
    "  dynamodb-blueprints adopt --table orders --region eu-west-1",
    "  dynamodb-blueprints adopt --table orders --endpoint http://127.0.0.1:8000     (the local emulator)",
    "  dynamodb-blueprints adopt --from-tfstate terraform.tfstate --import-file pulumi-import.json",
    "",
    "Only reads. Settings a call could not read are reported as unknown (the blueprint default then applies),",
    "never guessed. Credentials and region come the usual AWS way (environment, profile). Exit 2 on bad input:",
    "a missing table, an unreachable endpoint, a malformed or foreign state file, an existing --import-file.",
  ].join("\n"),
  flags: {
    table: { type: "string", description: "Name of a live table to adopt (reads it with the AWS SDK)" },
    region: { type: "string", description: "AWS region of the table (default: AWS_REGION / the profile's)" },
    endpoint: { type: "string", description: "DynamoDB endpoint URL, e.g. the local emulator http://127.0.0.1:8000" },
    "from-tfstate": { type: "string", description: "Adopt every aws_dynamodb_table of this Terraform state file (format version 4)" },
    "import-file": { type: "string", description: `Write Pulumi's bulk-import JSON here (default ${DEFAULT_IMPORT_FILE} with --from-tfstate)` },
    force: { type: "boolean", description: "Replace an existing --import-file that adopt wrote before (never a state or other file)" },
    timeout: { type: "string", description: "Seconds adopt --table may take to read everything (default 60)" },
    json: JSON_FLAG,
  },
  async run(flags, io) {
    try {
      return await adopt(flags, io);
    } catch (error) {
      // Problems can quote names from the endpoint or the state: each part is made one inert line (class 6).
      if (error instanceof BlueprintValidationError) {
        const { terminalText } = await import("../../project/adopt/sanitise");
        error.message = terminalText(error.message);
      }
      throw error;
    }
  },
};

async function adopt(flags: Record<string, unknown>, io: Io): Promise<number> {
  {
    const table = flags.table as string | undefined;
    const state = flags["from-tfstate"] as string | undefined;
    if ((table === undefined) === (state === undefined)) {
      usageError("adopt", table ?? state, table ? "takes --table or --from-tfstate, not both" : "needs --table NAME or --from-tfstate FILE", "give exactly one of them");
    }
    if (state !== undefined && (flags.region !== undefined || flags.endpoint !== undefined)) {
      usageError("--from-tfstate", state, "reads no AWS API, so --region and --endpoint do not apply", "remove --region / --endpoint");
    }
    if (flags.endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(flags.endpoint as string)) {
      usageError("--endpoint", flags.endpoint, "is not an http(s) URL", "write e.g. --endpoint http://127.0.0.1:8000");
    }
    if (flags.region !== undefined && !REGION_PATTERN.test(flags.region as string)) {
      usageError("--region", flags.region, "is not an AWS region name", "write e.g. --region us-east-1");
    }
    const seconds = flags.timeout === undefined ? undefined : Number(flags.timeout);
    if (seconds !== undefined && (state !== undefined || !(Number.isFinite(seconds) && seconds > 0 && seconds <= 3600))) {
      usageError("--timeout", flags.timeout, state !== undefined ? "applies to --table only (a state file is read locally)" : "must be a number of seconds from 1 to 3600",
        state !== undefined ? "remove --timeout" : "write e.g. --timeout 30");
    }
    if (table !== undefined && !TABLE_NAME_PATTERN.test(table)) {
      usageError("--table", table, "is not a DynamoDB table name", "use the table's exact name (3-255 of letters, digits, _ - .)");
    }
    const importFile = typeof flags["import-file"] === "string" ? flags["import-file"] : state !== undefined ? DEFAULT_IMPORT_FILE : undefined;
    const { assertWritable, writeImportFile } = await import("../adopt/write-import-file");
    const importPath = importFile === undefined ? undefined : path.resolve(io.cwd, importFile);
    if (importPath) assertWritable(importPath, flags.force === true); // before reading anything

    const adopted = state !== undefined ? await fromState(io, state) : await fromTable(flags);
    const { importsOf, pulumiImportFile, blueprintOf } = await import("../../project/adopt/imports");
    const { renderProgram } = await import("../../project/adopt/render-ts");
    const { inertJson, terminalText } = await import("../../project/adopt/sanitise");
    const { adoptionTerraform, importBlocks } = await import("../adopt/terraform");
    const { followUps, FOLLOW_UP_STACK } = await import("../adopt/follow-ups");
    adopted.adoptions.forEach(blueprintOf); // a table the blueprint cannot express fails here, before any output
    const program = renderProgram(adopted.adoptions);
    const terraform = await adoptionTerraform(adopted.adoptions, adopted.region);
    const blocks = importBlocks(terraform);
    const follow = await followUps(adopted.adoptions);
    const bulk = pulumiImportFile(adopted.adoptions);
    if (importPath) writeImportFile(importPath, toJson(bulk), flags.force === true);

    if (flags.json) {
      io.out(inertJson(toJson({
        source: adopted.source,
        tables: adopted.adoptions.map((a) => ({
          tableName: a.tableName, source: a.source, kind: a.declaration.kind, name: a.declaration.name, args: a.declaration.args,
          ...(a.kmsKey ? { kmsKey: a.kmsKey } : {}), imports: importsOf(a), unknown: a.unknown, notAdopted: a.notAdopted,
        })),
        program,
        terraform: { importBlocks: blocks, files: terraform },
        followUps: { judgedAs: `a production stack ("${FOLLOW_UP_STACK}")`, items: follow },
        notUnderstood: adopted.notUnderstood,
        importFile: importPath ? { path: path.relative(io.cwd, importPath) || importPath, resources: bulk.resources.length } : null,
      })));
      return 0;
    }
    const out = [
      `Adopting ${adopted.adoptions.length} table(s) from ${adopted.source}. adopt only reads; nothing was changed.`, "",
      section("1. Pulumi program: imports with no diff (pulumi up)", program), "",
      section("2. Terraform import blocks for the emitted HCL (toTerraform([...components], { layout: \"flat\" }))", blocks.join("\n\n")), "",
      section(`3. Best-practice follow-ups, optional, after the import (check, judged as a production stack)`, formatFollowUps(follow)),
    ];
    if (adopted.notUnderstood.length > 0) {
      out.push("", section("Resources in the state that adopt did not map (left as they are)", adopted.notUnderstood.map((n) => `- ${n.address}: ${n.why}`).join("\n")));
    }
    if (importPath) out.push("", `Wrote ${path.relative(io.cwd, importPath) || importPath} (${bulk.resources.length} resources): pulumi import --file ${importFile}`);
    // Names and addresses come from the endpoint or the state: nothing in them may drive the terminal (class 6).
    io.out(terminalText(out.join("\n")));
    return 0;
  }
}
