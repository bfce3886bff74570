/**
 * `check --stack <name>`: the article's implementation checklist, plus this project's model checks,
 * judged on what the stack's components register under Pulumi mocks, and the stack against its schema
 * lock. The checklist logic is pure (project/checklist); this file runs the stack, prints, picks the exit
 * code, and rewrites lock entries the user accepted with --accept-replacement.
 */
import { Command, Io } from "../command";
import { JSON_FLAG, STACK_FLAG, requireStack, toJson } from "../stack-option";
import type { ChecklistReport, CheckItem } from "../../project/checklist";
import { ACCEPT_FLAG } from "./lock";
import { readLockFile, writeLockFile } from "../../project/schema-lock-file";
import { lockFileName, reconcileLock } from "../../project/schema-lock";

export interface CheckResult {
  report: ChecklistReport;
  /** True when accepted replacements were written to the stack's lock file. */
  lockWritten: boolean;
}

/**
 * Run the stack under mocks and the checklist over what it registered, plus the schema lock item
 * (for `check`, `start`, tests). With `accepted` components, and nothing destructive left unaccepted,
 * their lock entries are rewritten: accepting is a decision, so it is recorded where review sees it.
 */
export async function checkStackWithLock(dir: string, stack: string, accepted: string[] = []): Promise<CheckResult> {
  const { runStack } = await import("../mock-runtime");
  const { runChecklist } = await import("../../project/checklist");
  const lock = readLockFile(dir, stack); // a broken lock file fails before the slow part
  const run = await runStack(dir, stack);
  const report = runChecklist({
    stack, production: run.production, blueprints: run.blueprints, resources: run.resources,
    ownAccounts: allowedAccountIds(run.config),
    schemaLock: { file: lockFileName(stack), lock, accepted },
  });
  let lockWritten = false;
  if (lock && accepted.length > 0) {
    const r = reconcileLock(stack, lock, run.blueprints, accepted);
    if (r.next && r.changed) {
      writeLockFile(dir, stack, r.next);
      lockWritten = true;
    }
  }
  return { report, lockWritten };
}

/** `aws:allowedAccountIds` as the runtime holds it (a JSON list; project/aws-config.ts has checked its type). */
function allowedAccountIds(config: Record<string, string>): string[] | undefined {
  const raw = config["aws:allowedAccountIds"];
  if (raw === undefined) return undefined;
  let ids: unknown;
  try { ids = JSON.parse(raw); } catch { return undefined; }
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : undefined;
}

export async function checkStack(dir: string, stack: string): Promise<ChecklistReport> {
  return (await checkStackWithLock(dir, stack)).report;
}

const label = (item: CheckItem) => (item.step !== undefined ? `${item.step}.` : "-");

export function formatCheck(report: ChecklistReport, exitCode: number, strict: boolean): string {
  const lines = [`Implementation checklist for stack "${report.stack}"`, report.production.rule, ""];
  for (const [i, item] of report.items.entries()) {
    // The article's steps come first; a heading marks where this project's own checks begin.
    if (i === 0) lines.push("The article's implementation checklist:");
    if (item.step === undefined && report.items[i - 1]?.step !== undefined) lines.push("", "This project's model checks:");
    lines.push(`${item.status.padEnd(4)}  ${label(item)} ${item.title}`, `            ${item.reason}`);
    // Passing findings are in --json; the text keeps to what needs attention.
    for (const d of item.details.filter((x) => !x.startsWith("PASS"))) lines.push(`              - ${d}`);
    if (item.fix) lines.push(`            fix: ${item.fix}`);
  }
  const { PASS, WARN, FAIL } = report.counts;
  lines.push("", `Checklist: ${PASS} PASS, ${WARN} WARN, ${FAIL} FAIL; exit ${exitCode}` +
    (strict ? " (--strict: warnings are errors)" : WARN > 0 ? " (--strict turns warnings into errors)" : ""));
  return lines.join("\n");
}

/** Print the checklist of one stack; 1 on any FAIL (or WARN with strict), else 0. */
export async function runCheck(stack: string, io: Io, options: { json?: boolean; strict?: boolean; accepted?: string[] } = {}): Promise<number> {
  const { checklistExitCode } = await import("../../project/checklist");
  const { report, lockWritten } = await checkStackWithLock(io.cwd, stack, options.accepted ?? []);
  const strict = options.strict === true;
  const exitCode = checklistExitCode(report, strict);
  const written = lockWritten ? `\nWrote ${lockFileName(stack)} with the accepted replacements: commit it with the change.` : "";
  io.out(options.json ? toJson({ ...report, strict, exitCode, lockWritten }) : formatCheck(report, exitCode, strict) + written);
  return exitCode;
}

export const check: Command = {
  name: "check",
  summary: "Run the article's implementation checklist on a stack: PASS / WARN / FAIL with reasons and fixes",
  flags: {
    stack: STACK_FLAG,
    json: JSON_FLAG,
    strict: { type: "boolean", description: "Treat warnings as errors (exit 1 on any WARN)" },
    "accept-replacement": ACCEPT_FLAG,
  },
  details: "Exit code: 1 if any item FAILs (or WARNs with --strict), 0 otherwise, 2 for usage or config errors.\n" +
    "Production (PITR, protect, customer-managed keys required) is what you declare, per table: a ProductionTable,\n" +
    "{ protect: true } on the component, or every table with dynamodb-blueprints:production: true in the stack file.\n" +
    "The key and cost advisors read each table's advisor argument (expected key cardinality, traffic).\n" +
    "A table that would be replaced or deleted since dynamodb-blueprints.<stack>.lock.json FAILs; after deciding it\n" +
    "should be, --accept-replacement <component> rewrites its lock entry (commit the file).\n\n" +
    "Examples:\n  dynamodb-blueprints check --stack prod\n  dynamodb-blueprints check --stack dev --strict --json\n" +
    "  dynamodb-blueprints check --stack dev --accept-replacement orders",
  run: (flags, io) => runCheck(requireStack("check", flags, io.cwd), io, {
    json: flags.json === true, strict: flags.strict === true, accepted: (flags["accept-replacement"] as string[] | undefined) ?? [],
  }),
};
