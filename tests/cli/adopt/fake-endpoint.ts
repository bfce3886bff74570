/**
 * A fake AWS endpoint on 127.0.0.1 for hostile-answer tests of `adopt --table`: it answers the JSON
 * protocols DynamoDB (awsJson1_0, X-Amz-Target `DynamoDB_20120810.<Op>`), Application Auto Scaling
 * (`AnyScaleFrontendService.<Op>`) and KMS (`TrentService.<Op>`) use, and Lambda's REST-JSON
 * ListEventSourceMappings (`GET /2015-03-31/event-source-mappings/?EventSourceArn=&Marker=`, its query
 * as the input), from a handler per operation.
 * A handler may answer a body, an error, or `"hang"` (never answer). `close()` ends every open
 * connection, so a test never leaves a server or socket behind.
 */
import * as http from "http";
import type { AddressInfo } from "net";

export type Answer = { body: unknown } | { error: string; message: string; status?: number } | "hang";
export type Handler = (op: string, input: Record<string, any>, calls: number) => Answer;

export interface FakeEndpoint {
  url: string;
  /** Operations received, in order. */
  ops: string[];
  close(): Promise<void>;
}

export async function startFakeEndpoint(handler: Handler): Promise<FakeEndpoint> {
  const ops: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const lambda = !target && url.pathname.startsWith("/2015-03-31/event-source-mappings");
      const op = lambda ? "ListEventSourceMappings" : target.slice(target.indexOf(".") + 1);
      ops.push(op);
      let input: Record<string, any> = {};
      try { input = lambda ? Object.fromEntries(url.searchParams) : JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"); } catch { /* answered below */ }
      const answer = handler(op, input, ops.filter((o) => o === op).length);
      if (answer === "hang") return; // never answers; close() ends the socket
      const json = lambda ? "application/json" : target.startsWith("DynamoDB") ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
      if ("error" in answer) {
        res.writeHead(answer.status ?? 400, { "content-type": json, "x-amzn-errortype": answer.error });
        res.end(JSON.stringify({ __type: answer.error, message: answer.message }));
      } else {
        res.writeHead(200, { "content-type": json });
        res.end(JSON.stringify(answer.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ops,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A plain on-demand table as DescribeTable returns it (API reference, TableDescription). */
export function describedTable(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    TableName: name, TableArn: `arn:aws:dynamodb:us-east-1:123456789012:table/${name}`, TableStatus: "ACTIVE",
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }], AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" }, DeletionProtectionEnabled: false, ...extra,
  };
}

/** Answers for every call adopt makes about a plain table; `overrides` replace single operations. */
export function plainTable(name: string, overrides: Partial<Record<string, (input: Record<string, any>, calls: number) => Answer>> = {}): Handler {
  const base: Record<string, (input: Record<string, any>, calls: number) => Answer> = {
    DescribeTable: () => ({ body: { Table: describedTable(name) } }),
    DescribeContinuousBackups: () => ({ body: { ContinuousBackupsDescription: { ContinuousBackupsStatus: "ENABLED", PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: "DISABLED" } } } }),
    DescribeTimeToLive: () => ({ body: { TimeToLiveDescription: { TimeToLiveStatus: "DISABLED" } } }),
    ListTagsOfResource: () => ({ body: { Tags: [] } }),
    DescribeScalableTargets: () => ({ body: { ScalableTargets: [] } }),
    DescribeScalingPolicies: () => ({ body: { ScalingPolicies: [] } }),
    DescribeContributorInsights: (input) => ({ body: { TableName: name, ...(input.IndexName ? { IndexName: input.IndexName } : {}), ContributorInsightsStatus: "DISABLED" } }),
    DescribeKinesisStreamingDestination: () => ({ body: { TableName: name, KinesisDataStreamDestinations: [] } }),
    ...overrides,
  };
  return (op, input, calls) => (base[op] ? base[op](input, calls) : { error: "UnknownOperationException", message: op });
}
