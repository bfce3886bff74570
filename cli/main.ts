#!/usr/bin/env node
/**
 * `dynamodb-blueprints <command>`: one entry for every tool of the package. Errors are one clear
 * message and a non-zero exit, never a stack trace (unless DYNAMODB_BLUEPRINTS_DEBUG is set).
 */
import { BlueprintValidationError } from "../model/errors";
import { flagHelp, parseFlags } from "./args";
import { Command, Io } from "./command";
import { COMMANDS } from "./commands";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

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
    io.err(`dynamodb-blueprints: unknown command "${name}".${guess ? ` Did you mean "${guess}"?` : ""}\n\n${usage(commands)}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`Usage: dynamodb-blueprints ${command.name} [flags]\n\n${command.summary}\n\nFlags:\n${flagHelp(command.flags)}${command.details ? `\n\n${command.details}` : ""}`);
    return EXIT.ok;
  }
  try {
    const flags = parseFlags(command.name, rest, command.flags);
    return await command.run(flags, io);
  } catch (error) {
    // A failing user program is the user's input too: its own message and location, exit 2.
    if (error instanceof BlueprintValidationError || (error as Error)?.name === "ProgramError") {
      io.err(`error: ${(error as Error).message}`);
      return EXIT.usage;
    }
    if (process.env.DYNAMODB_BLUEPRINTS_DEBUG) throw error;
    io.err(`error: ${(error as Error)?.message ?? String(error)}`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  const io: Io = {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
    cwd: process.env.DYNAMODB_BLUEPRINTS_PROJECT || process.cwd(), // empty means unset, as in bin/
  };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}
