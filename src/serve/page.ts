/**
 * The preview page and its script. The page never reloads: the script asks
 * for the state when the server says it changed, and swaps only what changed
 * (the document of the shown system, the diagnostics, the overlay), so the
 * scroll position stays where the reader left it.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sysd preview</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
<header><strong>sysd</strong> preview <nav id="systems" aria-label="Systems"></nav><span id="status" role="status"></span></header>
<div id="overlay" hidden role="alert"><h2>The designs have errors</h2><p>The last good document and diagrams are shown below.</p><ul id="overlay-list"></ul></div>
<main id="document"><p>Building…</p></main>
<aside id="diagnostics" aria-label="Diagnostics"><h2>Diagnostics</h2><ul id="diagnostic-list"></ul></aside>
</body>
</html>
`;

export const PAGE_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --error: #cf222e; --warn: #9a6700; --panel: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --error: #f85149; --warn: #d29922; --panel: #151b23; } }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 -apple-system, "Segoe UI", "Open Sans", Helvetica, Arial, sans-serif; }
header { position: sticky; top: 0; z-index: 2; display: flex; gap: 1em; align-items: center; padding: 0.5em 1em; background: var(--panel); border-bottom: 1px solid var(--line); }
nav button { font: inherit; background: none; border: 1px solid var(--line); color: var(--fg); border-radius: 6px; padding: 0.1em 0.7em; cursor: pointer; }
nav button[aria-current="true"] { border-color: var(--fg); font-weight: 600; }
#status { color: var(--muted); margin-left: auto; }
h2, h3 { scroll-margin-top: 3.5em; }
main { max-width: 980px; margin: 0 auto; padding: 1em 2em 4em; }
main table { border-collapse: collapse; } main td, main th { border: 1px solid var(--line); padding: 0.2em 0.6em; }
main code { background: var(--panel); padding: 0 0.2em; border-radius: 4px; }
figure.diagram { margin: 1em 0; overflow-x: auto; } figure.diagram svg { max-width: 100%; height: auto; }
figure.diagram [data-ref] { cursor: pointer; }
#overlay { position: sticky; top: 2.6em; z-index: 1; margin: 0; padding: 0.6em 1.2em; background: var(--panel); border: 2px solid var(--error); }
#overlay h2 { margin: 0; color: var(--error); font-size: 1.1em; }
#overlay ul, #diagnostics ul { margin: 0.3em 0; padding-left: 1.2em; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
#diagnostics { max-width: 980px; margin: 0 auto 3em; padding: 0 2em; } #diagnostics h2 { font-size: 1.1em; }
.error { color: var(--error); } .warning { color: var(--warn); } .info { color: var(--muted); }
button.copy { font: inherit; font-size: 12px; margin-left: 0.5em; cursor: pointer; background: none; border: 1px solid var(--line); color: var(--muted); border-radius: 4px; }
.flash { outline: 3px solid var(--warn); outline-offset: 4px; }
`;

export const PAGE_SCRIPT = `"use strict";
(() => {
  const state = { version: -1, system: decodeURIComponent(location.hash.slice(1)), shownHash: "", systems: [] };
  window.sysdPage = { loadedAt: Date.now(), updates: 0 };
  const $ = (id) => document.getElementById(id);
  const text = (tag, content, className) => { const e = document.createElement(tag); e.textContent = content; if (className) e.className = className; return e; };
  const where = (d) => d.file + ":" + d.line + ":" + d.column;

  function diagnosticItem(d) {
    const li = document.createElement("li");
    li.className = d.severity;
    li.append(text("span", where(d) + " " + d.severity + " " + d.code + ": " + d.message));
    const copy = text("button", "copy", "copy");
    copy.title = "Copy " + where(d);
    copy.addEventListener("click", () => { navigator.clipboard?.writeText(where(d)).catch(() => {}); copy.textContent = "copied"; });
    li.append(copy);
    return li;
  }

  function show(s) {
    const systems = s.systems;
    if (!systems.some((x) => x.id === state.system)) state.system = systems[0] ? systems[0].id : "";
    const nav = $("systems");
    nav.replaceChildren(...systems.map((x) => {
      const b = text("button", x.title);
      b.setAttribute("aria-current", String(x.id === state.system));
      b.addEventListener("click", () => { location.hash = encodeURIComponent(x.id); state.system = x.id; state.shownHash = ""; show(s); });
      return b;
    }));
    const current = systems.find((x) => x.id === state.system);
    if (!current) { $("document").replaceChildren(text("p", "No system to show yet.")); state.shownHash = ""; }
    else if (current.hash !== state.shownHash) {
      $("document").innerHTML = current.html;
      state.shownHash = current.hash;
    }
    const errors = s.diagnostics.filter((d) => d.severity === "error");
    $("overlay").hidden = !(s.stale && errors.length > 0) && !s.internalError;
    $("overlay-list").replaceChildren(...(s.internalError ? [text("li", s.internalError, "error")] : []), ...errors.map(diagnosticItem));
    $("diagnostic-list").replaceChildren(...(s.diagnostics.length ? s.diagnostics.map(diagnosticItem) : [text("li", "none")]));
    $("status").textContent = errors.length ? errors.length + " error" + (errors.length > 1 ? "s" : "") : "up to date";
  }

  async function refresh() {
    try {
      const response = await fetch("/api/state", { cache: "no-store" });
      const s = await response.json();
      if (s.version === state.version) return;
      state.version = s.version;
      show(s);
      window.sysdPage.updates++;
    } catch (error) {
      $("status").textContent = "disconnected";
    }
  }

  // A click on a component of a diagram goes to its part of the document.
  document.addEventListener("click", (event) => {
    const node = event.target instanceof Element ? event.target.closest("[data-ref]") : null;
    if (!node) return;
    const ref = node.getAttribute("data-ref");
    for (const code of document.querySelectorAll("#document p code")) {
      const p = code.parentElement;
      if (code.textContent !== ref || !p || !/^ID:/.test(p.textContent || "")) continue;
      let heading = p.previousElementSibling;
      while (heading && heading.tagName !== "H3") heading = heading.previousElementSibling;
      const target = heading || p;
      target.scrollIntoView({ block: "start" });
      target.classList.add("flash");
      setTimeout(() => target.classList.remove("flash"), 1200);
      return;
    }
  });

  const events = new EventSource("/events");
  events.onmessage = refresh;
  events.onerror = () => { $("status").textContent = "reconnecting…"; };
  refresh();
})();
`;
