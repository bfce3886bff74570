/**
 * `local`'s "not emulated" lines for the table features of issue 15 that live in resources of their
 * own (resource policies, Contributor Insights, Kinesis destination, ...): dynalite implements none of their APIs, so each is listed, table by table.
 */
import type { TableSpec } from "../model/types";

export function featureLines(spec: TableSpec<unknown>): string[] {
  const lines: string[] = [];
  if (spec.resourcePolicy !== undefined) lines.push("resource policy on the table: dynalite has no PutResourcePolicy and no IAM; any caller may do anything locally");
  if (spec.streamResourcePolicy !== undefined) lines.push("resource policy on the stream: dynalite has no PutResourcePolicy and no IAM; any caller may do anything locally");
  const ci = spec.contributorInsights;
  if (ci) {
    lines.push(`Contributor Insights (${ci.mode}) on the table${ci.indexes.length ? ` and ${ci.indexes.map((i) => `index ${i}`).join(", ")}` : ""}: dynalite has no CloudWatch; nothing is recorded locally`);
  }
  const k = spec.kinesisStreamingDestination;
  if (k) lines.push(`Kinesis Data Streams destination ${typeof k.streamArn === "string" ? k.streamArn : "(given)"}: dynalite has no Kinesis; item changes go nowhere locally`);
  const filters = spec.streamConsumer?.filters;
  if (filters && filters.length > 0) {
    lines.push(`stream consumer filters (${filters.length} ${filters.length === 1 ? "pattern" : "patterns"}): dynalite has no streams and no Lambda; no record is filtered or delivered locally`);
  }
  if (spec.billingMode === "PROVISIONED") {
    for (const { region } of spec.replicas) {
      const scaled = spec.scaling.length + spec.globalSecondaryIndexes.reduce((n, g) => n + g.scaling.length, 0);
      if (scaled > 0) lines.push(`replica ${region}: auto scaling of ${scaled} ${scaled === 1 ? "capacity" : "capacities"} there: no replicas and no Application Auto Scaling locally`);
    }
  }
  return lines;
}
