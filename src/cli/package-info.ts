import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** sysd's own version, read from the package.json it ships with. */
export function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, "package.json");
    if (fs.existsSync(candidate)) {
      try {
        const parsed: unknown = JSON.parse(fs.readFileSync(candidate, "utf8"));
        if (parsed && typeof parsed === "object" && "name" in parsed && parsed.name === "sysd" && "version" in parsed) {
          return String(parsed.version);
        }
      } catch {
        // Keep looking upwards.
      }
    }
    dir = path.dirname(dir);
  }
  return "0.0.0";
}
