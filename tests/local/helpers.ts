/**
 * Shared by the local-emulator tests: the repository root (stack files live there), a port probe,
 * temporary directories and an in-memory Io for running CLI commands in-process.
 */
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { Io } from "../../cli/command";
import { loadStack } from "../../cli/stack-file";
import { Blueprint } from "../../model/stack";

export const REPO = path.resolve(__dirname, "../..");

export const stackBlueprints = (stack: string): Blueprint[] => loadStack(REPO, stack).blueprints;

/** True when nothing listens on 127.0.0.1:port: proves a server really released its port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** Holds a port until `release()`; for provoking EADDRINUSE. */
export function occupyPort(): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const holder = net.createServer();
    holder.once("error", reject);
    holder.listen(0, "127.0.0.1", () => resolve({
      port: (holder.address() as net.AddressInfo).port,
      release: () => new Promise((done) => holder.close(() => done())),
    }));
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dynamodb-blueprints-${prefix}-`));
}

export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

export function captureIo(cwd = REPO): Io & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd, out: (t) => out.push(t), err: (t) => err.push(t), stdout: () => out.join("\n"), stderr: () => err.join("\n") };
}

/** Replaces the random port in CLI output, so two runs can be compared line by line. */
export const withoutPort = (text: string) => text.replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT").replace(/"port": \d+/g, '"port": 0');
