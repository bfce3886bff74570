/**
 * The advisors' hints for `check`, from the tables' own `advisor` arguments (model/advice/hints.ts),
 * keyed by physical table name as the checklist reads them. Hints passed to `runChecklist` directly
 * (programmatic callers) win over the declared ones, table by table and attribute by attribute.
 */
import { Blueprint, tablesOf } from "../../model/stack";
import type { ChecklistHints } from "./types";

export function advisorHints(blueprints: readonly Blueprint[], given: ChecklistHints = {}): ChecklistHints {
  const keys: NonNullable<ChecklistHints["keys"]> = {};
  const traffic: NonNullable<ChecklistHints["traffic"]> = {};
  for (const t of tablesOf([...blueprints])) {
    const advisor = t.table.advisor;
    if (advisor?.keys) keys[t.table.tableName] = { ...advisor.keys };
    if (advisor?.traffic) traffic[t.table.tableName] = { ...advisor.traffic };
  }
  for (const [table, byKey] of Object.entries(given.keys ?? {})) keys[table] = { ...keys[table], ...byKey };
  Object.assign(traffic, given.traffic ?? {});
  return { keys, traffic };
}
