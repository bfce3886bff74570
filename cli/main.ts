#!/usr/bin/env node
/**
 * `dynamodb-blueprints <command>`: one entry for every tool of the package. Errors are one clear
 * message and a non-zero exit, never a stack trace (unless DYNAMODB_BLUEPRINTS_DEBUG is set).
 */
import { BlueprintValidationError, capText, show } from "../model/errors";
import { FileSafetyError, errnoText } from "../files/safe-write";
import { flagHelp, parseFlags } from "./args";
import { Command, Io } from "./command";
import { COMMANDS } from "./commands";
import { endProcess, superviseCommand } from "./program-lifecycle";
import { withHeapGrowth } from "./heap-growth";

export { endProcess };

/**
 * The exit-code contract (README "Exit codes", walked by tests/cli/exit-codes.test.ts): 1 only when the
 * input is valid and the verdict is "no" (a check FAILs, a table differs, a replacement is not accepted);
 * 2 for every usage, input and environment error (bad flags or config, unreadable or unsafe files).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** One line (or one problem list) for any error, never a stack trace; errno errors name the path in words. */
export function errorMessage(error: unknown): string {
  if (error instanceof BlueprintValidationError || error instanceof FileSafetyError) return error.message;
  // A failing user program (testing/program.ts ProgramError): its own message and location, as they are.
  if ((error as Error)?.name === "ProgramError") return capText((error as Error).message, 2000);
  const e = error as NodeJS.ErrnoException | undefined;
  if (e && typeof e === "object" && typeof e.code === "string" && /^E[A-Z]+$/.test(e.code)) {
    const words = errnoText(e.code);
    if (e.path && words) return `${e.path}: cannot ${e.syscall ?? "access"}: ${words} (${e.code})`;
  }
  const text = e && typeof e === "object" && typeof e.message === "string" ? e.message : String(error);
  return `${capText(text, 2000)} (set DYNAMODB_BLUEPRINTS_DEBUG=1 for details)`;
}

function usage(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    "Usage: dynamodb-blueprints <command> [flags]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `dynamodb-blueprints <command> --help` for a command's flags.",
  ].join("\n");
}

export async function main(argv: string[], io: Io, commands: Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage(commands));
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const { didYouMean } = await import("../model/errors");
    const guess = didYouMean(name, commands.map((c) => c.name));
    io.err(`dynamodb-blueprints: unknown command ${show(name)}.${guess ? ` Did you mean "${guess}"?` : ""}\n\n${usage(commands)}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`Usage: dynamodb-blueprints ${command.name} [flags]\n\n${command.summary}\n\nFlags:\n${flagHelp(command.flags)}${command.details ? `\n\n${command.details}` : ""}`);
    return EXIT.ok;
  }
  // The AWS SDK warns (8 lines, every `local` run) that its 2027 releases need Node 22. This CLI only
  // talks to the local emulator through it; the warning is noise here, and users can still opt in.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  try {
    const flags = parseFlags(command.name, rest, command.flags);
    // The user's program runs in this process: the CLI holds process.exit while the command runs, and
    // the heap grows less between collections (cli/heap-growth.ts).
    return await withHeapGrowth(() => superviseCommand(io.cwd, () => command.run(flags, io)));
  } catch (error) {
    if (process.env.DYNAMODB_BLUEPRINTS_DEBUG && !(error instanceof BlueprintValidationError)) throw error;
    io.err(`error: ${errorMessage(error)}`);
    return EXIT.usage;
  }
}

if (require.main === module) {
  const io: Io = {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
    cwd: process.env.DYNAMODB_BLUEPRINTS_PROJECT || process.cwd(), // empty means unset, as in bin/
  };
  endProcess(main(process.argv.slice(2), io), io.err);
}
