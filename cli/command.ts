/** The shape every CLI command has; `cli/commands/index.ts` lists them. */
import { FlagSpec } from "./args";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Directory holding Pulumi.yaml and the Pulumi.<stack>.yaml files. */
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  /** Extra help text (examples). */
  details?: string;
  flags: Record<string, FlagSpec>;
  /** Returns the process exit code. */
  run(flags: Record<string, any>, io: Io): Promise<number>;
}
