/**
 * The reference Pulumi program: the article's tables for one stack, driven only by stack config
 * (`Pulumi.dev.yaml`, `Pulumi.prod.yaml`). The CLI runs it like any user's program (Pulumi.yaml `main`).
 */
import { referenceProgram } from "./components/program";

const outputs = referenceProgram(__dirname);

export const stateBucket = outputs.stateBucket;
export const lockTable = outputs.lockTable;
export const backendConfig = outputs.backendConfig;
export const tableNames = outputs.tableNames;
export const tableArns = outputs.tableArns;
