/**
 * An embedded DynamoDB (dynalite: DynamoDB's API over LevelDB) for local development and tests.
 *
 * - It listens on 127.0.0.1 only: a dev database needs no authentication, so it must not be reachable
 *   from the network.
 * - Table create/delete/update delays are 0 (dynalite defaults to 500 ms of CREATING), so a deploy
 *   of the whole stack takes milliseconds.
 * - `close()` always frees the port: keep-alive sockets of SDK clients would otherwise hold
 *   `server.close()` open, and a second `close()` returns the first one's promise.
 */
import * as fs from "fs";
import * as path from "path";
import type { Server } from "http";
import type { AddressInfo } from "net";
import dynalite from "dynalite";

export const LOOPBACK = "127.0.0.1";
/** Region and dummy credentials for clients of the emulator: it checks that a signature is present, not what it is. */
export const LOCAL_REGION = "us-east-1";
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;

export interface LocalDynamoOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Persist tables and items with LevelDB in this directory (created if missing); in memory without it. */
  dataDir?: string;
}

export interface LocalDynamo {
  /** `http://127.0.0.1:<port>`: what SDKs take as `endpoint` and the AWS CLI as `--endpoint-url`. */
  endpoint: string;
  port: number;
  /** Absolute data directory, or undefined when in memory. */
  dataDir?: string;
  /** Stops listening, drops open connections, closes the store. Safe to call more than once. */
  close(): Promise<void>;
}

const LOCK_FILE = ".dynamodb-blueprints.lock";

/**
 * dynalite crashes the whole process ("Database is not open", uncaught) when a second server opens a
 * LevelDB directory another one holds, and only at the first request. A pid lock file turns that into
 * a clear error up front. LevelDB ignores files whose names it does not recognise.
 */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  try {
    fs.writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number(fs.readFileSync(file, "utf8").trim());
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
      throw new Error(`data directory ${dir} is in use by process ${holder}${holder === process.pid ? " (this one)" : ""}: ` +
        "stop that server (e.g. `dynamodb-blueprints local --serve`) or use another --data directory");
    }
    fs.writeFileSync(file, String(process.pid)); // stale lock of a process that died without cleaning up
  }
  return () => fs.rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, LOOPBACK, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/** dynalite's `close` closes the HTTP server first and then the store; it reports store errors. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // After close() stops accepting, drop idle keep-alive sockets and any request still in flight.
    server.closeAllConnections();
  });
}

export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
  let unlock = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  try {
    await listen(server, port);
  } catch (error) {
    // The store is already open (and LevelDB holds its lock), but dynalite only closes it through a
    // listening server's close(): listen on a free port just to run that path, then report the error.
    await listen(server, 0).then(() => closeServer(server)).catch(() => {});
    unlock();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new Error(`port ${port} on ${LOOPBACK} is already in use (another local DynamoDB?): stop it, or pick another port (0 = any free port)`);
    }
    throw error;
  }
  const actualPort = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${LOOPBACK}:${actualPort}`,
    port: actualPort,
    dataDir,
    close: () => (closing ??= closeServer(server).finally(unlock)),
  };
}

/** Runs `fn` against a fresh local DynamoDB and always stops it, also when `fn` throws. */
export async function withLocalDynamo<R>(options: LocalDynamoOptions, fn: (dynamo: LocalDynamo) => Promise<R>): Promise<R> {
  const dynamo = await startLocalDynamo(options);
  let result: R;
  try {
    result = await fn(dynamo);
  } catch (error) {
    // Stop the server, but report fn's error rather than a secondary close error.
    await dynamo.close().catch(() => {});
    throw error;
  }
  await dynamo.close();
  return result;
}
