/**
 * A small, strict flag parser: unknown flags are errors with a did-you-mean, never silently ignored
 * (a mistyped `--stak prod` must not plan the default stack).
 */
import { BlueprintValidationError, ProblemList, didYouMean } from "../model/errors";

export interface FlagSpec {
  /** "string" takes a value, "boolean" does not. */
  type: "string" | "boolean";
  description: string;
  /** Allowed values for string flags. */
  choices?: readonly string[];
  default?: string | boolean;
  /** The flag may be given several times (values collected in order). */
  repeatable?: boolean;
}

export type Flags = Record<string, string | boolean | string[] | undefined>;

export function parseFlags(command: string, argv: string[], spec: Record<string, FlagSpec>): Flags {
  const problems = new ProblemList();
  // Flag names are typed by the user: `--constructor` or `--toString` must be unknown flags, not
  // Object.prototype members, so the spec is read by own property and flags collected without a prototype.
  const flags: Flags = Object.create(null);
  const known = Object.keys(spec).map((k) => `--${k}`);
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith("--")) {
      problems.add(`${command} argument ${i + 1}`, token, "is not a flag", `write flags as --name value; known: ${known.join(", ")}`);
      continue;
    }
    const [rawName, inline] = token.slice(2).split(/=(.*)/s, 2);
    const flag = Object.hasOwn(spec, rawName) ? spec[rawName] : undefined;
    if (!flag) {
      const guess = didYouMean(`--${rawName}`, known);
      problems.add(`${command} ${token}`, token, "is not a known flag", guess ? `did you mean ${guess}?` : `known flags: ${known.join(", ")}`);
      continue;
    }
    let value: string | boolean;
    if (flag.type === "boolean") {
      if (inline !== undefined) {
        problems.add(`${command} --${rawName}`, inline, "takes no value", `write just --${rawName}`);
        continue;
      }
      value = true;
    } else {
      const next = inline ?? argv[i + 1];
      if (next === undefined || (inline === undefined && next.startsWith("--"))) {
        problems.add(`${command} --${rawName}`, undefined, "needs a value", `write --${rawName} <value>${flag.choices ? ` (one of ${flag.choices.join(", ")})` : ""}`);
        continue;
      }
      if (inline === undefined) i++;
      if (flag.choices && !flag.choices.includes(next)) {
        const guess = didYouMean(next, flag.choices);
        problems.add(`${command} --${rawName}`, next, "is not an allowed value", `${guess ? `did you mean "${guess}"? ` : ""}use one of ${flag.choices.join(", ")}`);
        continue;
      }
      value = next;
    }
    if (flag.repeatable) {
      const list = (flags[rawName] as string[] | undefined) ?? [];
      list.push(value as string);
      flags[rawName] = list;
    } else if (flags[rawName] !== undefined) {
      problems.add(`${command} --${rawName}`, value, "is given twice", `give --${rawName} once`);
    } else flags[rawName] = value;
  }
  for (const [name, flag] of Object.entries(spec)) {
    if (flags[name] === undefined && flag.default !== undefined) flags[name] = flag.default;
  }
  if (!problems.empty) throw new BlueprintValidationError(`dynamodb-blueprints ${command}`, problems.problems);
  return flags;
}

export function flagHelp(spec: Record<string, FlagSpec>): string {
  return Object.entries(spec)
    .map(([name, f]) => {
      const left = `  --${name}${f.type === "string" ? " <value>" : ""}`;
      const extra = [f.choices ? `one of ${f.choices.join(", ")}` : "", f.default !== undefined ? `default ${f.default}` : ""].filter(Boolean).join("; ");
      return `${left.padEnd(28)} ${f.description}${extra ? ` (${extra})` : ""}`;
    })
    .join("\n");
}
