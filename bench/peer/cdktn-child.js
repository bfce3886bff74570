/**
 * The peer: the same tables synthesised with CDK Terrain (`cdktn` 0.24 and `@cdktn/provider-aws`
 * 25.7.0, generated from hashicorp/aws 6.66.0), written as a TypeScript user would write them: one
 * L1 construct per resource, with the values this project's flat layout emits for the same table
 * args (defaults included, so both sides write the same resources and arguments; the harness checks
 * that on a small run). Deep imports (`@cdktn/provider-aws/lib/<resource>`): the package index
 * loads all ~1,500 resource modules, which a careful user avoids.
 *
 * Plain JavaScript, run by plain `node`: under ts-node, source-map-support would rewrite every stack
 * trace cdktn captures for its tokens and make the peer look several times slower than it is. The
 * harness writes the tables (bench/lib/specs.ts) to a JSON file.
 *
 *   node bench/peer/cdktn-child.js <peerDir> <tables.json> <hcl|json> <outDir>
 *
 * Prints one JSON line: module load, build (constructors) and synth (`app.synth()`, which writes the
 * files) times and CPU, and the process's peak RSS.
 */
const path = require("path");
const fs = require("fs");
const { performance } = require("perf_hooks");

function main() {
  const [peerDir, tablesFile, format, outDir] = process.argv.slice(2);
  if (!peerDir || !tablesFile || !["hcl", "json"].includes(format) || !outDir) throw new Error("usage: cdktn-child.js <peerDir> <tables.json> <hcl|json> <outDir>");
  const tables = JSON.parse(fs.readFileSync(tablesFile, "utf8"));
  const n = tables.length;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const req = (m) => require(path.join(peerDir, "node_modules", m));
  const cdktn = req("cdktn");
  const { AwsProvider } = req("@cdktn/provider-aws/lib/provider");
  const { DynamodbTable } = req("@cdktn/provider-aws/lib/dynamodb-table");
  const { KmsKey } = req("@cdktn/provider-aws/lib/kms-key");
  const { AppautoscalingTarget } = req("@cdktn/provider-aws/lib/appautoscaling-target");
  const { AppautoscalingPolicy } = req("@cdktn/provider-aws/lib/appautoscaling-policy");
  const { DataAwsCallerIdentity } = req("@cdktn/provider-aws/lib/data-aws-caller-identity");
  const { DataAwsPartition } = req("@cdktn/provider-aws/lib/data-aws-partition");
  const { DataAwsRegion } = req("@cdktn/provider-aws/lib/data-aws-region");
  const loadMs = performance.now() - t0;
  const cpuLoad = process.cpuUsage(cpu0);

  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  // cdktn 0.24 reads the HCL switch from the environment when the stack is constructed (lib/terraform-stack.js).
  process.env.SYNTH_HCL_OUTPUT = format === "hcl" ? "true" : "false";
  const app = new cdktn.App({ outdir: outDir, hclOutput: format === "hcl" });
  const stack = new cdktn.TerraformStack(app, "bench");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  // Construct ids are unique per scope; Terraform names only per type: overrideLogicalId gives both
  // sides the same addresses (the harness compares them).
  const named = (c, id) => { c.overrideLogicalId(id); return c; };
  const caller = named(new DataAwsCallerIdentity(stack, "current_caller", {}), "current");
  const partition = named(new DataAwsPartition(stack, "current_partition", {}), "current");
  const region = named(new DataAwsRegion(stack, "current_region", {}), "current");
  const output = (id, description, value) => new cdktn.TerraformOutput(stack, id, { description, value });
  const keyPolicy = () => {
    const root = `arn:${partition.partition}:iam::${caller.accountId}:root`;
    return cdktn.Fn.jsonencode({
      Version: "2012-10-17",
      Statement: [
        { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: root }, Action: "kms:*", Resource: "*" },
        {
          Sid: "AccountUsesKeyThroughDynamoDB", Effect: "Allow", Principal: { AWS: root },
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
          Resource: "*",
          Condition: { StringEquals: { "kms:ViaService": `dynamodb.${region.region}.amazonaws.com`, "kms:CallerAccount": caller.accountId } },
        },
      ],
    });
  };
  const scaling = (id, table, tableName, scope, dim, cfg, index) => {
    const unit = dim === "read" ? "Read" : "Write";
    const target = new AppautoscalingTarget(stack, id, {
      maxCapacity: cfg.max, minCapacity: cfg.min,
      resourceId: `table/${table.name}${index ? `/index/${index}` : ""}`,
      scalableDimension: `dynamodb:${scope}:${unit}CapacityUnits`, serviceNamespace: "dynamodb",
    });
    named(new AppautoscalingPolicy(stack, `${id}_policy`, {
      name: `${tableName}${index ? `-${index}` : ""}-${dim}-capacity-utilization`, policyType: "TargetTrackingScaling",
      resourceId: target.resourceId, scalableDimension: target.scalableDimension, serviceNamespace: target.serviceNamespace,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: 70, scaleInCooldown: 60, scaleOutCooldown: 60,
        predefinedMetricSpecification: { predefinedMetricType: `DynamoDB${unit}CapacityUtilization` },
      },
    }), id);
  };

  for (const { name, shape, args: a } of tables) {
    const keys = [a.partitionKey, a.sortKey, ...(a.globalSecondaryIndexes ?? []).flatMap((g) => [g.partitionKey, g.sortKey])].filter(Boolean);
    const attribute = [...new Map(keys.map((k) => [k.name, { name: k.name, type: k.type }])).values()].sort((x, y) => (x.name < y.name ? -1 : 1));
    const provisioned = a.billingMode === "PROVISIONED";
    const key = shape === "cmk" ? named(new KmsKey(stack, `${name}_key`, { description: `DynamoDB encryption key for table ${a.tableName}`, deletionWindowInDays: 30, enableKeyRotation: true, policy: keyPolicy(), tags: a.tags }), name) : undefined;
    const table = new DynamodbTable(stack, name, {
      name: a.tableName, billingMode: provisioned ? "PROVISIONED" : "PAY_PER_REQUEST", hashKey: a.partitionKey.name, rangeKey: a.sortKey?.name,
      readCapacity: provisioned ? a.autoscaling.read.min : undefined, writeCapacity: provisioned ? a.autoscaling.write.min : undefined,
      deletionProtectionEnabled: a.deletionProtection ?? false,
      streamEnabled: a.streamViewType ? true : undefined, streamViewType: a.streamViewType,
      attribute,
      globalSecondaryIndex: a.globalSecondaryIndexes?.map((g) => ({
        name: g.name, projectionType: g.projectionType,
        readCapacity: g.autoscaling ? g.autoscaling.read.min : undefined, writeCapacity: g.autoscaling ? g.autoscaling.write.min : undefined,
        keySchema: [{ attributeName: g.partitionKey.name, keyType: "HASH" }, ...(g.sortKey ? [{ attributeName: g.sortKey.name, keyType: "RANGE" }] : [])],
      })),
      serverSideEncryption: key ? { enabled: true, kmsKeyArn: key.arn } : undefined,
      pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: a.recoveryPeriodInDays ?? 35 },
      ttl: a.ttlAttribute ? { attributeName: a.ttlAttribute, enabled: true } : undefined,
      tags: a.tags,
      lifecycle: a.autoscaling ? { ignoreChanges: ["read_capacity", "write_capacity", "global_secondary_index"] } : undefined,
    });
    if (a.autoscaling) {
      scaling(`${name}_read`, table, a.tableName, "table", "read", a.autoscaling.read);
      scaling(`${name}_write`, table, a.tableName, "table", "write", a.autoscaling.write);
      for (const g of a.globalSecondaryIndexes ?? []) {
        if (!g.autoscaling) continue;
        scaling(`${name}_${g.name}_read`, table, a.tableName, "index", "read", g.autoscaling.read, g.name);
        scaling(`${name}_${g.name}_write`, table, a.tableName, "index", "write", g.autoscaling.write, g.name);
      }
    }
    output(`${name}_table_name`, `Table name of DynamoTable "${name}".`, table.name);
    output(`${name}_table_arn`, `Table ARN of DynamoTable "${name}".`, table.arn);
    if (a.streamViewType) output(`${name}_stream_arn`, `Stream ARN of DynamoTable "${name}".`, table.streamArn);
    if (key) output(`${name}_kms_key_arn`, `Customer-managed key of DynamoTable "${name}".`, key.arn);
  }
  const buildMs = performance.now() - t1;
  const cpuBuild = process.cpuUsage(cpu1);
  const t2 = performance.now();
  const cpu2 = process.cpuUsage();
  app.synth();
  const synthMs = performance.now() - t2;
  const cpuSynth = process.cpuUsage(cpu2);
  const ms = (c) => (c.user + c.system) / 1000;
  process.stdout.write(JSON.stringify({
    n, format, loadMs, loadCpuMs: ms(cpuLoad), buildMs, buildCpuMs: ms(cpuBuild), synthMs, synthCpuMs: ms(cpuSynth),
    workMs: buildMs + synthMs, workCpuMs: ms(cpuBuild) + ms(cpuSynth), maxRssKb: process.resourceUsage().maxRSS,
  }) + "\n");
}

main();
