/**
 * The tables the benchmarks build. Four shapes, used in rotation, so a run of N tables exercises
 * the common paths (on-demand with a GSI, provisioned auto scaling with a scaled GSI, a
 * customer-managed key, a stream with TTL) rather than one trivial table repeated.
 */
import type { TableArgs } from "../../model/types";

export const SHAPES = ["on-demand-gsi", "autoscaled", "cmk", "stream-ttl"] as const;
/** Not in the rotation: the smallest table (one resource), the worst case for a component's fixed cost. */
export const MINIMAL = "minimal";
export type Shape = (typeof SHAPES)[number] | typeof MINIMAL;

export function tableArgs(shape: Shape, i: number): TableArgs {
  const tags = { Team: `team-${i % 7}`, CostCenter: String(1000 + (i % 13)) };
  switch (shape) {
    case "minimal":
      return { tableName: `bench-${i}`, partitionKey: { name: "id", type: "S" } };
    case "on-demand-gsi":
      return {
        tableName: `bench-${i}`, partitionKey: { name: "pk", type: "S" }, sortKey: { name: "sk", type: "S" },
        globalSecondaryIndexes: [{ name: "ByOwner", partitionKey: { name: "owner", type: "S" }, sortKey: { name: "createdAt", type: "N" }, projectionType: "KEYS_ONLY" }],
        tags,
      };
    case "autoscaled":
      return {
        tableName: `bench-${i}`, partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED",
        autoscaling: { read: { min: 5, max: 100 }, write: { min: 5, max: 50 } },
        globalSecondaryIndexes: [{
          name: "ByStatusDay", partitionKey: { name: "statusDay", type: "S" }, projectionType: "ALL",
          autoscaling: { read: { min: 1, max: 20 }, write: { min: 1, max: 20 } },
        }],
        tags,
      };
    case "cmk":
      return { tableName: `bench-${i}`, partitionKey: { name: "id", type: "S" }, encryption: "CUSTOMER_MANAGED", deletionProtection: true, tags };
    case "stream-ttl":
      return {
        tableName: `bench-${i}`, partitionKey: { name: "id", type: "S" }, sortKey: { name: "version", type: "N" },
        streamViewType: "NEW_AND_OLD_IMAGES", ttlAttribute: "expiresAt", pointInTimeRecovery: true, recoveryPeriodInDays: 7, tags,
      };
  }
}

/** Table i of a run: its component name, shape and args. */
export function benchTable(i: number, shape?: Shape): { name: string; shape: Shape; args: TableArgs } {
  const s = shape ?? SHAPES[i % SHAPES.length];
  return { name: `t${i}`, shape: s, args: tableArgs(s, i) };
}
