/**
 * A copy of an `examples/<name>` project that runs against this checkout's sources: the package
 * imports (`dynamodb-blueprints`, `dynamodb-blueprints/testing`) point at the repository's own
 * modules, and everything else is copied as it is. The copy lives inside the checkout (so `@pulumi/*`
 * resolve from its node_modules) and is removed when the process exits (tests/helpers/user-project.ts).
 * The consumer test (tests/consumer) runs the same example against the packed tarball instead.
 */
import * as fs from "fs";
import * as path from "path";
import { userProject } from "./user-project";

const ROOT = path.resolve(__dirname, "..", "..");
export const EXAMPLES = path.join(ROOT, "examples");

/** Files of the example, relative to its directory (no node_modules, no emitted Terraform). */
export function exampleFiles(name: string): string[] {
  const dir = path.join(EXAMPLES, name);
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map(String)
    .filter((f) => !f.split(path.sep).some((part) => part === "node_modules" || part === "terraform"))
    .filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

const ENTRY: Record<string, string> = {
  "dynamodb-blueprints": path.join(ROOT, "components"),
  "dynamodb-blueprints/testing": path.join(ROOT, "testing"),
  "dynamodb-blueprints/terraform": path.join(ROOT, "entries", "terraform"),
};

/** The example with its package imports pointed at this checkout; returns the copy's directory. */
export function exampleProject(name: string, edit: (file: string, text: string) => string = (_f, t) => t): string {
  const files: Record<string, string> = {};
  for (const file of exampleFiles(name)) {
    let text = fs.readFileSync(path.join(EXAMPLES, name, file), "utf8");
    if (file.endsWith(".ts")) text = text.replace(/from "(dynamodb-blueprints(?:\/[a-z]+)?)"/g, (m, spec: string) => (ENTRY[spec] ? `from ${JSON.stringify(ENTRY[spec])}` : m));
    files[file] = edit(file, text);
  }
  return userProject(files);
}
