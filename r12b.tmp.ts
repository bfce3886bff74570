import { toTerraform } from "./terraform/to-terraform";
import { dynamoTable } from "./model/blueprints";
(async () => {
  for (const items of [[{ kind: "DynamoTable", name: "t" }], [{ blueprint: { kind: "DynamoTable", name: "t" } }], [{ kind: "DynamoTable", name: "t", table: {} }]]) {
    try { await toTerraform(items as never); console.log("ok"); } catch (e) { console.log((e as Error).constructor.name, (e as Error).message.slice(0, 300)); }
  }
  const tags: any = { a: "b" }; tags.self = tags;
  try { dynamoTable("t", { tableName: "t-table", partitionKey: { name: "id", type: "S" }, tags } as never); console.log("ok"); } catch (e) { console.log((e as Error).constructor.name, (e as Error).message.slice(0, 300)); }
  let n = 0;
  const args = { partitionKey: { name: "id", type: "S" }, get tableName() { return n++ < 3 ? "good-name" : "x"; } };
  try { const b = dynamoTable("t", args as never); console.log("getter ->", b.table.tableName); } catch (e) { console.log((e as Error).constructor.name, (e as Error).message.slice(0, 300)); }
})();
