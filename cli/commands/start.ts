/**
 * `npm start`: the main job on a fresh machine with no AWS account. Deploys the dev stack's tables
 * to an embedded DynamoDB on a free loopback port, then prints the dev stack's offline plan and its
 * best-practice check. Each part is its own command; this only runs them in order.
 */
import { Command } from "../command";
import { localCommand } from "./local";
import { runPlan } from "./plan";
import { runCheck } from "./check";

export const start: Command = {
  name: "start",
  summary: "Deploy a stack to the embedded local DynamoDB, then print its plan and check (npm start)",
  details: "Equivalent to: local --stack <stack> --port 0; plan --stack <stack>; check --stack <stack>",
  flags: {
    stack: { type: "string", description: "Stack to run", default: "dev" },
  },
  async run(flags, io) {
    const stack = flags.stack as string;
    const rule = (title: string) => io.out(`\n${"=".repeat(8)} ${title} ${"=".repeat(Math.max(8, 72 - title.length))}\n`);
    rule(`1/3 local DynamoDB: dynamodb-blueprints local --stack ${stack}`);
    const local = await localCommand.run({ stack, port: "0" }, io);
    rule(`2/3 offline plan: dynamodb-blueprints plan --stack ${stack}`);
    const plan = await runPlan(stack, io);
    rule(`3/3 best-practice check: dynamodb-blueprints check --stack ${stack}`);
    const check = await runCheck(stack, io);
    return Math.max(local, plan, check);
  },
};
