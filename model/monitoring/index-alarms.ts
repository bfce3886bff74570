/**
 * Alarms per global secondary index (monitoring on a table with GSIs): read and write throttles, and
 * consumed capacity against the index's provisioned capacity (or, on demand, the index's own cap, else
 * the table's cap, else DynamoDB's default per-table quota). CloudWatch publishes a GSI's metrics under the dimensions
 * TableName + GlobalSecondaryIndexName (DynamoDB developer guide, "DynamoDB metrics and dimensions").
 * A throttled GSI also throttles writes to its table (back-pressure), so it needs watching on its own.
 */
import { effectiveCap } from "../table-fields";
import type { MonitoringSpec, TableSpec } from "../types";
import type { PlannedResource, Value } from "../resources";

/** One alarm of the table's monitoring (model/plan-features.ts): named after the table, notifying its topic. */
export type AlarmFactory = (suffix: string, description: string, args: Record<string, Value>) => PlannedResource;

const NAMESPACE = "AWS/DynamoDB";
/** DynamoDB's default per-table on-demand throughput quota (as for the table's own alarm). */
const ON_DEMAND_TABLE_QUOTA = 40_000;

export function planIndexAlarms(spec: TableSpec<unknown>, m: MonitoringSpec<unknown>, tableName: Value, alarm: AlarmFactory): PlannedResource[] {
  const out: PlannedResource[] = [];
  for (const gsi of spec.globalSecondaryIndexes) {
    const dimensions: Record<string, Value> = { TableName: tableName, GlobalSecondaryIndexName: gsi.name };
    const where = `index ${gsi.name} of ${spec.tableName}`;
    for (const kind of ["Read", "Write"] as const) {
      out.push(alarm(`${gsi.name}-${kind.toLowerCase()}-throttles`, `${kind} requests to ${where} are being throttled.`, {
        metricName: `${kind}ThrottleEvents`, namespace: NAMESPACE, statistic: "Sum", period: m.periodSeconds, threshold: m.throttleThreshold, dimensions,
      }));
    }
    for (const kind of ["Read", "Write"] as const) {
      const provisioned = spec.billingMode === "PROVISIONED";
      // The index's own cap (GSI `onDemandThroughput`, model/table-fields.ts GSI_BLOCKS) when set, else the table's.
      const member = kind === "Read" ? "maxReadRequestUnits" : "maxWriteRequestUnits";
      // -1 removes a cap (model/table-fields.ts NO_ON_DEMAND_CAP): it limits nothing.
      const own = effectiveCap(gsi.onDemandThroughput?.[member]);
      const cap = own ?? effectiveCap(spec.onDemandThroughput?.[member]);
      const limit = String(cap ?? ON_DEMAND_TABLE_QUOTA);
      const metric = (name: string, stat: string) => ({ metricName: name, namespace: NAMESPACE, period: m.periodSeconds, stat, dimensions });
      const queries: Value[] = [
        { id: "utilization", expression: `100 * (consumed / ${m.periodSeconds}) / ${provisioned ? "provisioned" : limit}`, label: `${kind} capacity used (%)`, returnData: true },
        { id: "consumed", returnData: false, metric: metric(`Consumed${kind}CapacityUnits`, "Sum") },
        ...(provisioned ? [{ id: "provisioned", returnData: false, metric: metric(`Provisioned${kind}CapacityUnits`, "Average") }] : []),
      ];
      const of = provisioned ? "provisioned" : `${own ? "own on-demand cap of" : cap ? "table's on-demand cap of" : "default on-demand quota of"} ${limit}`;
      out.push(alarm(`${gsi.name}-${kind.toLowerCase()}-capacity`, `${where} uses over ${m.consumedCapacityPercent}% of its ${of} ${kind.toLowerCase()} capacity.`, {
        threshold: m.consumedCapacityPercent, metricQueries: queries,
      }));
    }
  }
  return out;
}
