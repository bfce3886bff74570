/**
 * The sanitiser every adopt output goes through (project/adopt/sanitise.ts), table-driven. Each
 * expectation is checked against the language itself where one exists: a `//` comment holding
 * oneLine's result must leave a TypeScript file with no statement, and a stringLiteral must evaluate
 * (TypeScript transpile + eval) back to the exact input.
 */
import { strict as assert } from "assert";
import * as ts from "typescript";
import { componentName, identifier, oneLine, stringLiteral, terminalText } from "../../../project/adopt/sanitise";

const HOSTILE = ["a\nb", "a\rb", "a\r\nb", "a\u2028b", "a\u2029b", "a*/b", "\u001b[2J", "\u009b31m", "\u202eevil", "\u0000", "\ud800", "ok", "${x}", "é🙂"];

describe("adopt sanitiser", () => {
  for (const text of HOSTILE) {
    it(`oneLine(${JSON.stringify(text)}) stays inside a // comment and a block comment, with no control character`, () => {
      const line = oneLine(text);
      for (const source of [`// ${line}\n`, `/* ${line} */\n`]) {
        const file = ts.createSourceFile("x.ts", source, ts.ScriptTarget.ES2022);
        assert.equal(file.statements.length, 0, source);
      }
      assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
      assert.equal(line.includes("*/"), false);
    });

    it(`stringLiteral(${JSON.stringify(text)}) evaluates to the same string and prints no control character`, () => {
      const literal = stringLiteral(text);
      const js = ts.transpileModule(`module.exports = ${literal};`, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
      const module = { exports: undefined as unknown };
      new Function("module", js)(module);
      assert.equal(module.exports, text);
      assert.doesNotMatch(literal, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    });
  }

  it("oneLine caps long text and says how long it was", () => {
    assert.equal(oneLine("x".repeat(10), 4), "xxxx… (10 characters)");
  });

  it("terminalText keeps line breaks and replaces everything else that drives a terminal", () => {
    assert.equal(terminalText("a\n\u001b[2Jb\u009b"), "a\n\ufffd[2Jb\ufffd");
  });

  const identifiers: [string, string][] = [
    ["orders-prod", "ordersProd"], ["9lives", "t9lives"], ["__proto__", "proto"], ["class", "classTable"], ["a\nb;process.exit()", "aBProcessExit"], ["", "table"], ["é", "table"],
  ];
  for (const [name, expected] of identifiers) {
    it(`identifier(${JSON.stringify(name)}) is ${expected}, an ASCII identifier`, () => {
      const id = identifier(name, new Set());
      assert.equal(id, expected);
      assert.match(id, /^[A-Za-z][A-Za-z0-9]*$/);
    });
  }

  it("identifier never repeats one already taken", () => {
    const taken = new Set(["orders"]);
    assert.deepEqual([identifier("orders", taken), identifier("orders", taken)], ["orders2", "orders3"]);
  });

  const components: [string, string][] = [["orders_prod", "orders-prod"], ["a.b-c", "a.b-c"], ["x\ny", "x-y"], ["\u001b", "table"], ["ok\u2028", "ok-"]];
  for (const [name, expected] of components) {
    it(`componentName(${JSON.stringify(name)}) is ${JSON.stringify(expected)}`, () => assert.equal(componentName(name), expected));
  }
});
