// The only entry point into the language server.
export { startLanguageServer, type ServerOptions } from "./server.js";
