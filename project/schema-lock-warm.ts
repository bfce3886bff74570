/**
 * Warm throughput in the schema lock. It can only be raised: "Once increased, you cannot decrease the
 * warm throughput value" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html),
 * and UpdateTable rejects a lower value ("decreasing WarmThroughput is not supported"). The AWS provider
 * (hashicorp/terraform-provider-aws, internal/service/dynamodb/table.go; Pulumi bridges it) therefore
 * plans a lower table value as a replacement of the table, and a lower GSI value as a delete and
 * re-create of the index. The model cannot see the deployed value; the lock records what was last set,
 * and a value below it (or removed: the deployed one stays, so the code would misstate it and the floor
 * would be lost) is refused like a replacement.
 */
import type { WarmThroughput } from "../model/types";

export interface LockedWarmThroughput { readUnitsPerSecond?: number; writeUnitsPerSecond?: number }
/** What of a LockedTable (project/schema-lock.ts, which imports this file) the comparison reads. */
interface WarmOf { warmThroughput?: LockedWarmThroughput; globalSecondaryIndexes?: { name: string; warmThroughput?: LockedWarmThroughput }[] }

/** `{ warmThroughput }` with the set members in a fixed order, or nothing when unset (locks stay byte-stable). */
export function lockedWarm(w: WarmThroughput | undefined): { warmThroughput?: LockedWarmThroughput } {
  if (!w || (w.readUnitsPerSecond === undefined && w.writeUnitsPerSecond === undefined)) return {};
  return {
    warmThroughput: {
      ...(w.readUnitsPerSecond !== undefined ? { readUnitsPerSecond: w.readUnitsPerSecond } : {}),
      ...(w.writeUnitsPerSecond !== undefined ? { writeUnitsPerSecond: w.writeUnitsPerSecond } : {}),
    },
  };
}

/** A lock file's value: absent, or an object whose members are positive integers. */
export function checkLockedWarm(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([k, v]) => ["readUnitsPerSecond", "writeUnitsPerSecond"].includes(k) && Number.isSafeInteger(v) && (v as number) > 0);
}

export const warmText = (w: LockedWarmThroughput | undefined) => (w
  ? [w.readUnitsPerSecond !== undefined ? `read ${w.readUnitsPerSecond}` : "", w.writeUnitsPerSecond !== undefined ? `write ${w.writeUnitsPerSecond}` : ""]
    .filter(Boolean).join(", ") + " units/s"
  : "none");

/** True when `now` is lower than `was` in a dimension `was` sets, or leaves that dimension out. */
function lowered(was: LockedWarmThroughput | undefined, now: LockedWarmThroughput | undefined): boolean {
  if (!was) return false;
  return (["readUnitsPerSecond", "writeUnitsPerSecond"] as const).some((d) =>
    was[d] !== undefined && (now?.[d] === undefined || now[d]! < was[d]!));
}

export interface WarmChange { setting: string; locked: string; current: string; warmThroughput: "table" | "index" }

/** The table's and each kept GSI's lowered or removed warm throughput. A deleted GSI is not one (its warm throughput goes with it). */
export function warmChanges(was: WarmOf, now: WarmOf): WarmChange[] {
  const out: WarmChange[] = [];
  if (lowered(was.warmThroughput, now.warmThroughput)) {
    out.push({ setting: "warmThroughput", locked: warmText(was.warmThroughput), current: warmText(now.warmThroughput), warmThroughput: "table" });
  }
  const after = new Map((now.globalSecondaryIndexes ?? []).map((g) => [g.name, g] as const));
  for (const g of was.globalSecondaryIndexes ?? []) {
    const n = after.get(g.name);
    if (n && lowered(g.warmThroughput, n.warmThroughput)) {
      out.push({ setting: `globalSecondaryIndexes["${g.name}"].warmThroughput`, locked: warmText(g.warmThroughput), current: warmText(n.warmThroughput), warmThroughput: "index" });
    }
  }
  return out;
}
