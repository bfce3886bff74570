/**
 * `plan --stack <name>`: what `pulumi preview` would create for a stack, computed by running the
 * real components under Pulumi mocks (no cloud, no Pulumi CLI), as a tree with the settings that
 * matter. Heavy modules load inside `run`, so `--help` and flag errors stay instant.
 */
import { Command, Io } from "../command";
import { JSON_FLAG, STACK_FLAG, requireStack, toJson } from "../stack-option";
import type { PlanNode } from "../render-tree";

export interface PlanView {
  stack: string;
  project: string;
  /** Proof the run went through Pulumi's mock monitor, and how many registrations it saw. */
  mocks: { monitor: string; registered: number; newResourceCalls: number };
  resources: PlanNode[];
  summary: { create: number; components: number; resources: number };
}

/** Run the stack under mocks and build the preview data (for `plan`, `start` and tests). */
export async function planStack(dir: string, stack: string): Promise<PlanView> {
  const { runStack } = await import("../mock-runtime");
  const { buildTree } = await import("../render-tree");
  const run = await runStack(dir, stack);
  const components = run.resources.filter((r) => !r.custom).length;
  return {
    stack,
    project: run.project,
    mocks: { monitor: run.monitor, registered: run.resources.length, newResourceCalls: run.newResourceCalls ?? run.resources.length },
    resources: buildTree(run.resources),
    summary: { create: run.resources.length, components, resources: run.resources.length - components },
  };
}

export async function formatPlan(view: PlanView): Promise<string> {
  const { renderTree } = await import("../render-tree");
  const s = view.summary;
  return [
    `Previewing stack "${view.stack}" of ${view.project} under Pulumi mocks (nothing is sent to AWS)`,
    "",
    ...renderTree(view.resources),
    "",
    `Resources: ${s.create} to create (${s.components} components, ${s.resources} resources)`,
    `Pulumi mocks: the ${view.mocks.monitor} registered ${view.mocks.registered} resources (${view.mocks.newResourceCalls} newResource calls).`,
  ].join("\n");
}

/** Print the preview of one stack; returns the exit code. */
export async function runPlan(stack: string, io: Io, options: { json?: boolean } = {}): Promise<number> {
  const view = await planStack(io.cwd, stack);
  io.out(options.json ? toJson(view) : await formatPlan(view));
  return 0;
}

export const plan: Command = {
  name: "plan",
  summary: "Preview what a stack creates (a pulumi preview under mocks), with keys, billing, scaling, PITR, encryption and protection",
  flags: { stack: STACK_FLAG, json: JSON_FLAG },
  details: "Examples:\n  dynamodb-blueprints plan --stack dev\n  dynamodb-blueprints plan --stack prod --json",
  run: (flags, io) => runPlan(requireStack("plan", flags, io.cwd), io, { json: flags.json === true }),
};
