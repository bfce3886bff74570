/**
 * The best-practice diff of adopted tables, kept apart from the import: the project's implementation
 * checklist (project/checklist), run on what the adopted components register under Pulumi mocks, judged
 * as a production stack. Each item that does not pass is one optional follow-up, to apply after the
 * import has landed with no diff. Stack-wide items (modules, lock table, state bucket) are left out:
 * they judge a whole stack, not the tables adopted into it.
 */
import { instantiate } from "../../components/program";
import { mocksProblem, runUnderMocks } from "../mock-runtime";
import { runChecklist } from "../../project/checklist";
import { blueprintOf } from "../../project/adopt/imports";
import type { Adoption, FollowUp } from "../../project/adopt/types";

const TABLE_ITEMS = ["keys", "billing", "autoscaling", "pitr", "protect", "monitoring", "encryption", "ignore-changes", "kms-deletion-window"];
export const FOLLOW_UP_STACK = "prod";

export async function followUps(adoptions: Adoption[]): Promise<FollowUp[]> {
  const run = await runUnderMocks(() => {
    for (const a of adoptions) instantiate(a.declaration);
  }, { stack: FOLLOW_UP_STACK });
  const problem = mocksProblem(run);
  if (problem) throw new Error(problem);
  const report = runChecklist({ stack: FOLLOW_UP_STACK, production: { stackWide: true, source: "adopt (judged as production)" }, blueprints: adoptions.map(blueprintOf), resources: run.resources });
  return report.items
    .filter((item) => TABLE_ITEMS.includes(item.id) && item.status !== "PASS")
    .map((item) => ({
      id: item.id, title: item.title, status: item.status as "WARN" | "FAIL",
      reason: [item.reason, ...item.details.filter((d) => !d.startsWith("PASS"))].join(" "),
      ...(item.fix ? { fix: item.fix } : {}),
    }));
}
