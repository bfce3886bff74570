/**
 * The lean module (terraform/module-contents.ts): `modules/dynamodb` holds only what the stack's tables
 * use. Read back with HashiCorp's parser: every argument path a table variant writes is one the flat
 * layout writes for some table of the same program (so the module raises no provider floor the stack
 * does not need, e.g. `restore_backup_arn`, hashicorp/aws 6.38.0), and the prod stack stays within the
 * sizes issue 23 set. The full module (`fullModule`) still has every argument, so these checks can
 * fail; its guard (an output precondition) stops a call the lean module has no variant for.
 */
import * as assert from "assert";
import * as path from "path";
import { parseHcl } from "../hcl/tools";
import { Scope, dig, evalValue } from "../helpers/hcl-expr";
import { featurePrograms } from "../helpers/feature-programs";
import { toTerraform } from "../../terraform/to-terraform";
import { loadStack } from "../../cli/stack-file";
import { dynamoTable } from "../../model/blueprints";
import { Blueprint } from "../../model/stack";
import { BlueprintValidationError } from "../../model/errors";

const ROOT = path.resolve(__dirname, "../..");
const MAIN = "modules/dynamodb/main.tf";

/** Argument paths of a parsed resource body: attributes, blocks and `dynamic` blocks' content, not meta-arguments. */
function paths(body: Record<string, any>, prefix = "", into = new Set<string>()): Set<string> {
  for (const [name, value] of Object.entries(body)) {
    if (["count", "for_each", "lifecycle", "depends_on"].includes(name)) continue;
    if (name === "dynamic") {
      for (const [label, blocks] of Object.entries<any[]>(value)) {
        into.add(prefix + label);
        for (const b of blocks) for (const content of b.content ?? []) paths(content, `${prefix}${label}.`, into);
      }
    } else if (Array.isArray(value) && value.every((v) => v && typeof v === "object" && !Array.isArray(v))) {
      into.add(prefix + name);
      for (const v of value) paths(v, `${prefix}${name}.`, into);
    } else into.add(prefix + name);
  }
  return into;
}

async function tablePaths(files: Record<string, string>, module: boolean): Promise<Set<string>> {
  const out = new Set<string>();
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith(".tf") || (module ? file !== MAIN : file.includes("/"))) continue;
    for (const bodies of Object.values<any[]>((await parseHcl(text)).resource?.aws_dynamodb_table ?? {})) paths(bodies[0], "", out);
  }
  return out;
}

/**
 * Arguments a stack that does not set them must not write (the newer ones raise the hashicorp/aws floor,
 * provider CHANGELOG). Not `region` (6.0.0, the baseline): prod's state backend names its Region, and its
 * lock table is created there (model/state-backend.ts).
 */
const FLOOR_RAISING = ["restore_backup_arn", "warm_throughput", "global_secondary_index.warm_throughput", "replica.consistency_mode",
  "replica.deletion_protection_enabled", "global_table_witness", "on_demand_throughput", "global_secondary_index.on_demand_throughput"];

const programs = (): [string, Blueprint[]][] => [
  ["stack dev", loadStack(ROOT, "dev").blueprints], ["stack prod", loadStack(ROOT, "prod").blueprints], ...Object.entries(featurePrograms()),
];

describe("terraform lean module: only what the stack's tables use", function () {
  this.timeout(60_000);

  for (const [name, blueprints] of programs()) {
    it(`${name}: the module's table variants write exactly the argument paths the flat layout writes`, async () => {
      const flat = await tablePaths(await toTerraform(blueprints, { layout: "flat" }), false);
      const module = await tablePaths(await toTerraform(blueprints, { layout: "module" }), true);
      assert.deepStrictEqual([...module].filter((p) => !flat.has(p)).sort(), [], "written by the module only");
      assert.deepStrictEqual([...flat].filter((p) => !module.has(p)).sort(), [], "written by the flat layout only");
    });
  }

  it("prod writes no floor-raising argument, not even in ignore_changes; the full module has every one (the check can fail)", async () => {
    const prod = loadStack(ROOT, "prod").blueprints;
    const lean = await toTerraform(prod, { layout: "module" });
    const full = await toTerraform(prod, { layout: "module", fullModule: true });
    const leanPaths = await tablePaths(lean, true);
    const fullPaths = await tablePaths(full, true);
    assert.deepStrictEqual(FLOOR_RAISING.filter((p) => leanPaths.has(p)), []);
    assert.deepStrictEqual(FLOOR_RAISING.filter((p) => !fullPaths.has(p)), []);
    assert.doesNotMatch(lean[MAIN], /restore_backup_arn|warm_throughput/);
    // import_table is only ignored (every 6.x provider knows it): neither written nor an input.
    assert.doesNotMatch(lean[MAIN], /import_table \{|var\.import_table/);
    assert.match(full[MAIN], /restore_backup_arn,\n/, "the full module ignores it");
  });

  it("a stack that restores a backup gets restore_backup_arn (and its ignore) in the module", async () => {
    const restored = dynamoTable("orders", { partitionKey: { name: "id", type: "S" }, restoreBackupArn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01489602797149-73d8d5bc" });
    const files = await toTerraform([restored], { layout: "module" });
    assert.match(files[MAIN], /restore_backup_arn += var\.restore_backup_arn/);
    assert.match(files[MAIN], /ignore_changes = \[[^\]]*restore_backup_arn/);
    assert.match(files["modules/dynamodb/variables.tf"], /variable "restore_backup_arn"/);
    assert.doesNotMatch(files[MAIN], /warm_throughput|global_table_witness/);
  });

  it("prod: modules/dynamodb/main.tf at most 35 KB and the whole emission at most half of the earlier 189,878 bytes", async () => {
    const files = await toTerraform(loadStack(ROOT, "prod").blueprints, { layout: "module", stack: "prod", region: "us-east-1" });
    const bytes = (text: string) => Buffer.byteLength(text, "utf8");
    assert.ok(bytes(files[MAIN]) <= 35_000, `${MAIN}: ${bytes(files[MAIN])} bytes`);
    const total = Object.values(files).reduce((n, t) => n + bytes(t), 0);
    assert.ok(total <= 189_878 / 2, `whole emission: ${total} bytes`);
  });
});

describe("terraform lean module: a call it has no variant for stops the plan", () => {
  /** The `table_name` output's preconditions (all must hold), evaluated for one module call of `files` with `inputs` in place of its own. */
  async function guard(files: Record<string, string>, call: string, inputs: Record<string, unknown>): Promise<unknown> {
    const root = (await parseHcl(files["main.tf"])).module[call][0];
    const variables = (await parseHcl(files["modules/dynamodb/variables.tf"])).variable;
    const module = await parseHcl(files[MAIN]);
    const input = (n: string) => (n in inputs ? inputs[n] : n in root ? root[n] : variables[n][0].default ?? null);
    const locals: Record<string, unknown> = {};
    const scope: Scope = (p) => (p[0] === "var" ? dig(input(p[1]), p.slice(2)) : p[0] === "local" ? locals[p[1]] : undefined);
    for (const [name, expr] of Object.entries(Object.assign({}, ...module.locals))) {
      if (["create_kms_key", "autoscaled_gsi"].includes(name)) locals[name] = await evalValue(expr, scope);
    }
    const outputs = (await parseHcl(files["modules/dynamodb/outputs.tf"])).output;
    const results = await Promise.all(outputs.table_name[0].precondition.map((p: any) => evalValue(p.condition, scope)));
    return results.every((r) => r === true);
  }
  const range = { min: 5, max: 50 };

  it("holds for the stack's own calls, fails for another protection, scaling or created key", async () => {
    const files = await toTerraform([dynamoTable("ledger", { partitionKey: { name: "id", type: "S" }, billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5 })], { layout: "module" });
    assert.strictEqual(await guard(files, "ledger", {}), true);
    assert.strictEqual(await guard(files, "ledger", { prevent_destroy: true }), false, "no protected variant");
    assert.strictEqual(await guard(files, "ledger", { autoscaling_read: range }), false, "no read-scaled variant");
    assert.strictEqual(await guard(files, "ledger", { autoscaling_indexes: { byUser: { read: range } } }), false, "no GSI-scaled variant");
    assert.strictEqual(await guard(files, "ledger", { encryption: "CUSTOMER_MANAGED" }), false, "no key variant");
    assert.strictEqual(await guard(files, "ledger", { encryption: "CUSTOMER_MANAGED", kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/x" }), true, "a user key needs none");
  });

  it("holds for every call of dev, prod and the feature programs", async () => {
    for (const [name, blueprints] of programs()) {
      const files = await toTerraform(blueprints, { layout: "module" });
      if (!files[MAIN]) continue;
      for (const call of Object.keys((await parseHcl(files["main.tf"])).module)) assert.strictEqual(await guard(files, call, {}), true, `${name}: ${call}`);
    }
  });

  // A shared lean module would silently drop a nested option it was generated without; for an LSI's
  // non_key_attributes (which force a new table in hashicorp/aws) that is a replacement, not a no-op.
  it("fails for a call that sets a nested option the lean module does not write (an LSI's non_key_attributes, a GSI's warm throughput)", async () => {
    const files = await toTerraform([dynamoTable("ledger", { partitionKey: { name: "id", type: "S" }, sortKey: { name: "at", type: "N" },
      localSecondaryIndexes: [{ name: "byTotal", sortKey: { name: "total", type: "N" }, projectionType: "KEYS_ONLY" }],
      globalSecondaryIndexes: [{ name: "byOwner", partitionKey: { name: "owner", type: "S" } }] })], { layout: "module" });
    assert.strictEqual(await guard(files, "ledger", {}), true);
    const lsi = { name: "byTotal", range_key: "total", projection_type: "INCLUDE", non_key_attributes: ["note"] };
    assert.strictEqual(await guard(files, "ledger", { local_secondary_indexes: [lsi] }), false, "LSI non_key_attributes");
    const gsi = { name: "byOwner", hash_key: "owner", warm_throughput: { read_units_per_second: 15000 } };
    assert.strictEqual(await guard(files, "ledger", { global_secondary_indexes: [gsi] }), false, "GSI warm_throughput");
    assert.strictEqual(await guard(files, "ledger", { global_secondary_indexes: [{ name: "byOwner", hash_key: "owner" }] }), true, "nothing unwritten set");
  });

  it("the full module has no guard: every call has its variant", async () => {
    const files = await toTerraform([dynamoTable("ledger", { partitionKey: { name: "id", type: "S" } })], { layout: "module", fullModule: true });
    assert.strictEqual((await parseHcl(files["modules/dynamodb/outputs.tf"])).output.table_name[0].precondition, undefined);
    assert.strictEqual(Object.keys((await parseHcl(files[MAIN])).resource.aws_dynamodb_table).length, 16);
  });

  it("fullModule is refused with moduleSource (that leaves the module out), with the flat layout, and when not a boolean", async () => {
    const t = () => [dynamoTable("ledger", { partitionKey: { name: "id", type: "S" } })];
    await assert.rejects(toTerraform(t(), { fullModule: true, moduleSource: "../m" }), (e: unknown) => e instanceof BlueprintValidationError && /fullModule: writes modules\/dynamodb, which moduleSource leaves out/.test(e.message));
    await assert.rejects(toTerraform(t(), { fullModule: true, layout: "flat" }), /fullModule: only applies to the module layout/);
    await assert.rejects(toTerraform(t(), { fullModule: "yes" as never }), /fullModule: must be true or false/);
  });
});

/**
 * A restored or imported table keeps its creation arguments in the Terraform state (the provider stores
 * them as configured and never reads them back), and some force a new table when they change
 * (model/creation-source.ts). So whichever module wrote them (the full module, or a lean one while a
 * table of the stack had a source), the next lean module must still ignore them, or the table is
 * replaced: by the user removing the source (under the full module that planned nothing), by another
 * table of the stack dropping the last source, or by switching from `--full-module` to the default.
 */
describe("terraform lean module: creation arguments in the state never turn into a replacement", function () {
  this.timeout(60_000);
  const key = { partitionKey: { name: "id", type: "S" as const } };
  const restored = (name: string) => dynamoTable(name, { ...key, restoreSourceName: "orders", restoreToLatestTime: true });
  const imported = (name: string) => dynamoTable(name, { ...key, importTable: { bucket: "acme-exports", inputFormat: "DYNAMODB_JSON" } });
  const plain = (name: string) => dynamoTable(name, key);
  const unwrap = (s: string) => s.replace(/^\$\{|\}$/g, "");

  /** Creation arguments the previous emission's call for `table` set (so the state holds them). */
  async function inState(files: Record<string, string>, table: string): Promise<string[]> {
    const call = (await parseHcl(files["main.tf"])).module[table][0];
    return ["import_table", "restore_source_name", "restore_source_table_arn", "restore_to_latest_time", "restore_date_time"].filter((a) => call[a] != null);
  }
  /** Of `args`, those the next emission's table variants neither write for `table` nor ignore. */
  async function replacing(files: Record<string, string>, table: string, args: string[]): Promise<string[]> {
    const call = (await parseHcl(files["main.tf"])).module[table][0];
    const variants = Object.entries<any[]>((await parseHcl(files[MAIN])).resource.aws_dynamodb_table);
    return variants.flatMap(([variant, [body]]) => args.filter((a) => call[a] == null && !(body.lifecycle?.[0]?.ignore_changes ?? []).map(unwrap).includes(a))
      .map((a) => `${variant}: ${a}`));
  }

  const transitions: [string, Blueprint<unknown>[], Blueprint<unknown>[], boolean][] = [
    ["full module -> lean module, after the source was removed", [restored("copy")], [plain("copy")], true],
    ["lean: the source of the last restored table is removed", [restored("copy"), plain("other")], [plain("copy"), plain("other")], false],
    ["lean: another table drops the last source, long after this one's was removed", [plain("copy"), restored("other")], [plain("copy"), plain("other")], false],
    ["lean: an imported table's source is removed", [imported("copy")], [plain("copy")], false],
  ];
  for (const [name, before, after, full] of transitions) {
    it(name, async () => {
      const previous = await toTerraform(before, { layout: "module", ...(full ? { fullModule: true } : {}) });
      // The state holds what the table was created with: in the third case, "copy" was restored first.
      const held = name.includes("long after") ? await inState(await toTerraform([restored("copy")], { layout: "module" }), "copy") : await inState(previous, "copy");
      assert.ok(held.length > 0, "the previous emission set a creation argument");
      assert.deepStrictEqual(await replacing(await toTerraform(after, { layout: "module" }), "copy", held), []);
    });
  }
});
