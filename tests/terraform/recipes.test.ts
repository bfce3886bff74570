/**
 * HCL placed in comments (the `removed {}` recipes for retainOnDelete) must work when pasted: the
 * indented lines of each comment, uncommented, parse with HashiCorp's parser to a `removed` block whose
 * `from` names a resource or module call of that file, with `destroy = false`. Both layouts, dev/prod
 * and the feature programs. No comment may carry a one-line `{ ... }` statement (those do not parse).
 */
import * as assert from "assert";
import * as path from "path";
import { parseHcl } from "../hcl/tools";
import { toTerraform } from "../../terraform/to-terraform";
import { loadStack } from "../../cli/stack-file";
import { featurePrograms } from "../helpers/feature-programs";
import { Blueprint } from "../../model/stack";

const ROOT = path.resolve(__dirname, "../..");

/** Runs of comment lines indented two spaces past `# `: the snippets meant to be uncommented. */
function snippets(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of text.split("\n")) {
    if (/^\s*# {2}/.test(line)) current.push(line.replace(/^\s*# {2}/, ""));
    else if (current.length) { out.push(current.join("\n")); current = []; }
  }
  if (current.length) out.push(current.join("\n"));
  return out;
}

async function checkRecipes(blueprints: Blueprint[], layout: "flat" | "module"): Promise<number> {
  const files = await toTerraform(blueprints, { layout });
  let count = 0;
  for (const [file, text] of Object.entries(files)) {
    for (const line of text.split("\n")) {
      if (/^\s*#/.test(line)) assert.ok(!/\{[^}]*=[^}]*\}/.test(line), `${file}: one-line block in a comment does not parse when pasted: ${line}`);
    }
    const found = snippets(text);
    if (found.length === 0) continue;
    const declared = await parseHcl(text);
    for (const snippet of found) {
      const parsed = await parseHcl(`${snippet}\n`).catch((e) => assert.fail(`${file}: comment snippet does not parse:\n${snippet}\n${e}`));
      assert.ok(parsed.removed, `${file}: snippet is not a removed block:\n${snippet}`);
      for (const removed of parsed.removed) {
        assert.strictEqual(removed.lifecycle?.[0]?.destroy, false, `${file}: ${snippet}`);
        const from = String(removed.from).replace(/^\$\{|\}$/g, "").split(".");
        const exists = from[0] === "module" ? declared.module?.[from[1]] : declared.resource?.[from[0]]?.[from[1]];
        assert.ok(exists, `${file}: removed.from ${from.join(".")} is not declared in the file`);
        count++;
      }
    }
  }
  return count;
}

describe("terraform recipes in comments parse when uncommented", () => {
  for (const layout of ["flat", "module"] as const) {
    it(`prod stack and feature programs, ${layout} layout`, async () => {
      let count = await checkRecipes(loadStack(ROOT, "prod").blueprints, layout);
      for (const blueprints of Object.values(featurePrograms())) count += await checkRecipes(blueprints, layout);
      assert.ok(count >= 4, `only ${count} recipes found: retainOnDelete resources must carry one`);
    });
  }
});
