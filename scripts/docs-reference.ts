/**
 * Writes docs/reference.md, the component reference generated from the TypeScript types and their doc
 * comments (scripts/reference/), the way terraform-docs generates a module's inputs and outputs.
 *
 *   npm run docs:reference            rewrite docs/reference.md
 *   npm run docs:reference -- --check exit 1 when the committed file is stale (npm test checks the same)
 */
import * as fs from "fs";
import * as path from "path";
import { ROOT, extractSurface } from "./reference/extract";
import { renderReference } from "./reference/render";

export const REFERENCE_FILE = path.join(ROOT, "docs", "reference.md");

export function generateReference(surface = extractSurface()): string {
  return renderReference(surface);
}

if (require.main === module) {
  const text = generateReference();
  const current = fs.existsSync(REFERENCE_FILE) ? fs.readFileSync(REFERENCE_FILE, "utf8") : "";
  if (process.argv.includes("--check")) {
    if (current !== text) {
      console.error("docs/reference.md is stale: run `npm run docs:reference` and commit it");
      process.exitCode = 1;
    } else console.log("docs/reference.md is current");
  } else if (current === text) {
    console.log("docs/reference.md unchanged");
  } else {
    fs.writeFileSync(REFERENCE_FILE, text);
    console.log("wrote docs/reference.md");
  }
}
