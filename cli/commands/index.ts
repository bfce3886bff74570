/** Every CLI command, in the order `--help` lists them. Add a command by adding its module here. */
import { Command } from "../command";
import { localCommand } from "./local";
import { plan } from "./plan";
import { check } from "./check";
import { start } from "./start";
import { hcl } from "./hcl";
import { lockCommand } from "./lock";
import { adoptCommand } from "./adopt";

export const COMMANDS: Command[] = [start, localCommand, plan, check, lockCommand, hcl, adoptCommand];
