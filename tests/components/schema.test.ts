/**
 * The multi-language component package (PulumiPlugin.yaml, `pulumi package add`): the schema that the Node SDK's
 * own component analyzer infers from our TypeScript, run for real through `ComponentProvider.getSchema()` (what
 * `componentProviderHost` serves to the CLI) but without a CLI. See tests/helpers/component-schema.ts.
 *
 * The analyzer only accepts classes that extend pulumi.ComponentResource directly and reads every declared
 * field as an output, which is why components/tables.ts is shaped the way it is.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { PROVIDER_NAME, PackageSpec, REPO, getPulumiComponents, inferSchema } from "../helpers/component-schema";
import type * as real from "../../components";
import { typeToken } from "../../components/tables";
import {
  ATTRIBUTE_TYPES, AttributeType, BILLING_MODES, BillingMode, ENCRYPTION_MODES, EncryptionMode, PROJECTION_TYPES, ProjectionType,
  STARTING_POSITIONS, STREAM_VIEW_TYPES, StartingPosition, StreamViewType, TABLE_CLASSES, TableArgs, TableClass, TableOptions,
} from "../../model/types";
import type { OrdersTableArgs as ModelOrdersArgs, StateLockTableArgs as ModelLockArgs } from "../../model/blueprints";
import type { TerraformStateBackendArgs as ModelBackendArgs } from "../../model/state-backend";


// Type level (checked by `npm run typecheck`): the named args interfaces the analyzer needs are exactly the
// model's args with T = pulumi.Input<string>, same keys, assignable both ways; the enum objects match the unions.
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type In = pulumi.Input<string>;
type Values<O> = O[keyof O];
export type ArgsMatchTheModel = [
  Assert<Mutual<real.DynamoTableArgs, TableArgs<In>>>, Assert<Mutual<keyof real.DynamoTableArgs, keyof TableArgs>>,
  Assert<Mutual<real.ProductionTableArgs, TableArgs<In>>>,
  Assert<Mutual<real.OrdersTableArgs, ModelOrdersArgs<In>>>, Assert<Mutual<keyof real.OrdersTableArgs, keyof ModelOrdersArgs>>,
  Assert<Mutual<real.StateLockTableArgs, ModelLockArgs<In>>>, Assert<Mutual<keyof real.StateLockTableArgs, keyof ModelLockArgs>>,
  Assert<Mutual<real.TerraformStateBackendArgs, ModelBackendArgs<In>>>,
  Assert<Mutual<keyof real.TerraformStateBackendArgs, keyof ModelBackendArgs>>,
  Assert<Mutual<TableOptions<In>, Partial<TableArgs<In>>>>, Assert<Mutual<keyof TableOptions, keyof TableArgs>>,
  Assert<Mutual<Values<typeof AttributeType>, AttributeType>>, Assert<Mutual<Values<typeof BillingMode>, BillingMode>>,
  Assert<Mutual<Values<typeof ProjectionType>, ProjectionType>>, Assert<Mutual<Values<typeof EncryptionMode>, EncryptionMode>>,
  Assert<Mutual<Values<typeof StreamViewType>, StreamViewType>>, Assert<Mutual<Values<typeof TableClass>, TableClass>>,
  Assert<Mutual<Values<typeof StartingPosition>, StartingPosition>>,
];
// What a Declaration (T = string) passes to a component must still compile.
export const declarationArgsFit = (args: TableArgs<string>): real.DynamoTableArgs => args;

const ENTRY = path.join(REPO, "components/index.ts");
const NAMES = ["DynamoTable", "StateLockTable", "OrdersTable", "ProductionTable", "TerraformStateBackend"];
const TABLES = NAMES.filter((n) => n !== "TerraformStateBackend");
const typeRef = (name: string) => `#/types/${PROVIDER_NAME}:index:${name}`;
const AWS_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules/@pulumi/aws/package.json"), "utf8")).version;

type Prop = Record<string, any>;
const resource = (s: PackageSpec, name: string) => s.resources[typeToken(name)];
const inputs = (s: PackageSpec, name: string): Record<string, Prop> => resource(s, name).inputProperties ?? {};
const outputs = (s: PackageSpec, name: string): Record<string, Prop> => resource(s, name).properties ?? {};
interface TypeDef { type: string; enum?: { name: string; value: string | number }[]; required?: string[]; properties?: Record<string, Prop> }
const type = (s: PackageSpec, name: string) => s.types[`${PROVIDER_NAME}:index:${name}`] as TypeDef;
const withoutDescriptions = (props: Record<string, Prop>) =>
  Object.fromEntries(Object.entries(props).map(([k, { description: _d, ...rest }]) => [k, rest]));

describe("components/schema: the multi-language package, as the Node SDK's component analyzer infers it", function () {
  this.timeout(60_000);
  let schema: PackageSpec;

  before(async () => {
    schema = await inferSchema({ entry: ENTRY, components: getPulumiComponents(require(ENTRY)) });
  });

  it("PulumiPlugin.yaml runs the package with the nodejs runtime", () => {
    const plugin = parseYaml(fs.readFileSync(path.join(REPO, "PulumiPlugin.yaml"), "utf8"));
    assert.strictEqual(typeof plugin.runtime === "string" ? plugin.runtime : plugin.runtime?.name, "nodejs");
  });

  it("names every component dynamodb-blueprints:index:<Type>, the token the component registers with", () => {
    assert.strictEqual(PROVIDER_NAME, "dynamodb-blueprints");
    assert.deepStrictEqual(Object.keys(schema.resources).sort(), NAMES.map(typeToken).sort());
    for (const name of NAMES) {
      assert.strictEqual(typeToken(name), `dynamodb-blueprints:index:${name}`);
      assert.strictEqual(resource(schema, name).isComponent, true, name);
    }
    const exported = getPulumiComponents(require(ENTRY)).map((c) => c.name);
    assert.deepStrictEqual(exported.sort(), [...NAMES].sort(), "every exported component is in the schema, nothing else");
  });

  it("DynamoTable: partitionKey is the one required input, an object of name (string) and type (enum S, N, B)", () => {
    const r = resource(schema, "DynamoTable");
    assert.deepStrictEqual(r.requiredInputs, ["partitionKey"]);
    const pk = inputs(schema, "DynamoTable").partitionKey;
    assert.strictEqual(pk.$ref, typeRef("KeyAttribute"));
    assert.strictEqual(pk.optional, undefined);
    const key = type(schema, "KeyAttribute");
    assert.strictEqual(key.type, "object");
    assert.deepStrictEqual(key.required, ["name", "type"]);
    assert.strictEqual(key.properties!.name.type, "string");
    assert.strictEqual(key.properties!.type.$ref, typeRef("AttributeType"));
    assert.deepStrictEqual(type(schema, "AttributeType").enum!.map((e) => e.value), [...ATTRIBUTE_TYPES]);
  });

  it("DynamoTable: every other input is optional, with the model's types", () => {
    const i = inputs(schema, "DynamoTable");
    for (const [name, p] of Object.entries(i)) if (name !== "partitionKey") assert.strictEqual(p.optional, true, name);
    const expect: Record<string, Prop> = {
      tableName: { type: "string" },
      sortKey: { $ref: typeRef("KeyAttribute") },
      billingMode: { $ref: typeRef("BillingMode") },
      readCapacity: { type: "number" },
      autoscaling: { $ref: typeRef("AutoscalingArgs") },
      globalSecondaryIndexes: { type: "array", items: { $ref: typeRef("GlobalSecondaryIndexArgs"), plain: true } },
      localSecondaryIndexes: { type: "array", items: { $ref: typeRef("LocalSecondaryIndexArgs"), plain: true } },
      pointInTimeRecovery: { type: "boolean" },
      encryption: { $ref: typeRef("EncryptionMode") },
      streamViewType: { $ref: typeRef("StreamViewType") },
      tableClass: { $ref: typeRef("TableClass") },
      onDemandThroughput: { $ref: typeRef("OnDemandThroughput") },
      monitoring: { $ref: typeRef("TableMonitoring") },
      streamConsumer: { $ref: typeRef("TableStreamConsumer") },
      replicas: { type: "array", items: { $ref: typeRef("TableReplica"), plain: true } },
      // pulumi.Input<string> fields are not plain: another resource's output may be passed.
      kmsKeyArn: { type: "string" },
      tags: { type: "object", additionalProperties: { type: "string" } },
    };
    for (const [name, shape] of Object.entries(expect)) {
      const { description: _d, optional: _o, plain: _p, ...got } = i[name] ?? {};
      assert.deepStrictEqual(got, shape, name);
    }
    assert.strictEqual(i.kmsKeyArn.plain, undefined);
    assert.strictEqual(i.tableName.plain, true);
    // partitionKey or partitionKeys (a multi-attribute key): the model requires exactly one of them.
    assert.deepStrictEqual(type(schema, "GlobalSecondaryIndexArgs").required, ["name"]);
    const { description: _d, optional: _o, plain: _p, ...keys } = type(schema, "GlobalSecondaryIndexArgs").properties!.partitionKeys;
    assert.deepStrictEqual(keys, { type: "array", items: { $ref: typeRef("KeyAttribute"), plain: true } });
    assert.deepStrictEqual(type(schema, "ImportTableArgs").required, ["bucket", "inputFormat"]);
    assert.deepStrictEqual(type(schema, "LocalSecondaryIndexArgs").required, ["name", "sortKey"]);
    assert.deepStrictEqual(type(schema, "ScalingRange").required, ["max", "min"]);
    assert.deepStrictEqual(type(schema, "TableStreamConsumer").required, ["functionArn"]);
    assert.deepStrictEqual(type(schema, "TableReplica").required, ["region"]);
    assert.deepStrictEqual(type(schema, "TableGrant").required, ["access", "role"]);
    assert.deepStrictEqual(type(schema, "TableMonitoring").required, []);
  });

  it("enums are string constants with exactly the model's values", () => {
    const enums: Record<string, readonly string[]> = {
      AttributeType: ATTRIBUTE_TYPES, BillingMode: BILLING_MODES, ProjectionType: PROJECTION_TYPES,
      EncryptionMode: ENCRYPTION_MODES, StreamViewType: STREAM_VIEW_TYPES, TableClass: TABLE_CLASSES,
      StartingPosition: STARTING_POSITIONS,
    };
    for (const [name, values] of Object.entries(enums)) {
      const t = type(schema, name);
      assert.ok(t, `no enum type ${name}`);
      assert.strictEqual(t.type, "string", name);
      assert.deepStrictEqual(t.enum!.map((e) => [e.name, e.value]), values.map((v) => [v, v]), name);
    }
  });

  it("OrdersTable: environment is required; every DynamoTable input is an optional override of the same type", () => {
    assert.deepStrictEqual(resource(schema, "OrdersTable").requiredInputs, ["environment"]);
    const orders = inputs(schema, "OrdersTable");
    assert.strictEqual(orders.environment.type, "string");
    const table = inputs(schema, "DynamoTable");
    assert.deepStrictEqual(Object.keys(orders).sort(), [...Object.keys(table), "environment"].sort());
    for (const [name, p] of Object.entries(table)) {
      assert.deepStrictEqual(orders[name], { ...p, optional: true }, name);
    }
  });

  it("ProductionTable takes DynamoTable's inputs; StateLockTable seven optional ones (importFrom for adopting, region for a state backend in another Region); the backend needs a bucketName", () => {
    assert.deepStrictEqual(inputs(schema, "ProductionTable"), inputs(schema, "DynamoTable"));
    assert.deepStrictEqual(resource(schema, "ProductionTable").requiredInputs, ["partitionKey"]);
    assert.deepStrictEqual(Object.keys(inputs(schema, "StateLockTable")).sort(),
      ["deletionProtection", "encryption", "importFrom", "kmsKeyArn", "region", "tableName", "tags"]);
    assert.deepStrictEqual(resource(schema, "StateLockTable").requiredInputs, []);
    assert.strictEqual(inputs(schema, "StateLockTable").encryption.$ref, typeRef("EncryptionMode"));
    const backend = inputs(schema, "TerraformStateBackend");
    assert.deepStrictEqual(resource(schema, "TerraformStateBackend").requiredInputs, ["bucketName"]);
    assert.deepStrictEqual(Object.keys(backend).sort(), ["bucketName", "legacyLockTable", "lockTableDeletionProtection",
      "lockTableEncryption", "lockTableName", "region", "stateKey", "tags"]);
    assert.strictEqual(backend.bucketName.type, "string");
    assert.strictEqual(backend.lockTableEncryption.$ref, typeRef("EncryptionMode"));
  });

  it("every input and every property of an input type has a description (from the doc comments)", () => {
    const missing: string[] = [];
    for (const name of NAMES) {
      for (const [p, def] of Object.entries(inputs(schema, name))) if (!def.description?.trim()) missing.push(`${name}.${p}`);
    }
    for (const [token, t] of Object.entries(schema.types as Record<string, TypeDef>)) {
      for (const [p, def] of Object.entries(t.properties ?? {})) if (!def.description?.trim()) missing.push(`${token}.${p}`);
    }
    assert.deepStrictEqual(missing, [], "add a /** doc comment */ to each of these args fields");
  });

  it("outputs: tableName, tableArn, streamArn, kmsKeyArn (optional) and the aws Table; the backend's seven", () => {
    for (const name of TABLES) {
      const o = withoutDescriptions(outputs(schema, name));
      assert.deepStrictEqual(o, {
        table: { $ref: `/aws/v${AWS_VERSION}/schema.json#/resources/aws:dynamodb%2Ftable:Table` },
        tableName: { type: "string" },
        tableArn: { type: "string" },
        streamArn: { type: "string" },
        kmsKeyArn: { type: "string", optional: true },
      }, name);
      assert.deepStrictEqual(resource(schema, name).required, ["streamArn", "table", "tableArn", "tableName"], name);
    }
    const o = withoutDescriptions(outputs(schema, "TerraformStateBackend"));
    assert.deepStrictEqual(o, {
      bucketName: { type: "string" }, bucketArn: { type: "string" }, lockTableName: { type: "string" },
      lockTableArn: { type: "string" }, stateKey: { type: "string" }, region: { type: "string" },
      backendConfig: { $ref: typeRef("BackendConfig") },
    });
    const backendConfig = type(schema, "BackendConfig");
    assert.deepStrictEqual(backendConfig.required, ["bucket", "encrypt", "key", "region", "use_lockfile"]);
    assert.strictEqual(backendConfig.properties!.dynamodb_table.type, "string");
    assert.strictEqual(backendConfig.properties!.use_lockfile.type, "boolean");
    assert.deepStrictEqual(schema.dependencies, [{ name: "aws", version: AWS_VERSION }]);
  });
});
