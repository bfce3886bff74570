import * as fs from "fs";
import * as path from "path";
import * as os from "os";
import { startLocalDynamo } from "./local/server";
import { deployLocal } from "./local/deploy";
import { loadStack } from "./cli/stack-file";
(async () => {
  const corrupt: Record<string, (d: string) => void> = {
    emptyCurrent: (d) => fs.writeFileSync(path.join(d, "CURRENT"), ""),
    noManifest: (d) => { for (const f of fs.readdirSync(d)) if (f.startsWith("MANIFEST")) fs.rmSync(path.join(d, f)); },
    lockDir: (d) => { fs.rmSync(path.join(d, "LOCK")); fs.mkdirSync(path.join(d, "LOCK")); },
    garbageLdb: (d) => { for (const f of fs.readdirSync(d)) if (f.endsWith(".ldb") || f.endsWith(".log") && f !== "LOG") fs.writeFileSync(path.join(d, f), Buffer.alloc(4096, 0x5a)); },
  };
  for (const [name, f] of Object.entries(corrupt)) {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "corrupt-"));
    const s = await startLocalDynamo({ dataDir: d });
    await deployLocal(loadStack(".", "dev").blueprints, { endpoint: s.endpoint, recreate: false });
    await s.close();
    console.log(name, fs.readdirSync(d).join(" "));
    f(d);
    try { const s2 = await startLocalDynamo({ dataDir: d }); await deployLocal(loadStack(".", "dev").blueprints, { endpoint: s2.endpoint, recreate: false }); await s2.close(); console.log(name, "opened fine"); }
    catch (e) { console.log(name, "->", (e as Error).message.slice(0, 250)); }
    console.log("  lock left:", fs.existsSync(path.join(d, ".dynamodb-blueprints.lock")));
  }
})();
