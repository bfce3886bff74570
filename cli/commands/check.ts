/**
 * `check --stack <name>`: the article's implementation checklist, plus this project's model checks,
 * judged on what the stack's components register under Pulumi mocks. The checklist logic is pure
 * (model/checklist); this file only runs the stack, prints, and picks the exit code.
 */
import { Command, Io } from "../command";
import { JSON_FLAG, STACK_FLAG, requireStack, toJson } from "../stack-option";
import type { ChecklistReport, CheckItem } from "../../model/checklist";

/** Run the stack under mocks and the checklist over what it registered (for `check`, `start`, tests). */
export async function checkStack(dir: string, stack: string): Promise<ChecklistReport> {
  const { runStack } = await import("../mock-runtime");
  const { runChecklist } = await import("../../model/checklist");
  const run = await runStack(dir, stack);
  return runChecklist({ stack, config: run.config, blueprints: run.blueprints, resources: run.resources });
}

const label = (item: CheckItem) => (item.step !== undefined ? `${item.step}.` : "-");

export function formatCheck(report: ChecklistReport, exitCode: number, strict: boolean): string {
  const lines = [`Implementation checklist for stack "${report.stack}" (${report.production ? "production" : "non-production"} stack)`, ""];
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
export async function runCheck(stack: string, io: Io, options: { json?: boolean; strict?: boolean } = {}): Promise<number> {
  const { checklistExitCode } = await import("../../model/checklist");
  const report = await checkStack(io.cwd, stack);
  const strict = options.strict === true;
  const exitCode = checklistExitCode(report, strict);
  io.out(options.json ? toJson({ ...report, strict, exitCode }) : formatCheck(report, exitCode, strict));
  return exitCode;
}

export const check: Command = {
  name: "check",
  summary: "Run the article's implementation checklist on a stack: PASS / WARN / FAIL with reasons and fixes",
  flags: {
    stack: STACK_FLAG,
    json: JSON_FLAG,
    strict: { type: "boolean", description: "Treat warnings as errors (exit 1 on any WARN)" },
  },
  details: "Exit code: 1 if any item FAILs (or WARNs with --strict), 0 otherwise, 2 for usage or config errors.\n\n" +
    "Examples:\n  dynamodb-blueprints check --stack prod\n  dynamodb-blueprints check --stack dev --strict --json",
  run: (flags, io) => runCheck(requireStack("check", flags, io.cwd), io, { json: flags.json === true, strict: flags.strict === true }),
};
