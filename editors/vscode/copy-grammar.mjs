// The extension ships the editor grammar kept in the repository's grammar/
// folder; vsce packs only files inside the extension, so they are copied here.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const grammar = join(here, "..", "..", "grammar");
mkdirSync(join(here, "syntaxes"), { recursive: true });
for (const file of ["sysd.tmLanguage.json", "language-configuration.json"]) copyFileSync(join(grammar, file), join(here, "syntaxes", file));
