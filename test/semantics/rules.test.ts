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

  it("puts every rule in the code table; only warning rules are codes sysd.json and lint can set", () => {
    for (const rule of DESIGN_RULES) {
      expect(DIAGNOSTIC_CODES[rule.code]).toEqual({ code: rule.code, severity: rule.severity, title: rule.title, explanation: rule.explanation });
      expect(isWarningCode(rule.code)).toBe(rule.severity === "warning");
    }
    expect(DESIGN_RULES.filter((rule) => rule.severity === "error").map((rule) => rule.code)).toEqual(["E230", "E231"]);
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

  it("runs an error rule whatever the settings name", () => {
    const design = 'system S {\n  lint { W300 off; W301 off; E231 off }\n  component A "A"\n  cost {\n    item "A" $20/month\n    budget $10/month\n  }\n}\n';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-rules-"));
    fs.writeFileSync(path.join(dir, "design.sysd"), design);
    // Rules passed by a caller are not validated as sysd.json is: the runner itself must keep errors on.
    const result = check([path.join(dir, "design.sysd")], { root: dir, rules: { E231: "off", E230: "off" } });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.diagnostics.filter((d) => d.code === "E231").map((d) => `${d.severity} ${d.message}`)).toEqual([
      "error the cost total $20/month is over the budget of $10/month",
    ]);
  });
});
