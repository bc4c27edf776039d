/**
 * A system's generated files as one HTML fragment: its README.md rendered
 * with markdown-it (raw HTML escaped, only safe link targets), each diagram
 * it shows inlined so that its components can be clicked.
 */
import MarkdownIt from "markdown-it";
import * as crypto from "node:crypto";

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
const defaultValidate = markdown.validateLink.bind(markdown);
// markdown-it already refuses javascript:, vbscript:, file: and most data:; allow only the web's and in-page targets.
markdown.validateLink = (url: string): boolean => defaultValidate(url) && (/^(https?:|mailto:|#)/i.test(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url));

export interface SystemPage {
  id: string;
  title: string;
  html: string;
  /** Changes whenever the HTML does: the page replaces only what changed. */
  hash: string;
}

const escapeAttribute = (text: string): string => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function renderSystemPage(id: string, files: ReadonlyMap<string, string>): SystemPage {
  // sysd's own "generated" comment is for readers of the file, not of the page.
  const readme = (files.get("README.md") ?? "").replace(/^<!--[^\n]*-->[ \t]*\n/gm, "");
  let html = markdown.render(readme);
  // `![Architecture](architecture.svg)` → the SVG itself, which sysd wrote and escaped.
  html = html.replace(/<img src="([^"]+\.svg)" alt="([^"]*)"[^>]*>/g, (whole, file: string, alt: string) => {
    const svg = files.get(decodeURIComponent(file));
    if (svg === undefined) return whole;
    const body = svg.replace(/^<\?xml[^>]*>\s*/, "");
    return `<figure class="diagram" data-file="${escapeAttribute(file)}" aria-label="${alt}">${body}</figure>`;
  });
  // The heading is markdown; the page sets the title as text, so its backslash escapes go
  // (the title sysd wrote there is one line with controls and bidi overrides already escaped).
  const heading = /^# (.*)$/m.exec(readme)?.[1]?.replace(/^System Design: /, "");
  const title = heading === undefined ? id : heading.replace(/\\([!-/:-@[-`{-~])/g, "$1");
  return { id, title, html, hash: crypto.createHash("sha256").update(html).digest("hex").slice(0, 16) };
}
