// Public surface of the HCL writer: build a tree with the ast helpers, print it with printFile
// (or a FileWriter, item by item).
export * from "./ast";
export { escapeString, quote, quoteKey, isIdentifier, isBareObjectKey } from "./escape";
export { printExpr } from "./print";
export { FileWriter, printFile } from "./file-writer";
export type { PrintOptions } from "./file-writer";
export { forEachExpr, walkExpr } from "./walk";
