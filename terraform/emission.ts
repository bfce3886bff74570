/**
 * The files of one toTerraform call, written while the layouts build them: each table's blocks are
 * printed as soon as they exist and then dropped, so an emission never holds the syntax tree of all
 * its files at once (at 1,000 tables that tree was most of the emitter's peak memory and garbage
 * collection, bench/peer). What versions.tf needs from the files is collected on the way: every
 * argument path they write (terraform/version-floors.ts), before the embed options filter them, as it
 * was when the floors were computed from the finished files.
 */
import * as hcl from "../hcl";
import { EmbedOptions, embedItems, keepsFile } from "./embed";
import { WrittenPathSet } from "./version-floors";
import { MODULE_DIR, versionsFile } from "./common";

export type TerraformFiles = Record<string, string>;

export class Emission {
  private readonly writers = new Map<string, hcl.FileWriter | undefined>();
  /** Paths written by every file, and by the module's files alone (the module states its own floors). */
  private readonly written = { all: new WrittenPathSet(), module: new WrittenPathSet(), moduleFiles: 0 };

  constructor(private readonly options: EmbedOptions, private readonly header: string) {}

  /** Appends top-level items to file `path` (created, possibly empty, on first use). */
  add(path: string, items: hcl.Body): void {
    if (path === "versions.tf" || path === `${MODULE_DIR}/versions.tf`) throw new Error(`internal: ${path} is computed from the other files`);
    let writer = this.writers.get(path);
    if (!this.writers.has(path)) {
      writer = keepsFile(path, this.options) ? new hcl.FileWriter({ header: this.header }) : undefined;
      this.writers.set(path, writer);
      if (path.startsWith(`${MODULE_DIR}/`)) this.written.moduleFiles++;
    }
    this.written.all.addBody(items);
    if (path.startsWith(`${MODULE_DIR}/`)) this.written.module.addBody(items);
    writer?.add(embedItems(items, this.options));
  }

  /** Has anything (or nothing, explicitly) been added to file `path` yet? */
  has(path: string): boolean {
    return this.writers.has(path);
  }

  /** The finished files, sorted by path: versions.tf from everything written (the module's own when there is a module). */
  files(): TerraformFiles {
    const write = (path: string, body: hcl.Body) => {
      if (keepsFile(path, this.options)) this.writers.set(path, new hcl.FileWriter({ header: this.header }).add(embedItems(body, this.options)));
    };
    const moduleFiles = this.written.moduleFiles;
    write("versions.tf", versionsFile(this.written.all));
    // A published module states its own floors, as `terraform init` checks a registry or git source against them.
    if (moduleFiles > 0) write(`${MODULE_DIR}/versions.tf`, versionsFile(this.written.module));
    const files: TerraformFiles = {};
    for (const path of [...this.writers.keys()].sort()) {
      const writer = this.writers.get(path);
      if (writer) files[path] = writer.text();
    }
    return files;
  }
}
