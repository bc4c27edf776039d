/**
 * Chevrotain, from its single-file ES module build. The package's main
 * entry is hundreds of small modules (with lodash-es) that take about
 * 0.3 s to load, which every `sysd` run would pay; the bundle it ships
 * beside them loads in 20 ms. Its exports map offers only the main entry,
 * so the bundle is found next to it.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Chevrotain from "chevrotain";

const entry = createRequire(import.meta.url).resolve("chevrotain");
const bundle = path.join(path.dirname(entry), "..", "chevrotain.mjs");
const chevrotain = (await import(pathToFileURL(bundle).href)) as typeof Chevrotain;

export const { createToken, createTokenInstance, CstParser, EOF, Lexer, tokenLabel, tokenMatcher } = chevrotain;
export type { CstNode, IParserErrorMessageProvider, IRecognitionException, IToken, TokenType } from "chevrotain";
