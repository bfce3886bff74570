/**
 * `dynamodb-blueprints local`: the stack's tables on an embedded DynamoDB (dynalite) on 127.0.0.1.
 *
 * Without --serve it is a check that every table of the stack is accepted by a DynamoDB API, plus a
 * report of what the emulator cannot show; with --serve it stays up as a dev database until
 * SIGINT/SIGTERM. Output is deterministic apart from the port, so it can be diffed and tested.
 * The emulator and the AWS SDK are loaded only when the command runs: every other command of the
 * CLI imports this module through the registry and should not pay for them.
 */
import * as path from "path";
import { Command, Io } from "../command";
import { BlueprintValidationError } from "../../model/errors";
import { importOptional } from "../optional-deps";
import type { LocalDeployReport } from "../../local/deploy";

const EXIT_OK = 0;
const EXIT_REFUSED = 1;

/** `--port`: a whole number 0-65535 (0 = any free port). Rejects "8o", "1e3", " 80", "-1". */
export function parsePort(value: unknown): number {
  const text = String(value);
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new BlueprintValidationError("dynamodb-blueprints local", [{
      where: "--port", value: JSON.stringify(text), message: "must be a whole number from 0 to 65535",
      fix: "write e.g. --port 8000, or --port 0 to use any free port",
    }]);
  }
  return port;
}

/** Optional peers: component-only users never install the emulator (dynalite pulls in a native LevelDB). */
export const EMULATOR_PACKAGES = ["dynalite@^4.0.0", "@aws-sdk/client-dynamodb@^3.1164.0"];
const loadEmulator = () => importOptional(async () => {
  const { startLocalDynamo } = await import("../../local/server");
  const { deployLocal } = await import("../../local/deploy");
  return { startLocalDynamo, deployLocal };
}, "local", EMULATOR_PACKAGES);

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(signal);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

function printReport(io: Io, stack: string, where: string, report: LocalDeployReport, region: string, serving: boolean): void {
  const width = Math.max(...report.tables.map((t) => t.table.length));
  const lines = [`Local DynamoDB (dynalite) for stack "${stack}", ${where}`, `  endpoint ${report.endpoint}`, ""];
  // An earlier run killed inside a GSI rebuild, resolved before anything else (local/rebuild-journal.ts).
  if (report.recovered.length > 0) lines.push("Recovered first:", ...report.recovered.map((r) => `  ${r}`), "");
  for (const t of report.tables) {
    lines.push(`  ${t.action.padEnd(10)} ${t.table.padEnd(width)}  ${t.blueprint}`);
    for (const d of t.differences) {
      lines.push(`             ${t.action === "updated" ? "updated" : "differs"}: ${d.setting}: ${t.action === "updated" ? `${d.found} -> ${d.expected}` : `expected ${d.expected}; found ${d.found}`} (on AWS: ${d.onAws})`);
    }
    if (t.note) lines.push(`             note: ${t.note}`);
  }
  for (const name of report.otherTables) lines.push(`  ${"untouched".padEnd(10)} ${name.padEnd(width)}  (on the server, not in this stack)`);
  const refused = report.tables.filter((t) => t.action === "refused");
  if (refused.length > 0) {
    lines.push("", `Refused ${refused.length} table(s) that differ from the stack. --recreate deletes and recreates them: ` +
      "DESTRUCTIVE, their local items are lost.");
  }
  if (report.tables.some((t) => t.action === "recreated")) lines.push("", "Recreated tables were deleted first: their local items are gone.");
  const gaps = report.tables.filter((t) => t.notEmulated.length > 0);
  if (gaps.length > 0) {
    lines.push("", "Not emulated (a real deployment applies these; the local server does not):");
    for (const t of gaps) for (const line of t.notEmulated) lines.push(`  ${t.table}: ${line}`);
  }
  lines.push(
    "", `Use it${serving ? "" : " while it runs (--serve)"}; any credentials work, the emulator does not check them:`,
    `  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws dynamodb list-tables --endpoint-url ${report.endpoint} --region ${region}`,
    `  new DynamoDBClient({ endpoint: "${report.endpoint}", region: "${region}", credentials: { accessKeyId: "local", secretAccessKey: "local" } })`,
  );
  io.out(lines.join("\n"));
}

export const localCommand: Command = {
  name: "local",
  summary: "Run the stack's tables on an embedded local DynamoDB (dynalite) on 127.0.0.1",
  details: [
    "Examples:",
    "  dynamodb-blueprints local                                  check that every dev table is accepted, then stop",
    "  dynamodb-blueprints local --serve --data .local-dynamodb   a persistent dev database on port 8000",
    "  dynamodb-blueprints local --stack prod --port 0 --json     machine-readable report, any free port",
    "",
    "Existing tables are updated in place (tags, billing, capacity, GSIs) keeping their items. A key or LSI",
    "change is refused (exit 1) unless --recreate, which deletes and recreates the table with its items lost. TTL, point-in-time recovery, KMS, streams, auto scaling",
    "and deletion protection are not emulated; the report lists them per table.",
  ].join("\n"),
  flags: {
    stack: { type: "string", description: "Stack whose Pulumi.<stack>.yaml to deploy", default: "dev" },
    port: { type: "string", description: "Port on 127.0.0.1; 0 = any free port", default: "8000" },
    data: { type: "string", description: "Persist tables and items in this directory (LevelDB); in memory without it" },
    recreate: { type: "boolean", description: "Delete and recreate tables that differ from the stack (destroys their items)" },
    serve: { type: "boolean", description: "Keep serving until Ctrl-C (SIGINT) or SIGTERM" },
    json: { type: "boolean", description: "Print the report as JSON" },
  },
  async run(flags, io) {
    // Validate everything before a port is taken or a directory created.
    const port = parsePort(flags.port);
    const stack = flags.stack as string;
    const { runStack } = await import("../mock-runtime");
    const loaded = await runStack(io.cwd, stack);
    if (flags.data === "") {
      throw new BlueprintValidationError("dynamodb-blueprints local", [{
        where: "--data", value: '""', message: "must name a directory", fix: "write e.g. --data .local-dynamodb, or leave --data out to keep tables in memory",
      }]);
    }
    const dataDir = typeof flags.data === "string" ? path.resolve(io.cwd, flags.data) : undefined;

    const { startLocalDynamo, deployLocal } = await loadEmulator();
    const dynamo = await startLocalDynamo({ port, dataDir });
    try {
      const report = await deployLocal(loaded.blueprints, { endpoint: dynamo.endpoint, recreate: flags.recreate === true });
      const refused = report.tables.some((t) => t.action === "refused");
      // A database whose schema is not the stack's would mislead: refused tables mean no serving.
      const serving = flags.serve === true && !refused;
      const where = dataDir ? `data in ${path.relative(io.cwd, dataDir) || "."}` : "in memory";
      if (flags.json) {
        io.out(JSON.stringify({ stack, port: dynamo.port, persistence: dataDir ?? "memory", serving, ...report }, null, 2));
      } else {
        printReport(io, stack, where, report, loaded.region, serving);
      }
      if (serving) {
        if (!flags.json) io.out(`\nServing ${dynamo.endpoint} until Ctrl-C (SIGINT) or SIGTERM.`);
        const signal = await waitForSignal();
        if (!flags.json) io.out(`Received ${signal}, stopping.`);
      } else if (!flags.json) {
        io.out(`\nStopped${dataDir ? "; tables and items are kept in the data directory" : "; the in-memory tables are gone"}` +
          `${flags.serve && refused ? " (not serving: fix the refused tables first)" : " (pass --serve to keep it running)"}.`);
      }
      return refused ? EXIT_REFUSED : EXIT_OK;
    } finally {
      await dynamo.close();
    }
  },
};
