/**
 * A global table's consistency mode in the schema lock. "You cannot change a global table's consistency
 * mode after creation" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html#V2globaltables_HowItWorks.consistency-modes):
 * the provider (hashicorp/terraform-provider-aws, internal/service/dynamodb/table.go, updateReplica)
 * turns a changed `consistency_mode` into deleting and re-creating each replica, which an MRSC table
 * refuses (a single replica cannot be deleted from it) and which drops the replicas' copies. The way
 * there is through a single-Region table: remove every replica (and the witness), then add them anew
 * in the other mode, and MRSC only on an empty table. So a changed mode is refused with that sequence.
 * Recorded only for a table with replicas; a lock without it (single-Region, or older) compares nothing.
 */
import type { TableSpec } from "../model/types";

export type LockedConsistency = "EVENTUAL" | "STRONG";
const MODES: readonly string[] = ["EVENTUAL", "STRONG"];

/** `{ consistencyMode }` for a global table (one mode for all replicas, validated), nothing for a single-Region one. */
export function lockedConsistency(t: Pick<TableSpec<unknown>, "replicas">): { consistencyMode?: LockedConsistency } {
  if (t.replicas.length === 0) return {};
  return { consistencyMode: t.replicas.some((r) => r.consistencyMode === "STRONG") ? "STRONG" : "EVENTUAL" };
}

export const checkLockedConsistency = (value: unknown) => value === undefined || (typeof value === "string" && MODES.includes(value));

/** The change to refuse, when both the lock and the stack have a global table and the modes differ. */
export function consistencyChange(was: { consistencyMode?: LockedConsistency }, now: { consistencyMode?: LockedConsistency }):
  { setting: string; locked: string; current: string } | undefined {
  if (!was.consistencyMode || !now.consistencyMode || was.consistencyMode === now.consistencyMode) return undefined;
  return { setting: "consistencyMode", locked: was.consistencyMode, current: now.consistencyMode };
}

/** The safe sequence, for the refusal's fix. */
export function consistencyFix(table: string, stack: string, to: string): string {
  return `keep the replicas' consistencyMode as locked; to change it, go through a single-Region table: (1) remove every replica of "${table}" ` +
    `(and its globalTableWitness) and deploy (the replicas and their copies are deleted; the table in its own Region keeps its data), ` +
    `(2) run \`dynamodb-blueprints lock --stack ${stack}\` and commit the lock file, ` +
    (to === "STRONG"
      ? "(3) AWS converts only an empty table to multi-Region strong consistency: export the data (e.g. to S3), empty the table, add the STRONG replicas (or one and a witness) and deploy, then load the data back"
      : "(3) add the replicas with consistencyMode \"EVENTUAL\" and deploy (they are filled from the table)");
}
