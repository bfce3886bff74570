/**
 * docs/reference.md is generated (scripts/docs-reference.ts) and must stay current, the way
 * terraform-docs checks a module's README: this test regenerates it and fails on any difference.
 * It also checks the reference against the code's behaviour, not against itself: the arguments it
 * lists for each component are exactly the ones the model's validation accepts (probed with an
 * unknown key, whose error lists the known ones), and every default in model/defaults.ts shows up.
 */
import * as assert from "assert";
import * as fs from "fs";
import { REFERENCE_FILE, generateReference } from "../../scripts/docs-reference";
import { Surface, extractSurface } from "../../scripts/reference/extract";
import { StaleCommentError, commentDefault, defaultOf } from "../../scripts/reference/defaults";
import { undocumented } from "../../scripts/reference/render";
import { TABLE_DEFAULTS } from "../../model/defaults";
import { dynamoTable, ordersTable, productionTable, stateLockTable } from "../../model/blueprints";
import { stateBackend } from "../../model/state-backend";
import { BlueprintValidationError } from "../../model/errors";

const PROBE = "zzzNotAnArgument";
/** JSDoc tags a doc comment of the public surface may carry; any other "@name" is prose TypeScript cut off. */
const DOC_TAGS = ["default", "deprecated", "example", "see", "remarks"];

/** The argument names the model's validation accepts at `path` (from the unknown-key error's fix text). */
function acceptedKeys(build: (args: Record<string, unknown>) => unknown, base: Record<string, unknown>, path: string[] = []): string[] {
  const args = structuredClone(base);
  let at: Record<string, unknown> = args;
  for (const step of path) at = at[step] as Record<string, unknown>;
  at[PROBE] = 1;
  try {
    build(args);
  } catch (error) {
    assert.ok(error instanceof BlueprintValidationError, String(error));
    const problem = error.problems.find((p) => p.where.endsWith(`.${PROBE}`));
    assert.ok(problem, `no unknown-key problem for ${path.join(".") || "args"}: ${error.message}`);
    const known = /known arguments are (.*)$/.exec(problem.fix);
    assert.ok(known, problem.fix);
    return known[1].split(", ").sort();
  }
  assert.fail(`the model accepted an unknown argument at ${path.join(".") || "args"}`);
}

describe("docs/reference.md (generated from the TypeScript types)", function () {
  this.timeout(60_000);
  let surface: Surface;
  let generated: string;
  before(() => {
    surface = extractSurface();
    generated = generateReference(surface);
  });

  const component = (name: string) => surface.components.find((c) => c.name === name)!;
  const type = (name: string) => surface.types.find((t) => t.name === name)!;
  const names = (members: { name: string }[]) => members.map((m) => m.name).sort();

  it("is current: run `npm run docs:reference` and commit the file when this fails", () => {
    const committed = fs.existsSync(REFERENCE_FILE) ? fs.readFileSync(REFERENCE_FILE, "utf8") : "";
    assert.ok(committed === generated, "docs/reference.md is stale: run `npm run docs:reference` and commit it");
  });

  it("covers the five components and the nested option types users asked for", () => {
    assert.deepStrictEqual(surface.components.map((c) => c.name).sort(),
      ["DynamoTable", "OrdersTable", "ProductionTable", "StateLockTable", "TerraformStateBackend"]);
    const gsi = type("GlobalSecondaryIndexArgs");
    assert.ok(["readCapacity", "writeCapacity", "autoscaling", "onDemandThroughput"].every((n) => gsi.members.some((m) => m.name === n)));
    assert.ok(type("ScalingRange") && type("AutoscalingArgs"));
    assert.ok(type("TableMonitoring").members.some((m) => m.name === "consumedCapacityPercent"));
    assert.ok(["maximumRetryAttempts", "bisectBatchOnFunctionError"].every((n) => type("TableStreamConsumer").members.some((m) => m.name === n)));
    assert.match(generated, /^## StateLockTable\n/m);
  });

  it("lists exactly the arguments each component's validation accepts", () => {
    const key = { partitionKey: { name: "id", type: "S" } };
    const cases: [string, (a: Record<string, unknown>) => unknown, Record<string, unknown>][] = [
      ["DynamoTable", (a) => dynamoTable("t", a as never), key],
      ["ProductionTable", (a) => productionTable("t", a as never), key],
      ["OrdersTable", (a) => ordersTable("t", a as never), { environment: "dev" }],
      ["StateLockTable", (a) => stateLockTable("t", a as never), {}],
      ["TerraformStateBackend", (a) => stateBackend("t", a as never), { bucketName: "example-state-bucket" }],
    ];
    for (const [name, build, base] of cases) {
      const documented = names(component(name).args.members).filter((n) => !(name === "OrdersTable" && n === "environment"));
      assert.deepStrictEqual(documented, acceptedKeys(build, base), name);
    }
  });

  it("lists exactly the nested arguments the validation accepts (monitoring, stream consumer, replicas)", () => {
    const build = (a: Record<string, unknown>) => dynamoTable("t", a as never);
    const base = {
      partitionKey: { name: "id", type: "S" }, streamViewType: "NEW_AND_OLD_IMAGES", region: "us-east-1",
      monitoring: {}, streamConsumer: { functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f" }, replicas: [{ region: "eu-west-1" }],
    };
    assert.deepStrictEqual(names(type("TableMonitoring").members), acceptedKeys(build, base, ["monitoring"]));
    assert.deepStrictEqual(names(type("TableStreamConsumer").members), acceptedKeys(build, base, ["streamConsumer"]));
    assert.deepStrictEqual(names(type("TableReplica").members), acceptedKeys(build, base, ["replicas", "0"]));
  });

  it("shows every default of model/defaults.ts, taken from the model", () => {
    const fromModel = new Set<string>();
    for (const t of [...surface.components.map((c) => c.args), ...surface.types]) {
      for (const m of t.members) if (defaultOf(undefined, t, m)?.source === "model") fromModel.add(m.name);
    }
    const leaves = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? leaves(v) : [k]));
    const missing = leaves(TABLE_DEFAULTS).filter((k) => !fromModel.has(k));
    assert.deepStrictEqual(missing, [], "a default in model/defaults.ts that no documented argument shows");
    assert.match(generated, /\| `targetUtilization` \| `number` \| `70` \|/);
  });

  it("refuses a doc comment whose stated default disagrees with the model (it can fail)", () => {
    const scaling = { name: "ScalingRange", description: "", lineage: ["ScalingRange"], members: [] };
    const member = { name: "targetUtilization", type: "`number`", optional: true, description: "Target utilisation. Default 80.", tags: {} };
    assert.throws(() => defaultOf(undefined, scaling, member), StaleCommentError);
    assert.strictEqual(defaultOf(undefined, scaling, { ...member, description: "Default 70." })?.text, "`70`");
    assert.strictEqual(commentDefault("PITR window in days, 1-35, default 35."), "35");
    assert.strictEqual(commentDefault("Default: the table's own setting."), "the table's own setting");
  });

  it("refuses an argument or output without a doc comment (it can fail)", () => {
    const blank = { name: "x", type: "`string`", optional: true, description: "", tags: {} };
    const fake: Surface = { components: [], types: [{ name: "T", description: "t", lineage: ["T"], members: [blank] }] };
    assert.deepStrictEqual(undocumented(fake), ["T.x"]);
    assert.deepStrictEqual(undocumented(surface), []);
  });

  // TypeScript reads "@word" after a space in a doc comment as a JSDoc tag and ends the description
  // there: "(provider 6 / @pulumi/aws 7 ...)" became "The table's Region (provider 6 /" in the reference.
  it("no doc comment is cut short by an @name TypeScript reads as a tag (write package names in backticks)", () => {
    const members = [
      ...surface.components.flatMap((c) => [...c.args.members, ...c.outputs, ...c.properties, ...c.methods].map((m) => ({ owner: c.name, m }))),
      ...surface.types.flatMap((t) => t.members.map((m) => ({ owner: t.name, m }))),
    ];
    const cut = members.filter(({ m }) => Object.keys(m.tags).some((tag) => !DOC_TAGS.includes(tag))).map(({ owner, m }) => `${owner}.${m.name}: @${Object.keys(m.tags).join(", @")}`);
    assert.deepStrictEqual(cut, []);
  });
});

