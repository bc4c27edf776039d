/**
 * The design rules are one file each under src/semantics/rules/: the
 * generated index lists every file, and each rule's code reaches the code
 * table (so SARIF, the docs and `sysd.json` know it) without another edit.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES, isWarningCode } from "../../src/diagnostics/index.js";
import { DESIGN_RULES } from "../../src/semantics/rules/index.js";
import * as os from "node:os";
import { check } from "../../src/index.js";

const repo = path.resolve(import.meta.dirname, "../..");
const folder = path.join(repo, "src/semantics/rules");

describe("design rules, one per file", () => {
  it("has an index that lists every rule file (scripts/rules-index.mjs --check)", () => {
    expect(() => execFileSync(process.execPath, [path.join(repo, "scripts/rules-index.mjs"), "--check"], { stdio: "pipe" })).not.toThrow();
    const files = fs.readdirSync(folder).filter((name) => /^[ew]\d{3}-/.test(name));
    expect(DESIGN_RULES.map((rule) => rule.code.toLowerCase())).toEqual(files.map((name) => name.slice(0, 4)).sort());
  });

  it("puts every rule in the code table as a warning that sysd.json and lint can set", () => {
    for (const rule of DESIGN_RULES) {
      expect(DIAGNOSTIC_CODES[rule.code]).toEqual({ code: rule.code, severity: rule.severity, title: rule.title, explanation: rule.explanation });
      expect(isWarningCode(rule.code)).toBe(true);
    }
    const codes = Object.keys(DIAGNOSTIC_CODES);
    expect(codes).toEqual([...codes].sort());
  });

  it("does not report a rule turned off in the system's lint block", () => {
    const codes = (text: string): string[] => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-rules-"));
      fs.writeFileSync(path.join(dir, "design.sysd"), text);
      const result = check([path.join(dir, "design.sysd")], { root: dir, rules: {} });
      fs.rmSync(dir, { recursive: true, force: true });
      return result.diagnostics.map((d) => d.code);
    };
    expect(codes('system S {\n  component A "A" : service\n}\n')).toContain("W302");
    const quiet = codes('system S {\n  lint { W302 off }\n  component A "A" : service\n}\n');
    expect(quiet).not.toContain("W302");
    expect(quiet).toContain("W301");
  });
});
