/**
 * CDK Terrain, the peer of the emitter benchmark, installed on demand into a cache directory outside
 * the repository (like scripts/provider-schema.ts: `@cdktn/provider-aws` is ~390 MB, too big for a
 * devDependency), with `--ignore-scripts`. Nothing from it is loaded into this process: only the
 * peer's own child process requires it.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The versions the README's comparison was measured with (peers: constructs 10.7.x). */
export const PEER = { cdktn: "0.24.0", providerAws: "25.7.0", constructs: "10.7.2" } as const;

export const DEFAULT_PEER_DIR = path.join(os.homedir(), ".cache", "dynamodb-blueprints", `cdktn-${PEER.cdktn}-aws-${PEER.providerAws}`);

const installed = (dir: string, pkg: string) => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, "node_modules", ...pkg.split("/"), "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return undefined;
  }
};

/** The peer's directory, installing it there first when it is missing or a different version. */
export function ensurePeer(dir: string, log: (s: string) => void): string {
  const want: [string, string][] = [["cdktn", PEER.cdktn], ["@cdktn/provider-aws", PEER.providerAws], ["constructs", PEER.constructs]];
  if (want.every(([pkg, v]) => installed(dir, pkg) === v)) return dir;
  log(`  installing CDK Terrain ${PEER.cdktn} + @cdktn/provider-aws ${PEER.providerAws} into ${dir} (~480 MB, once)`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "dynamodb-blueprints-bench-peer", version: "0.0.0", private: true }));
  execFileSync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--no-save", ...want.map(([pkg, v]) => `${pkg}@${v}`)], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  for (const [pkg, v] of want) if (installed(dir, pkg) !== v) throw new Error(`${dir}: ${pkg} is ${installed(dir, pkg) ?? "missing"} after npm install, want ${v}`);
  return dir;
}
