/**
 * Builds designs in memory around texts chosen to break outputs (HTML,
 * markdown, YAML specials, control and bidi characters) and reads the
 * outputs back, for the tests of what sysd escapes (docs/security.md).
 */
import * as path from "node:path";
import MarkdownIt from "markdown-it";
import { compile, type OutputFile } from "../../src/index.js";
import { nodeHost, OverlayHost } from "../../src/syntax/index.js";

/** The texts a design is built from; labels are one-line plain text, long texts markdown. */
export interface HostileTexts {
  title: string;
  component: string;
  connection: string;
  requirement: string;
  entity: string;
  endpoint: string;
  decision: string;
  overview: string;
  description: string;
  context: string;
  /** An identifier (a component name). */
  name: string;
}

/** `text` as a sysd string literal: every character outside printable ASCII as `\u{…}`. */
export function sysdString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else out += `\\u{${cp.toString(16)}}`;
  }
  return `${out}"`;
}

export function hostileDesign(t: HostileTexts): string {
  const s = sysdString;
  return `system Hostile ${s(t.title)} {
  overview ${s(t.overview)}
  requirements {
    functional { FR1 ${s(t.requirement)} }
  }
  component ${t.name} ${s(t.component)} : service {
    description ${s(t.description)}
    exposes Things
  }
  component Store "Store" : database { stores Thing }
  ${t.name} -> Store ${s(t.connection)}
  flow f ${s(t.connection)} {
    satisfies FR1
    description ${s(t.description)}
    ${t.name} -> Store ${s(t.connection)}
  }
  model {
    entity Thing ${s(t.entity)} {
      id: string ${s(t.entity)} [pk]
    }
  }
  api Things ${s(t.endpoint)} {
    served_by ${t.name}
    description ${s(t.description)}
    GET /things/{id} ${s(t.endpoint)} {
      description ${s(t.description)}
      params { id: string }
      response 200 Thing
    }
  }
  decision D1 ${s(t.decision)} {
    status accepted
    context ${s(t.context)}
    consequences ${s(t.context)}
  }
}
`;
}

const ROOT = path.resolve("/virtual/design");

/** Compiles one design text held in memory; the outputs by file name, and the errors if any. */
export async function buildInMemory(source: string): Promise<{ outputs: Map<string, string>; errors: string[] }> {
  const file = path.join(ROOT, "design.sysd");
  // The design lives in memory; the standard library is read from the package.
  const host = new OverlayHost(nodeHost);
  host.set(file, source);
  const result = await compile([file], { root: ROOT, cwd: ROOT, rules: {}, host });
  const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`);
  return { outputs: new Map(result.outputs.map((o: OutputFile) => [o.path.split("/").slice(1).join("/"), o.content])), errors };
}

/** README.md as a browser would get it: with raw HTML allowed, to prove the markdown carries none. */
export function renderHtml(markdown: string, html: boolean): string {
  return new MarkdownIt({ html, linkify: false }).render(markdown);
}

/** Every `href`/`src` in rendered HTML that is neither http(s) nor relative (no scheme). */
export function unsafeLinks(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const target = decodeEntities(m[1]!);
    if (/^https?:\/\//i.test(target)) continue;
    // What a browser does: strip leading spaces and controls, ignore tabs and newlines in the scheme.
    const normal = target.replace(/^[\u0000-\u0020]+/, "").replace(/[\t\n\r]/g, "");
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(normal)) out.push(target);
  }
  return out;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The text a reader sees in rendered HTML: tags removed, entities decoded. */
export function visibleHtmlText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ""));
}

/** Every `on…=` attribute of every tag in rendered HTML (quoted attribute values are skipped, not searched). */
export function eventHandlers(html: string): string[] {
  const out: string[] = [];
  for (const tag of html.matchAll(/<[A-Za-z][^\s/>]*((?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)*)\s*\/?>/g)) {
    for (const attr of tag[1]!.matchAll(/\s+([^\s=>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?/g)) {
      if (/^on/i.test(attr[1]!)) out.push(attr[0].trim());
    }
  }
  return out;
}
