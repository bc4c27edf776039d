import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/index.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-references-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function diagnosticsOf(source: string): string[] {
  const dir = fs.mkdtempSync(path.join(scratch, "design-"));
  fs.writeFileSync(path.join(dir, "design.sysd"), source);
  return check([path.join(dir, "design.sysd")], { root: dir, cwd: dir, rules: {} })
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`);
}

describe("clauses that name one component", () => {
  const design = (clause: string): string => `system S {
  boundary vpc { component Api }
  ${clause}
}
`;

  it.each([
    ['api A { served_by vpc }', "E201 3:21 `vpc` is a boundary; `served_by` names a component"],
    ['webhook w "e" { from vpc }', "E201 3:24 `vpc` is a boundary; `from` names a component"],
    ['security { control "c" on vpc }', "E201 3:29 `vpc` is a boundary; `on` names a component"],
    ['monitoring { metric m of vpc }', "E201 3:28 `vpc` is a boundary; `of` names a component"],
  ])("reject a boundary: %s", (clause, expected) => {
    expect(diagnosticsOf(design(clause))).toEqual([expected]);
  });

  it("lets a failure affect a whole boundary", () => {
    expect(diagnosticsOf(design('failure "Region down" { affects vpc }'))).toEqual([]);
  });
});
