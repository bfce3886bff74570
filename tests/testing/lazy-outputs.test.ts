/**
 * testing/lazy-outputs.ts: during a recording a resource's output properties are made on first read,
 * and then are the very Outputs the SDK makes, with the same values, known-ness, secretness and
 * dependencies as a run that makes them all up front (PULUMI_DEBUG_PROMISE_LEAKS turns it off).
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import { assertMocksActive, runUnderMocks } from "../helpers/pulumi-mocks";
import { withLazyOutputs } from "../../testing/lazy-outputs";

const rpc = require("@pulumi/pulumi/runtime/rpc") as { transferProperties: unknown };

const newTable = (name: string) => new dynamodb.Table(name, {
  name: `${name}-table`, hashKey: "id", attributes: [{ name: "id", type: "S" }], billingMode: "PAY_PER_REQUEST",
  tags: { team: pulumi.secret("payments") },
});

/** The resolved state of an Output, read through the SDK's own (internal) promises. */
async function stateOf(out: unknown) {
  const o = out as { promise(withUnknowns?: boolean): Promise<unknown>; isKnown: Promise<boolean>; isSecret: Promise<boolean>; allResources(): Promise<Set<pulumi.Resource>> };
  assert.ok(pulumi.Output.isInstance(out), "an Output");
  const deps = [...await o.allResources()].map((r) => (r as unknown as { __name?: string }).__name);
  return { value: await o.promise(true), known: await o.isKnown, secret: await o.isSecret, deps };
}

const isAccessor = (o: object, key: string) => typeof Object.getOwnPropertyDescriptor(o, key)?.get === "function";

describe("testing: resource outputs made on first read while a run records", () => {
  it("an output nobody read during the run is made when first read, and resolves to what was registered", async () => {
    let table!: dynamodb.Table;
    const run = await runUnderMocks(() => { table = newTable("orders"); });
    assertMocksActive(run);
    assert.ok(isAccessor(table, "billingMode"), "not made during the run (the checks below read it)");
    const billingMode = table.billingMode;
    assert.ok(!isAccessor(table, "billingMode"), "made once, then an ordinary property");
    assert.strictEqual(table.billingMode, billingMode, "the same Output on every read");
    assert.deepStrictEqual(await stateOf(billingMode), { value: "PAY_PER_REQUEST", known: true, secret: false, deps: ["orders"] });
    assert.deepStrictEqual(await stateOf(table.tags), { value: { team: "payments" }, known: true, secret: true, deps: ["orders"] });
  });

  it("every output property resolves as in a run that makes them all up front", async () => {
    const tableOf = async (eager: boolean) => {
      let table!: dynamodb.Table;
      if (eager) process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
      try {
        assertMocksActive(await runUnderMocks(() => { table = newTable("orders"); }));
      } finally {
        delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
      }
      return table as unknown as Record<string, unknown>;
    };
    const [eager, lazy] = [await tableOf(true), await tableOf(false)];
    const keys = Object.keys(eager).filter((k) => pulumi.Output.isInstance(eager[k]) && k !== "urn" && k !== "id");
    assert.ok(keys.length >= 30 && !isAccessor(eager, "arn") && isAccessor(lazy, "arn"), `one run eager, one lazy (${keys.length} outputs)`);
    assert.deepStrictEqual(Object.keys(lazy).filter((k) => keys.includes(k)).sort(), [...keys].sort(), "the same properties");
    for (const key of keys) assert.deepStrictEqual(await stateOf(lazy[key]), await stateOf(eager[key]), key);
  });

  it("an output read while the program runs is made then, pending, and carries its value and dependency into other resources", async () => {
    const run = await runUnderMocks(() => {
      const table = newTable("orders");
      assert.ok(isAccessor(table, "name"));
      new dynamodb.TableItem("first", { tableName: table.name, hashKey: table.hashKey, item: JSON.stringify({ id: { S: "1" } }) });
      assert.ok(!isAccessor(table, "name") && isAccessor(table, "billingMode"), "only what was read is made");
    });
    assertMocksActive(run);
    const item = run.resources.find((r) => r.type === "aws:dynamodb/tableItem:TableItem");
    assert.deepStrictEqual([item?.inputs.tableName, item?.inputs.hashKey], ["orders-table", "id"]);
  });

  it("an assignment replaces a property not read yet, as it replaces the SDK's plain one", async () => {
    let table!: dynamodb.Table;
    assertMocksActive(await runUnderMocks(() => {
      table = newTable("orders");
      (table as unknown as Record<string, unknown>).billingMode = "replaced";
    }));
    assert.strictEqual((table as unknown as Record<string, unknown>).billingMode, "replaced");
  });

  it("puts the SDK's transferProperties back after a run, also one that fails, and does not wrap itself when nested", async () => {
    const original = rpc.transferProperties;
    let inner: unknown;
    await withLazyOutputs(async () => {
      assert.notStrictEqual(rpc.transferProperties, original, "replaced during the run");
      const outer = rpc.transferProperties;
      await withLazyOutputs(async () => { inner = rpc.transferProperties; });
      assert.strictEqual(inner, outer);
    });
    assert.strictEqual(rpc.transferProperties, original);
    await assert.rejects(withLazyOutputs(async () => { throw new Error("program failed"); }), /program failed/);
    assert.strictEqual(rpc.transferProperties, original);
  });
});
