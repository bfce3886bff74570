/**
 * `adopt --from-tfstate`: a state file written from the documented format (version 4) holding the
 * article's lock, orders, auto-scaled and KMS-encrypted tables, plus resources adopt does not map.
 * The adopted components' toTerraform output (flat layout, import blocks) is parsed with HashiCorp's
 * HCL parser and compared with the state itself: same resources (by import id), same arguments.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../../cli/main";
import { adoptState, parseStateFile } from "../../../project/adopt/from-tfstate";
import { importsOf } from "../../../project/adopt/imports";
import { adoptionTerraform, importBlocks } from "../../../cli/adopt/terraform";
import { parseHcl } from "../../hcl/tools";
import { captureIo, removeDir, tempDir } from "../../local/helpers";

const FIXTURE = path.join(__dirname, "fixtures", "article.tfstate");
const STATE = JSON.parse(fs.readFileSync(FIXTURE, "utf8"));
type Attrs = Record<string, any>;
const stateResource = (type: string, name: string): Attrs =>
  STATE.resources.find((r: Attrs) => r.type === type && r.name === name).instances[0].attributes;

/** Import ids as the provider documents them (Import sections of the resource docs). */
function documentedImportId(type: string, a: Attrs): string {
  switch (type) {
    case "aws_dynamodb_table": return a.name;
    case "aws_kms_key": return a.key_id;
    case "aws_appautoscaling_target": return `${a.service_namespace}/${a.resource_id}/${a.scalable_dimension}`;
    case "aws_appautoscaling_policy": return `${a.service_namespace}/${a.resource_id}/${a.scalable_dimension}/${a.name}`;
    default: throw new Error(`no import id for ${type}`);
  }
}

/** Parsed HCL of all files, merged, with `${aws_x.y.attr}` references resolvable. */
async function parsedTerraform(): Promise<{ resources: Record<string, Record<string, Attrs>>; imports: { to: string; id: string }[] }> {
  const { adoptions } = adoptState("article.tfstate", parseStateFile("article.tfstate", fs.readFileSync(FIXTURE, "utf8")));
  const files = await adoptionTerraform(adoptions, "us-east-1");
  const resources: Record<string, Record<string, Attrs>> = {};
  const imports: { to: string; id: string }[] = [];
  for (const [file, text] of Object.entries(files)) {
    const json = await parseHcl(text).catch((e) => assert.fail(`${file} does not parse: ${e}`));
    for (const [type, byName] of Object.entries((json.resource ?? {}) as Record<string, Record<string, Attrs[]>>)) {
      for (const [name, [body]] of Object.entries(byName)) (resources[type] ??= {})[name] = body;
    }
    imports.push(...(json.import ?? []).map((i: Attrs) => ({ to: i.to.replace(/^\$\{(.*)\}$/, "$1"), id: i.id })));
  }
  return { resources, imports };
}

function resolve(value: unknown, resources: Record<string, Record<string, Attrs>>): unknown {
  if (typeof value !== "string") return value;
  return value.replace(/\$\{(\w+)\.(\w+)\.(\w+)\}/g, (_m, type, name, attr) => String(resolve(resources[type]?.[name]?.[attr], resources)));
}

describe("adopt --from-tfstate: the article's Terraform state", () => {
  it("adopts each table with its scaling children and key as one component, and lists what it does not map", () => {
    const { adoptions, notUnderstood } = adoptState("article.tfstate", parseStateFile("article.tfstate", fs.readFileSync(FIXTURE, "utf8")));
    assert.deepEqual(adoptions.map((a) => `${a.declaration.kind} ${a.declaration.name} ${a.tableName}`), [
      "StateLockTable terraform-locks terraform-state-locks",
      "DynamoTable orders orders-prod",
      "DynamoTable high-traffic high-traffic-table",
      "DynamoTable production-data production-data",
    ]);
    assert.deepEqual(notUnderstood.map((n) => n.address), ["data.aws_caller_identity.current", "aws_s3_bucket.terraform_state"]);
    const highTraffic = adoptions.find((a) => a.tableName === "high-traffic-table")!;
    assert.deepEqual(importsOf(highTraffic).map((i) => `${i.type} ${i.id}`), [
      "aws:dynamodb/table:Table high-traffic-table",
      "aws:appautoscaling/target:Target dynamodb/table/high-traffic-table/dynamodb:table:ReadCapacityUnits",
      "aws:appautoscaling/policy:Policy dynamodb/table/high-traffic-table/dynamodb:table:ReadCapacityUnits/DynamoDB-Read-Capacity-Scaling",
    ]);
    const production = adoptions.find((a) => a.tableName === "production-data")!;
    assert.equal(production.kmsKey?.keyId, stateResource("aws_kms_key", "dynamodb").key_id);
    for (const a of adoptions) assert.deepEqual(a.unknown, [], `${a.tableName}: a state file leaves nothing unknown`);
  });

  it("names instances of modules and for_each by their address, and keeps replica settings", () => {
    const locks = STATE.resources.find((r: Attrs) => r.name === "terraform_locks");
    const replicated = {
      ...locks, module: "module.db", name: "global",
      instances: ["eu", "us"].map((k) => ({
        ...locks.instances[0], index_key: k,
        attributes: { ...locks.instances[0].attributes, name: `global-${k}`, stream_enabled: true, stream_view_type: "NEW_AND_OLD_IMAGES", tags: {},
          replica: [{ region_name: "eu-west-1", kms_key_arn: "", point_in_time_recovery: true, propagate_tags: false, deletion_protection_enabled: true }] },
      })),
    };
    const instances = parseStateFile("s.tfstate", JSON.stringify({ ...STATE, resources: [replicated] }));
    assert.deepEqual(instances.map((i) => i.address), ['module.db.aws_dynamodb_table.global["eu"]', 'module.db.aws_dynamodb_table.global["us"]']);
    const { adoptions } = adoptState("s.tfstate", instances);
    assert.deepEqual(adoptions.map((a) => `${a.declaration.kind} ${a.declaration.name} ${a.tableName}`), ["DynamoTable global-eu global-eu", "DynamoTable global-us global-us"]);
    assert.deepEqual((adoptions[0].declaration.args as Attrs).replicas, [{ region: "eu-west-1", pointInTimeRecovery: true, deletionProtection: true, propagateTags: false }]);
  });

  it("toTerraform with import {} names the same resources as the state, by documented import id", async () => {
    const { imports } = await parsedTerraform();
    const expected = STATE.resources
      .filter((r: Attrs) => r.mode === "managed" && r.type !== "aws_s3_bucket")
      .map((r: Attrs) => `${r.type} ${documentedImportId(r.type, r.instances[0].attributes)}`).sort();
    assert.deepEqual(imports.map((i) => `${i.to.split(".")[0]} ${i.id}`).sort(), expected);
  });

  it("and the same arguments: every setting the state holds is what the emitted resource declares", async () => {
    const { resources, imports } = await parsedTerraform();
    const emitted = (type: string, a: Attrs) => {
      const target = imports.find((i) => i.id === documentedImportId(type, a))!;
      const [, name] = target.to.split(".");
      return resources[type][name];
    };
    for (const name of ["terraform_locks", "orders", "high_traffic", "production_data"]) {
      const s = stateResource("aws_dynamodb_table", name);
      const h = emitted("aws_dynamodb_table", s);
      assert.equal(h.name, s.name);
      assert.equal(h.billing_mode, s.billing_mode);
      assert.equal(h.hash_key, s.hash_key);
      assert.equal(h.range_key, s.range_key ?? undefined);
      if (s.billing_mode === "PROVISIONED") assert.deepEqual([h.read_capacity, h.write_capacity], [s.read_capacity, s.write_capacity]);
      else assert.deepEqual([h.read_capacity, h.write_capacity], [undefined, undefined]);
      const attrs = (list: Attrs[]) => list.map((x) => `${x.name}:${x.type}`).sort();
      assert.deepEqual(attrs(h.attribute), attrs(s.attribute), `${name} attributes`);
      const gsis = (list: Attrs[] | undefined, keys: (g: Attrs) => string[]) => (list ?? []).map((g) => `${g.name} ${keys(g).join(",")} ${g.projection_type}`).sort();
      assert.deepEqual(
        gsis(h.global_secondary_index, (g) => g.key_schema.map((k: Attrs) => `${k.key_type}=${k.attribute_name}`)),
        gsis(s.global_secondary_index, (g) => [`HASH=${g.hash_key}`, ...(g.range_key ? [`RANGE=${g.range_key}`] : [])]), `${name} GSIs`);
      const pitr = s.point_in_time_recovery[0];
      assert.deepEqual(h.point_in_time_recovery[0], pitr.enabled ? { enabled: true, recovery_period_in_days: pitr.recovery_period_in_days } : { enabled: false });
      const sse = s.server_side_encryption[0];
      if (sse?.enabled) assert.equal(resolve(h.server_side_encryption[0].kms_key_arn, resources), sse.kms_key_arn);
      else assert.equal(h.server_side_encryption, undefined);
      assert.equal(h.deletion_protection_enabled, s.deletion_protection_enabled);
      assert.deepEqual(h.tags ?? {}, s.tags);
    }
    const target = stateResource("aws_appautoscaling_target", "read_target");
    const ht = emitted("aws_appautoscaling_target", target);
    for (const arg of ["max_capacity", "min_capacity", "resource_id", "scalable_dimension", "service_namespace"]) {
      assert.equal(resolve(ht[arg], resources), target[arg], `target ${arg}`);
    }
    const policy = stateResource("aws_appautoscaling_policy", "read_policy");
    const hp = emitted("aws_appautoscaling_policy", policy);
    for (const arg of ["name", "policy_type", "resource_id", "scalable_dimension", "service_namespace"]) {
      assert.equal(resolve(hp[arg], resources), policy[arg], `policy ${arg}`);
    }
    const [st] = policy.target_tracking_scaling_policy_configuration;
    const [tt] = hp.target_tracking_scaling_policy_configuration;
    assert.deepEqual([tt.target_value, tt.scale_in_cooldown, tt.scale_out_cooldown, tt.predefined_metric_specification[0].predefined_metric_type],
      [st.target_value, st.scale_in_cooldown, st.scale_out_cooldown, st.predefined_metric_specification[0].predefined_metric_type]);
    const key = stateResource("aws_kms_key", "dynamodb");
    const hk = emitted("aws_kms_key", key);
    for (const arg of ["description", "deletion_window_in_days", "enable_key_rotation", "policy", "rotation_period_in_days"]) {
      assert.deepEqual(hk[arg], key[arg], `key ${arg}`);
    }
  });

  it("prints the import blocks of every adopted resource", async () => {
    const { adoptions } = adoptState("article.tfstate", parseStateFile("article.tfstate", fs.readFileSync(FIXTURE, "utf8")));
    const blocks = importBlocks(await adoptionTerraform(adoptions));
    assert.equal(blocks.length, 7);
    assert.ok(blocks.includes(`import {\n  to = aws_dynamodb_table.terraform_locks\n  id = "terraform-state-locks"\n}`), blocks.join("\n"));
  });
});

describe("adopt --from-tfstate: the command", () => {
  let dir: string;
  beforeEach(() => { dir = tempDir("adopt"); });
  afterEach(() => removeDir(dir));

  it("writes Pulumi's bulk-import file, and never replaces one without --force", async () => {
    const io = captureIo(dir);
    fs.copyFileSync(FIXTURE, path.join(dir, "terraform.tfstate"));
    assert.equal(await main(["adopt", "--from-tfstate", "terraform.tfstate"], io), 0, io.stderr());
    const file = path.join(dir, "pulumi-import.json");
    const bulk = JSON.parse(fs.readFileSync(file, "utf8"));
    const lock = bulk.resources.filter((r: Attrs) => r.name === "terraform-locks");
    assert.deepEqual(lock, [
      { type: "dynamodb-blueprints:index:StateLockTable", name: "terraform-locks", component: true },
      { type: "aws:dynamodb/table:Table", name: "terraform-locks", id: "terraform-state-locks", parent: "terraform-locks" },
    ]);
    assert.match(io.stdout(), /== 3\. Best-practice follow-ups/);
    assert.match(io.stdout(), /aws_s3_bucket\.terraform_state: not a resource adopt maps/);

    fs.writeFileSync(file, "mine\n");
    const again = captureIo(dir);
    assert.equal(await main(["adopt", "--from-tfstate", "terraform.tfstate"], again), 2);
    assert.match(again.stderr(), /already exists.*--force/s);
    assert.equal(fs.readFileSync(file, "utf8"), "mine\n");
    const forced = captureIo(dir);
    assert.equal(await main(["adopt", "--from-tfstate", "terraform.tfstate", "--force"], forced), 2, "--force replaces only an import file adopt wrote");
    assert.match(forced.stderr(), /is not JSON, so not an import file adopt wrote; --force replaces only/);
    assert.equal(fs.readFileSync(file, "utf8"), "mine\n");
    fs.writeFileSync(file, JSON.stringify(bulk));
    assert.equal(await main(["adopt", "--from-tfstate", "terraform.tfstate", "--force", "--json"], captureIo(dir)), 0);
    assert.equal(JSON.parse(fs.readFileSync(file, "utf8")).resources.length, bulk.resources.length);
    assert.deepEqual(fs.readdirSync(dir).sort(), ["pulumi-import.json", "terraform.tfstate"], "no temp file left behind");
  });

  const bad: [string, string, RegExp][] = [
    ["not JSON", "{ this is not json", /is not JSON/],
    ["a Pulumi stack export", JSON.stringify({ version: 3, deployment: { resources: [] } }), /is not a Terraform state file/],
    ["state format version 3", JSON.stringify({ version: 3, terraform_version: "0.11.14", lineage: "x", modules: [] }), /is not state format version 4/],
    ["a state without tables", JSON.stringify({ ...STATE, resources: STATE.resources.filter((r: Attrs) => r.type !== "aws_dynamodb_table") }), /holds no aws_dynamodb_table/],
    ["a malformed resource", JSON.stringify({ ...STATE, resources: [{ type: "aws_dynamodb_table" }] }), /is not a state v4 resource/],
  ];
  for (const [what, text, message] of bad) {
    it(`${what}: one clear message, exit 2, no file written`, async () => {
      fs.writeFileSync(path.join(dir, "bad.tfstate"), text);
      const io = captureIo(dir);
      assert.equal(await main(["adopt", "--from-tfstate", "bad.tfstate"], io), 2);
      assert.match(io.stderr(), message);
      assert.equal(io.stderr().match(/^error: /gm)?.length, 1);
      assert.equal(io.stdout(), "");
      assert.deepEqual(fs.readdirSync(dir), ["bad.tfstate"]);
    });
  }

  it("a missing state file: exit 2 naming it", async () => {
    const io = captureIo(dir);
    assert.equal(await main(["adopt", "--from-tfstate", "nope.tfstate"], io), 2);
    assert.match(io.stderr(), /--from-tfstate: cannot be read \(does not exist, ENOENT\)/);
  });
});
