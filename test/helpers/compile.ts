import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import { check } from "../../src/index.js";
import type { SystemModel } from "../../src/semantics/model.js";

/** The first system of a design file, which must check without errors. */
export function compileSystem(file: string, root: string): SystemModel {
  const result = check([file], { root, cwd: root, rules: {} });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return result.model.systems[0]!;
}

/** Writes a design given as text into a fresh folder under `scratch` and compiles it there. */
export function compileText(source: string, scratch: string): SystemModel {
  const dir = fs.mkdtempSync(path.join(scratch, "design-"));
  const file = path.join(dir, "design.sysd");
  fs.writeFileSync(file, source);
  return compileSystem(file, dir);
}
