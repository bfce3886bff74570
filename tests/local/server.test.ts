/**
 * The embedded server's lifecycle: it binds to loopback, close() frees the port even with a client's
 * keep-alive socket open, withLocalDynamo stops it when the callback throws, and the failure paths
 * (port taken, data directory held) are clear errors that leave nothing behind.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { startLocalDynamo, withLocalDynamo } from "../../local/server";
import { localDynamoClient } from "../../local/client";
import { occupyPort, portIsFree, removeDir, tempDir } from "./helpers";

describe("local DynamoDB server", function () {
  this.timeout(10_000);
  let dir: string | undefined;
  afterEach(() => removeDir(dir));

  it("listens on 127.0.0.1 and releases the port on close, despite an open keep-alive client", async () => {
    const dynamo = await startLocalDynamo({ port: 0 });
    assert.strictEqual(dynamo.endpoint, `http://127.0.0.1:${dynamo.port}`);
    const client = localDynamoClient(dynamo.endpoint);
    try {
      assert.deepStrictEqual((await client.send(new ListTablesCommand({}))).TableNames, []);
      assert.strictEqual(await portIsFree(dynamo.port), false);
      await dynamo.close(); // the client's socket is still open here
      await dynamo.close(); // and a second close is harmless
      assert.strictEqual(await portIsFree(dynamo.port), true);
    } finally {
      client.destroy();
      await dynamo.close();
    }
  });

  it("withLocalDynamo stops the server when the callback throws, and rethrows its error", async () => {
    let port = 0;
    await assert.rejects(
      withLocalDynamo({}, async (dynamo) => {
        port = dynamo.port;
        throw new Error("boom");
      }),
      /boom/,
    );
    assert.ok(port > 0);
    assert.strictEqual(await portIsFree(port), true);
  });

  it("reports a taken port clearly and releases the data directory it had opened", async () => {
    dir = tempDir("busy");
    const holder = await occupyPort();
    try {
      await assert.rejects(startLocalDynamo({ port: holder.port, dataDir: dir }), new RegExp(`port ${holder.port} on 127.0.0.1 is already in use`));
    } finally {
      await holder.release();
    }
    assert.ok(!fs.existsSync(path.join(dir, ".dynamodb-blueprints.lock")), "the lock file must be removed");
    // LevelDB's own lock was released too: the same directory opens again in this process.
    await withLocalDynamo({ dataDir: dir }, async (dynamo) => {
      const client = localDynamoClient(dynamo.endpoint);
      try {
        assert.deepStrictEqual((await client.send(new ListTablesCommand({}))).TableNames, []);
      } finally {
        client.destroy();
      }
    });
  });

  it("refuses a data directory another server holds (dynalite would crash at the first request)", async () => {
    dir = tempDir("held");
    const first = await startLocalDynamo({ dataDir: dir });
    try {
      await assert.rejects(startLocalDynamo({ dataDir: dir }), /is in use by process \d+ \(this one\)/);
    } finally {
      await first.close();
    }
    const again = await startLocalDynamo({ dataDir: dir });
    await again.close();
    assert.strictEqual(await portIsFree(again.port), true);
  });

  it("rejects a port outside 0-65535 before opening anything", async () => {
    await assert.rejects(startLocalDynamo({ port: 70000 }), /port must be an integer from 0 to 65535, got 70000/);
    await assert.rejects(startLocalDynamo({ port: 1.5 }), RangeError);
  });
});
