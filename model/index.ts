/** The pure table model: no Pulumi import and no file access anywhere below this folder. */
export * from "./types";
export * from "./errors";
export { LIMITS } from "./rules";
export { TABLE_DEFAULTS, resolveTableSpec, deriveAttributes } from "./table";
export * from "./blueprints";
export * from "./state-backend";
export * from "./resources";
export { planTable, scaledCapacityPaths, KMS_DELETION_WINDOW_DAYS } from "./plan-table";
export * from "./stack";
