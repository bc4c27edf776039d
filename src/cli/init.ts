import * as fs from "node:fs";
import * as path from "node:path";
import { describeFileError } from "../syntax/index.js";
import { EXIT, type Io } from "./io.js";
import { starterDesign } from "./starter.js";
import { writeFileAtomic } from "./write.js";

/** `my-shop` → `MyShop`: the system id of a starter design. */
export function systemIdOf(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  const id = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return /^[A-Za-z_]/.test(id) ? id : `System${id}`;
}

/** `sysd init [name]`: writes `<name>.sysd`, never over an existing file. */
export function runInit(name: string | undefined, io: Io): number {
  const base = (name ?? "design").replace(/\.sysd$/, "");
  const file = path.resolve(io.cwd, `${base}.sysd`);
  if (fs.existsSync(file)) {
    io.stderr(`sysd init: ${path.relative(io.cwd, file)} already exists; choose another name\n`);
    return EXIT.usage;
  }
  const id = systemIdOf(path.basename(base));
  const title = path
    .basename(base)
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
  try {
    writeFileAtomic(file, starterDesign(id, title || "My System"));
  } catch (error) {
    io.stderr(`sysd init: cannot write ${file}: ${describeFileError(error)}\n`);
    return EXIT.usage;
  }
  io.stdout(`wrote ${path.relative(io.cwd, file)}: run \`sysd check ${path.relative(io.cwd, file)}\` next\n`);
  return EXIT.ok;
}
