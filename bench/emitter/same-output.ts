/**
 * Golden-free check for emitter refactors: the emitter and printer of a base commit (default
 * where this branch left `main`) and those of the working tree, loaded side by side in one process, must produce
 * byte-identical text for the same inputs. No expected output is stored anywhere: the old code is
 * the reference. Inputs: the benchmark tables (both layouts, with every embed option), the
 * repository's stacks, generated tables (random features, names and tags full of HCL's special
 * characters; inputs the validator refuses are skipped by both) and the printer property tests'
 * random files and expressions (tests/hcl/property-cases.ts), printed by both printers.
 *
 *   npx ts-node --transpile-only bench/emitter/same-output.ts [--base=<ref>] [--runs=N]
 *
 * Exits 1 and prints the first differing file when the outputs differ.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";

const ROOT = path.resolve(__dirname, "..", "..");
const arg = (name: string, fallback: string) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

type Emit = (items: unknown[], options: Record<string, unknown>) => Promise<Record<string, string>>;
interface Side { toTerraform: Emit; dynamoTable: (name: string, args: unknown, lifecycle?: unknown) => unknown; printFile: (body: unknown) => string; printExpr: (e: unknown, o?: unknown) => string; loadStack: (dir: string, stack: string) => { blueprints: unknown[] } }

function load(dir: string): Side {
  const req = (m: string) => require(path.join(dir, m));
  return {
    toTerraform: req("terraform/to-terraform").toTerraform, dynamoTable: req("model/blueprints").dynamoTable,
    printFile: req("hcl").printFile, printExpr: req("hcl").printExpr, loadStack: req("cli/stack-file").loadStack,
  };
}

const NASTY = ["${", "%{", "}", "\"", "\\", "\n", "\t", "$${", "#", "=", "é", "e\u0301", "🙂", "中文", "a", "Cost.Center", "aws:x"];
const text = fc.oneof(fc.constantFrom("team-1", "1000", "x"), fc.array(fc.constantFrom(...NASTY), { maxLength: 4 }).map((p) => p.join("")));
const FEATURES: Record<string, unknown>[] = [
  {}, { billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 5 }, { billingMode: "PROVISIONED", autoscaling: { read: { min: 1, max: 10 }, write: { min: 2, max: 20 } } },
  { encryption: "CUSTOMER_MANAGED" }, { encryption: "AWS_MANAGED" }, { deletionProtection: true }, { pointInTimeRecovery: false }, { recoveryPeriodInDays: 3 },
  { streamViewType: "NEW_AND_OLD_IMAGES" }, { streamViewType: "KEYS_ONLY" }, { ttlAttribute: "expiresAt" }, { tableClass: "STANDARD_INFREQUENT_ACCESS" },
  { sortKey: { name: "sk", type: "S" }, localSecondaryIndexes: [{ name: "ByDate", sortKey: { name: "date", type: "S" } }] },
  { globalSecondaryIndexes: [{ name: "ByA", partitionKey: { name: "a", type: "S" }, projectionType: "INCLUDE", nonKeyAttributes: ["x", "y"] }, { name: "ByB", partitionKey: { name: "b", type: "N" }, sortKey: { name: "c", type: "B" } }] },
  { monitoring: {} }, { monitoring: { userErrors: true, throttleThreshold: 3 } }, { onDemandThroughput: { maxReadRequestUnits: 100 } },
];
const generated = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), tableName: fc.stringMatching(/^[a-zA-Z0-9_.-]{3,20}$/),
  features: fc.subarray(FEATURES, { maxLength: 4 }), tags: fc.dictionary(text.filter((k) => k.length > 0), text, { maxKeys: 4 }),
  protect: fc.boolean(), retainOnDelete: fc.boolean(),
});

async function compare(what: string, a: Record<string, string>, b: Record<string, string>): Promise<void> {
  const files = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const f of files) {
    if (a[f] === b[f]) continue;
    const la = (a[f] ?? "").split("\n");
    const lb = (b[f] ?? "").split("\n");
    const i = la.findIndex((l, k) => l !== lb[k]);
    throw new Error(`${what}: ${f} differs at line ${i + 1}:\n  base: ${JSON.stringify(la[i])}\n  new:  ${JSON.stringify(lb[i])}`);
  }
}

async function main(): Promise<void> {
  const base = arg("base", execFileSync("git", ["-C", ROOT, "merge-base", "HEAD", "main"], { encoding: "utf8" }).trim());
  const runs = Number(arg("runs", "300"));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dynamodb-blueprints-base-"));
  try {
    execFileSync("sh", ["-c", `git -C "${ROOT}" archive "${base}" | tar -x -C "${dir}"`]);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    const old = load(dir);
    const cur = load(ROOT);
    let checked = 0;
    let refused = 0;
    const both = async (what: string, f: (s: Side) => Promise<Record<string, string>>) => {
      let a: Record<string, string> | Error;
      let b: Record<string, string> | Error;
      try { a = await f(old); } catch (e) { a = e as Error; }
      try { b = await f(cur); } catch (e) { b = e as Error; }
      if (a instanceof Error || b instanceof Error) {
        if (!(a instanceof Error && b instanceof Error) || a.message !== b.message) throw new Error(`${what}: base ${a instanceof Error ? `threw ${a.message}` : "emitted"}, new ${b instanceof Error ? `threw ${b.message}` : "emitted"}`);
        refused++;
      } else await compare(what, a, b);
      checked++;
    };
    const { benchTable, MINIMAL } = await import("../lib/specs");
    const options = [{}, { provider: false }, { versions: false }, { moduleSource: "../shared/dynamodb", moduleVersion: undefined }, { moduleSource: "app.terraform.io/acme/dynamodb/aws", moduleVersion: "~> 1.2" }];
    for (const layout of ["module", "flat"]) {
      for (const opts of layout === "flat" ? options.slice(0, 3) : options) {
        await both(`bench tables ${layout} ${JSON.stringify(opts)}`, (s) => s.toTerraform([...Array.from({ length: 120 }, (_, i) => benchTable(i)), benchTable(120, MINIMAL)].map((t) => s.dynamoTable(t.name, t.args)), { layout, stack: "bench", ...opts }));
      }
      for (const stack of fs.readdirSync(ROOT).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((x): x is string => !!x)) {
        await both(`stack ${stack} ${layout}`, (s) => s.toTerraform(s.loadStack(ROOT, stack).blueprints, { layout, stack }));
      }
    }
    const samples = fc.sample(fc.array(generated, { minLength: 1, maxLength: 4 }), { numRuns: runs, seed: 23 });
    for (const [i, tables] of samples.entries()) {
      const unique = tables.map((t, k) => ({ ...t, name: `${t.name}${k}`, tableName: `${t.tableName}-${k}` }));
      for (const layout of ["module", "flat"]) {
        await both(`generated #${i} ${layout}`, (s) => s.toTerraform(unique.map((t) => s.dynamoTable(t.name, Object.assign({ tableName: t.tableName, partitionKey: { name: "pk", type: "S" }, tags: t.tags }, ...t.features), { protect: t.protect, retainOnDelete: t.retainOnDelete })), { layout, stack: "gen" }));
      }
    }
    // The printer alone, on the property tests' random files and expressions (built with the new AST helpers).
    const cases = await import("../../tests/hcl/property-cases");
    const h = await import("../../hcl");
    for (const [i, e] of fc.sample(cases.exprArb, { numRuns: runs * 3, seed: 23 }).entries()) {
      await both(`expression #${i}`, async (s) => ({ flat: s.printExpr(e, { flat: true }), file: s.printFile([h.attr("x", e)]) }));
    }
    for (const [i, c] of fc.sample(cases.caseArb, { numRuns: runs * 3, seed: 23 }).entries()) {
      const items: (ReturnType<typeof h.item> | ReturnType<typeof h.comment>)[] = c.tags.map(([k, v]) => h.item(k, v));
      items.splice(Math.min(c.tagCommentAt, items.length), 0, h.comment(c.comments[2]));
      const body = [h.comment(c.comments[0]), h.block("resource", c.labels, [...c.attrs.map(([n, v]) => h.attr(n, v)), h.comment(c.comments[1]),
        h.attr("tags", h.obj(items)), h.attr("tpl", h.template(...c.tpl.map((p) => (typeof p === "number" ? h.ref("var.a") : p)))), h.attr("list", h.list(...c.list))])];
      await both(`printer case #${i}`, async (s) => ({ file: s.printFile(body) }));
    }
    console.log(`same output: ${checked} comparisons against ${base.slice(0, 12)} (${refused} of them inputs both refused with the same error), all byte-identical`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
