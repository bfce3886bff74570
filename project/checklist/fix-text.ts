/**
 * Fix texts in the user's terms: the component argument or resource option to change, on the
 * components that need it by the names the program gave them (`set pointInTimeRecovery: true on
 * DynamoTable "users"`), never a config key of the repository's reference program, which does
 * nothing in a user's project.
 */
import type { ChecklistInput, RecordedResource } from "./types";
import { componentLabel } from "./production";

/**
 * `set <setting> on DynamoTable "a", ProductionTable "b" (<note>)`; `verb` "pass" for resource options.
 * Resources created outside the components are named by their Pulumi type and name.
 */
export function fixOn(input: ChecklistInput, resources: RecordedResource[], setting: string, note?: string, verb: "set" | "pass" = "set"): string {
  const labels = [...new Set(resources.map((r) => componentLabel(input.resources, r)))];
  const target = labels.length === 0 ? "each table that needs it" : labels.join(", ");
  return `${verb} ${setting} ${verb === "pass" ? "to" : "on"} ${target}${note ? ` (${note})` : ""}`;
}
