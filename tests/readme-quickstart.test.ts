/**
 * The README's quick-start program (the ```ts block that starts with `// index.ts`) passes
 * `check --stack dev` in a user's project: its unprotected `users` table is not judged production
 * because the `events` ProductionTable beside it is (project/checklist/production.ts).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { cli, userProject } from "./helpers/user-project";

const ROOT = path.resolve(__dirname, "..");

function quickStart(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = /```ts\n(\/\/ index\.ts\n[\s\S]*?)```/.exec(readme);
  assert.ok(block, "README has a ```ts block starting with // index.ts (the quick-start program)");
  return block[1].replace(/from "dynamodb-blueprints"/g, `from ${JSON.stringify(path.join(ROOT, "components"))}`);
}

describe("README quick start under the CLI", function () {
  this.timeout(60_000);
  it("check --stack dev exits 0: only the ProductionTable is production, the users table is dev by design", async () => {
    const dir = userProject({
      "Pulumi.yaml": "name: quickstart\nruntime: nodejs\nmain: index.ts\n",
      "Pulumi.dev.yaml": "config:\n  aws:region: us-east-1\n",
      "index.ts": quickStart(),
    });
    const r = await cli(dir, "check", "--stack", "dev");
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.doesNotMatch(r.out, /^FAIL/m);
    assert.match(r.out, /^Production is declared per table .*: events-dev is; users-dev is not\.$/m);
  });
});
