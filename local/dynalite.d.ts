/**
 * dynalite 4 ships no type declarations. Only what `local/server.ts` uses is declared: the factory
 * returns a plain `http.Server` whose `close()` also closes the LevelDB / memory store.
 */
declare module "dynalite" {
  import type { Server } from "http";

  interface DynaliteOptions {
    /** LevelDB directory; in memory when absent. */
    path?: string;
    /** How long a new table stays CREATING (default 500 ms). */
    createTableMs?: number;
    /** How long a deleted table stays DELETING (default 500 ms). */
    deleteTableMs?: number;
    /** How long an updated table stays UPDATING (default 500 ms). */
    updateTableMs?: number;
    maxItemSizeKb?: number;
    verbose?: boolean;
    debug?: boolean;
  }

  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
