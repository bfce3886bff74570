/**
 * Pulumi's escape hatches against the HCL (components/transformations.ts, docs/transformations.md):
 * each kind of transformation (the `transformations` option, the `transforms` option, a stack
 * transformation, a stack transform) applied to a table, its KMS key and an alarm. Either the flat and
 * module layouts carry the change (parsed by HashiCorp's parser, checked against the provider schema,
 * and compared with the inputs Pulumi registered under mocks), or toTerraform refuses, naming the
 * component, the resource and the argument.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { assertMocksActive, byName, runUnderMocks, MockRun } from "../helpers/pulumi-mocks";
import { providerProblems } from "../helpers/provider-check";
import { parseHcl } from "../hcl/tools";
import { toPulumiShape } from "../helpers/hcl-eval";
import { dig, expandBody } from "../helpers/hcl-expr";
import { DynamoTable, DynamoTableArgs, ProductionTable } from "../../components/tables";
import { toTerraform } from "../../terraform/to-terraform";
import { assertNoUnacceptedReplacements, buildLock } from "../../project/schema-lock";

const TABLE = "aws:dynamodb/table:Table";
const KEY = "aws:kms/key:Key";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const ARGS: DynamoTableArgs = {
  tableName: "xform-tbl", partitionKey: { name: "id", type: "S" }, encryption: "CUSTOMER_MANAGED",
  monitoring: { alarmTopicArn: "arn:aws:sns:us-east-1:123456789012:alerts" },
};

/** What each target's transformation changes: Pulumi input -> new value. */
const CHANGES: Record<string, Record<string, unknown>> = {
  [TABLE]: { tableClass: "STANDARD_INFREQUENT_ACCESS", deletionProtectionEnabled: true },
  [KEY]: { description: "rotated by the platform team" },
  // Pulumi's `name` is the provider's `alarm_name`: the message must say so (provider schema, not a rule).
  [ALARM]: { name: "renamed-alarm" },
};
/** One alarm is changed (a name must stay unique). */
const ALARM_NAME = "xform-read-throttles";

type Kind = "transformations" | "transforms" | "stackTransformation" | "stackTransform";

/** A transformation (SDK-side) or transform (engine-side) changing `target`'s inputs. */
const sdk = (target: string): pulumi.ResourceTransformation => (a) =>
  (a.type === target && (target !== ALARM || a.name === ALARM_NAME) ? { props: { ...a.props, ...CHANGES[target] }, opts: a.opts } : undefined);
const engine = (target: string): pulumi.ResourceTransform => async (a) =>
  (a.type === target && (target !== ALARM || a.name === ALARM_NAME) ? { props: { ...a.props, ...CHANGES[target] }, opts: a.opts } : undefined);

/** Create the table with one kind of transformation aimed at `target`; the run proves the mocks were active. */
async function create(kind: Kind, target: string, args: DynamoTableArgs = ARGS): Promise<{ run: MockRun; table: DynamoTable }> {
  let table: DynamoTable | undefined;
  const run = await runUnderMocks(() => pulumi.runtime.runInPulumiStack(async () => {
    if (kind === "stackTransformation") pulumi.runtime.registerStackTransformation(sdk(target));
    if (kind === "stackTransform") pulumi.runtime.registerResourceTransform(engine(target));
    table = new DynamoTable("xform", args, kind === "transformations" ? { transformations: [sdk(target)] } : kind === "transforms" ? { transforms: [engine(target)] } : {});
    return {};
  }));
  assertMocksActive(run);
  return { run, table: table! };
}

/** The table as each layout writes it, in Pulumi's input shape (module: the body with the call's inputs substituted). */
async function tableInBothLayouts(table: DynamoTable) {
  const flatFiles = await toTerraform([table], { layout: "flat" });
  const moduleFiles = await toTerraform([table], { layout: "module" });
  const flat = (await parseHcl(flatFiles["xform.tf"])).resource.aws_dynamodb_table.xform[0];
  const call = (await parseHcl(moduleFiles["main.tf"])).module.xform[0];
  const variables = (await parseHcl(moduleFiles["modules/dynamodb/variables.tf"])).variable;
  const bodies = (await parseHcl(moduleFiles["modules/dynamodb/main.tf"])).resource.aws_dynamodb_table;
  const moduleTable = await expandBody(Object.values<any[]>(bodies)[0][0],
    (p) => (p[0] === "var" ? dig(p[1] in call ? call[p[1]] : variables[p[1]][0].default ?? null, p.slice(2)) : `ref:${p.join(".")}`));
  return { flatFiles, moduleFiles, flat: toPulumiShape("aws_dynamodb_table", flat), module: toPulumiShape("aws_dynamodb_table", moduleTable) };
}

describe("transformations: seen by both renderers or refused", () => {
  for (const kind of ["transformations", "stackTransformation"] as const) {
    describe(`${kind} (SDK-side, run in the program)`, () => {
      it("a table change no argument forbids reaches the flat and module HCL, as Pulumi registered it", async () => {
        const { run, table } = await create(kind, TABLE);
        const registered = byName(run, "xform", TABLE).inputs;
        assert.strictEqual(registered.tableClass, "STANDARD_INFREQUENT_ACCESS");
        assert.strictEqual(registered.deletionProtectionEnabled, true);
        const { flatFiles, moduleFiles, flat, module } = await tableInBothLayouts(table);
        assert.deepStrictEqual(await providerProblems(flatFiles), []);
        assert.deepStrictEqual(await providerProblems(moduleFiles), []);
        for (const layout of [flat, module]) {
          // Every literal argument equals what Pulumi registered (references and computed blocks aside).
          for (const [key, value] of Object.entries(registered)) {
            const written = layout.inputs[key];
            if (typeof value === "object" || (typeof written === "string" && written.includes("${")) || String(written).startsWith("ref:")) continue;
            assert.deepStrictEqual(written, value, `${key}: HCL ${JSON.stringify(written)}, Pulumi ${JSON.stringify(value)}`);
          }
        }
        assert.strictEqual(flat.inputs.tableClass, "STANDARD_INFREQUENT_ACCESS");
        assert.strictEqual(module.inputs.deletionProtectionEnabled, true);
      });

      for (const [target, argument] of [[KEY, "description (Terraform description)"], [ALARM, "argument name (Terraform alarm_name)"]]) {
        it(`a ${target} change no argument stands for makes toTerraform refuse, naming component, resource and argument`, async () => {
          const { run, table } = await create(kind, target);
          const changed = run.resources.find((r) => r.type === target && Object.entries(CHANGES[target]).every(([k, v]) => r.inputs[k] === v));
          assert.ok(changed, "Pulumi registered the transformed inputs");
          for (const layout of ["flat", "module"] as const) {
            await assert.rejects(toTerraform([table], { layout }), (e: Error) => {
              assert.match(e.message, /DynamoTable "xform"/);
              assert.ok(e.message.includes(`${target} "${changed.name}"`), e.message);
              assert.ok(e.message.includes(argument), e.message);
              return true;
            });
          }
        });
      }
    });
  }

  for (const kind of ["transforms", "stackTransform"] as const) {
    describe(`${kind} (engine-side: the mocked run refuses to emit)`, () => {
      for (const target of [TABLE, KEY, ALARM]) {
        it(`aimed at ${target}: toTerraform refuses in both layouts`, async () => {
          const { table } = await create(kind, target);
          for (const layout of ["flat", "module"] as const) {
            await assert.rejects(toTerraform([table], { layout }),
              new RegExp(`DynamoTable "xform": ${kind === "transforms" ? "opts\\.transforms" : "a stack transform"}.*Pulumi engine`));
          }
        });
      }
    });
  }

  it("without any transformation nothing is refused (the recorder itself changes nothing)", async () => {
    const { table } = await create("transformations", "aws:none/none:None");
    assert.strictEqual(table.blueprint.unrenderable, undefined);
    assert.ok((await toTerraform([table], { layout: "flat" }))["xform.tf"]);
  });

  it("refuses to emit when the SDK does not run the component's transformation list (nothing could be checked)", async () => {
    // An SDK that stopped reading `__transformations` is simulated by a component that drops the assignment.
    class Deaf extends DynamoTable {}
    Object.defineProperty(Deaf.prototype, "__transformations", { get: () => [], set: () => undefined, configurable: true });
    let table: DynamoTable | undefined;
    await runUnderMocks(() => { table = new Deaf("xform", ARGS); });
    await assert.rejects(toTerraform([table!]), /aws_kms_key\.xform: the registered inputs: could not be observed/);
  });

  describe("lifecycle options", () => {
    const withOpts = (change: (o: pulumi.CustomResourceOptions, type: string) => pulumi.CustomResourceOptions): pulumi.ResourceTransformation =>
      (a) => ({ props: a.props, opts: change(a.opts as pulumi.CustomResourceOptions, a.type) });

    it("protect on the table and its key becomes prevent_destroy in both layouts", async () => {
      let table: DynamoTable | undefined;
      const run = await runUnderMocks(() => {
        table = new DynamoTable("xform", ARGS, { transformations: [withOpts((o, t) => ([TABLE, KEY].includes(t) ? { ...o, protect: true } : o))] });
      });
      assertMocksActive(run);
      assert.ok(byName(run, "xform", TABLE).protect && byName(run, "xform-key", KEY).protect);
      const flat = await parseHcl((await toTerraform([table!], { layout: "flat" }))["xform.tf"]);
      assert.strictEqual(flat.resource.aws_dynamodb_table.xform[0].lifecycle[0].prevent_destroy, true);
      assert.strictEqual(flat.resource.aws_kms_key.xform[0].lifecycle[0].prevent_destroy, true);
      const module = await toTerraform([table!], { layout: "module" });
      assert.match(module["modules/dynamodb/main.tf"], /prevent_destroy = true/);
      assert.deepStrictEqual(await providerProblems(module), []);
    });

    it("ignoreChanges added by a transformation is refused: the HCL's lifecycle would not ignore it", async () => {
      let table: DynamoTable | undefined;
      await runUnderMocks(() => {
        table = new DynamoTable("xform", ARGS, { transformations: [withOpts((o, t) => (t === TABLE ? { ...o, ignoreChanges: ["tags"] } : o))] });
      });
      await assert.rejects(toTerraform([table!]), /aws:dynamodb\/table:Table "xform" \(aws_dynamodb_table\.xform\) resource option ignoreChanges/);
    });
  });

  it("a transformation moving the table to another Region is refused with the region argument as the fix", async () => {
    let table: DynamoTable | undefined;
    await runUnderMocks(() => {
      table = new DynamoTable("xform", { ...ARGS, region: "eu-west-1" }, { transformations: [(a) => (a.type === TABLE ? { props: { ...a.props, region: "eu-central-1" }, opts: a.opts } : undefined)] });
    });
    for (const layout of ["flat", "module"] as const) {
      await assert.rejects(toTerraform([table!], { layout }), (e: Error) =>
        e.message.includes(`DynamoTable "xform": aws:dynamodb/table:Table "xform" (aws_dynamodb_table.xform) argument region (Terraform region): is "eu-west-1" in the blueprint's plan, but a Pulumi transformation moved this resource to another Region`)
        && e.message.includes("Fix: set the table's region argument"));
    }
  });

  describe("a transformation that edits props in place (nested objects are the ones the component passed)", () => {
    const indexed: DynamoTableArgs = { ...ARGS, billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5,
      globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" }, readCapacity: 5, writeCapacity: 5 }] };
    const inPlace = (edit: (props: any) => void): pulumi.ResourceTransformation => (a) => {
      if (a.type !== TABLE) return undefined;
      edit(a.props);
      return { props: a.props, opts: a.opts };
    };

    it("a GSI edited in place is refused in both layouts, naming the index argument", async () => {
      let table: DynamoTable | undefined;
      const run = await runUnderMocks(() => { table = new DynamoTable("xform", indexed, { transformations: [inPlace((p) => { p.globalSecondaryIndexes[0].readCapacity = 9; })] }); });
      assertMocksActive(run);
      assert.strictEqual(byName(run, "xform", TABLE).inputs.globalSecondaryIndexes[0].readCapacity, 9, "Pulumi registered the edited index");
      for (const layout of ["flat", "module"] as const) {
        await assert.rejects(toTerraform([table!], { layout }),
          /DynamoTable "xform": aws:dynamodb\/table:Table "xform" \(aws_dynamodb_table\.xform\) argument globalSecondaryIndexes\[0\]\.readCapacity/);
      }
    });

    it("point-in-time recovery edited in place reaches both layouts as Pulumi registered it", async () => {
      let table: DynamoTable | undefined;
      const run = await runUnderMocks(() => { table = new DynamoTable("xform", ARGS, { transformations: [inPlace((p) => { p.pointInTimeRecovery.recoveryPeriodInDays = 3; })] }); });
      assertMocksActive(run);
      assert.strictEqual(byName(run, "xform", TABLE).inputs.pointInTimeRecovery.recoveryPeriodInDays, 3);
      const { flat, module } = await tableInBothLayouts(table!);
      assert.strictEqual(flat.inputs.pointInTimeRecovery.recoveryPeriodInDays, 3);
      assert.strictEqual(module.inputs.pointInTimeRecovery.recoveryPeriodInDays, 3);
    });
  });

  describe("data safety: a transformed value meets the rules of an argument", () => {
    const plain: DynamoTableArgs = { tableName: "xform-tbl", partitionKey: { name: "id", type: "S" } };

    /** The lock of the table as deployed without transformations, and the table with `changes` made by one. */
    async function lockAndTransformed(changes: Record<string, unknown>) {
      let before: DynamoTable | undefined;
      let after: DynamoTable | undefined;
      await runUnderMocks(() => { before = new DynamoTable("xform", plain); });
      await runUnderMocks(() => {
        after = new DynamoTable("xform", plain, { transformations: [(a) => (a.type === TABLE ? { props: { ...a.props, ...changes }, opts: a.opts } : undefined)] });
      });
      return { lock: buildLock("dev", [before!.blueprint]), after: after! };
    }

    it("a renamed table is a replacement the schema lock refuses, as if tableName had changed", async () => {
      const { lock, after } = await lockAndTransformed({ name: "xform-renamed" });
      assert.strictEqual(after.blueprint.table.tableName, "xform-renamed");
      assert.throws(() => assertNoUnacceptedReplacements(lock, "dev", [after.blueprint]), /xform-renamed/);
      assert.match((await toTerraform([after], { layout: "flat" }))["xform.tf"], /name +?= "xform-renamed"/);
    });

    it("a re-keyed table (hashKey and attributes) is caught by the schema lock like a changed partitionKey", async () => {
      const { lock, after } = await lockAndTransformed({ hashKey: "tenant", attributes: [{ name: "tenant", type: "S" }] });
      assert.deepStrictEqual(after.blueprint.table.partitionKey, { name: "tenant", type: "S" });
      assert.throws(() => assertNoUnacceptedReplacements(lock, "dev", [after.blueprint]), /partitionKey/);
    });

    it("a ProductionTable whose deletion protection a transformation turns off is refused with the production rule", async () => {
      let table: ProductionTable | undefined;
      await runUnderMocks(() => {
        table = new ProductionTable("prod", plain, { transformations: [(a) => (a.type === TABLE ? { props: { ...a.props, deletionProtectionEnabled: false }, opts: a.opts } : undefined)] });
      });
      await assert.rejects(toTerraform([table!]), /ProductionTable "prod"\.deletionProtection.*always has AWS deletion protection.*Pulumi transformation/s);
    });
  });
});
