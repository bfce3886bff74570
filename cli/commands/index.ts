/** Every CLI command, in the order `--help` lists them. Add a command by adding its module here. */
import { Command } from "../command";

export const COMMANDS: Command[] = [];
