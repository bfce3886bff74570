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
import * as net from "net";
import type { AddressInfo } from "net";
import { FileSafetyError, createExclusive, fileError, isAlive, makeDirectory, removeOwnFile } from "../files/safe-write";
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
/** Marks a data directory this tool created: only such a directory, or an empty one, is used. */
export const DATA_MARKER = ".dynamodb-blueprints-data";
const MARKER_TEXT = "A local DynamoDB data directory of `dynamodb-blueprints local` (LevelDB files, do not edit).\n";

const refuse = (dir: string, message: string, fix: string) => new FileSafetyError(dir, message, fix);

/**
 * LevelDB deletes files whose names look like its own (`000007.log`, `000002.ldb`) and scatters
 * CURRENT/LOCK/LOG/MANIFEST into its directory, so the data directory must be one this tool made:
 * missing (created), empty (claimed), or carrying the marker. Anything else is refused untouched.
 */
export function prepareDataDir(dir: string): void {
  let st: fs.Stats | undefined;
  try { st = fs.lstatSync(dir); } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw fileError(dir, "use the data directory", error);
  }
  if (st && !st.isDirectory()) {
    throw refuse(dir, st.isSymbolicLink() ? "is a symbolic link; --data is not followed through links" : "is not a directory",
      "name a new or empty directory for --data (it is created if missing)");
  }
  if (!st) makeDirectory(dir);
  const names = fs.readdirSync(dir);
  if (names.includes(DATA_MARKER)) {
    const marker = fs.lstatSync(path.join(dir, DATA_MARKER));
    if (!marker.isFile()) throw refuse(path.join(dir, DATA_MARKER), "is not the marker file this tool writes", "remove it, or use another --data directory");
    return;
  }
  if (names.length > 0) {
    throw refuse(dir, `is not empty and was not created by dynamodb-blueprints local (no ${DATA_MARKER} file); LevelDB would delete or mix in files it does not own`,
      `name a new or empty directory for --data (it is created if missing); a data directory made by an earlier version holds only LevelDB files: add an empty ${DATA_MARKER} file to it`);
  }
  try { createExclusive(path.join(dir, DATA_MARKER), MARKER_TEXT); } catch (error) { throw fileError(path.join(dir, DATA_MARKER), "mark the data directory", error); }
}

/**
 * dynalite crashes the whole process ("Database is not open", uncaught) when a second server opens a
 * LevelDB directory another one holds, and only at the first request. A pid lock file turns that into
 * a clear error up front. It is created exclusively and never through a link; a stale lock (its
 * process is gone) is replaced only when it is a regular file.
 */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  const mine = String(process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      createExclusive(file, mine);
      return () => { try { removeOwnFile(file, mine); } catch { /* already gone */ } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw fileError(file, "create the lock file", error);
    }
    const st = fs.lstatSync(file);
    if (!st.isFile()) {
      throw refuse(file, st.isSymbolicLink() ? "is a symbolic link, not the lock file this tool writes" : "is not a regular file, so not the lock file this tool writes",
        "remove it (it is not data), or use another --data directory");
    }
    const text = fs.readFileSync(file, "utf8");
    const holder = Number(text.trim());
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
      throw new Error(`data directory ${dir} is in use by process ${holder}${holder === process.pid ? " (this one)" : ""}: ` +
        "stop that server (e.g. `dynamodb-blueprints local --serve`) or use another --data directory");
    }
    removeOwnFile(file, text); // stale lock of a process that died without cleaning up; created afresh on the next turn
  }
}

/**
 * Open the LevelDB store once and read every key before dynalite gets it: a damaged directory
 * (empty CURRENT, missing MANIFEST, LOCK a directory, a garbage table file) otherwise surfaces as an
 * uncaught "Database is closed" inside dynalite, with a stack trace.
 */
async function checkStore(dir: string): Promise<void> {
  // dynalite's own `level`, so both open the store the same way.
  const { Level } = require(require.resolve("level", { paths: [path.dirname(require.resolve("dynalite"))] })) as typeof import("level");
  const db = new Level(dir, { valueEncoding: "json" });
  try {
    await db.open();
    for await (const _ of db.keys()) { /* a corrupt table file fails the iteration */ }
  } catch (error) {
    const cause = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    throw refuse(dir, `is a damaged LevelDB store (${cause.split("\n")[0].slice(0, 160)})`,
      "move the directory away (or delete it if its tables are disposable) and run again with a new --data directory; the tables are recreated from the stack");
  } finally {
    await db.close().catch(() => {});
  }
}

/** Fail before anything is created when the port is taken (0 always works). */
function assertPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE" ? portInUse(port) : error));
    probe.listen(port, LOOPBACK, () => probe.close(() => resolve()));
  });
}

const portInUse = (port: number) =>
  new Error(`port ${port} on ${LOOPBACK} is already in use (another local DynamoDB?): stop it, or pick another port (0 = any free port)`);

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
    await assertPortFree(port);
    prepareDataDir(dataDir);
    unlock = lockDataDir(dataDir);
    try {
      await checkStore(dataDir);
    } catch (error) {
      unlock();
      throw error;
    }
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
    if (code === "EADDRINUSE") throw portInUse(port);
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
