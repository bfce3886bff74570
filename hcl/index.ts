// Public surface of the HCL writer: build a tree with the ast helpers, print it with printFile.
export * from "./ast";
export { escapeString, quote, quoteKey, isIdentifier, isBareObjectKey } from "./escape";
export { printFile, printExpr } from "./print";
export type { PrintOptions } from "./print";
export { forEachExpr, walkExpr } from "./walk";
