import { describe, expect, it } from "vitest";
import { escapeXml } from "../../src/render/svg/writer.js";
import { isInvisible, visible } from "../../src/util/visible.js";

describe("escapeXml", () => {
  it("escapes a bidi override or a C1 control even when the label holds nothing else to escape", () => {
    for (const cp of [0x7f, 0x85, 0x9f, 0x61c, 0x200e, 0x202e, 0x2066, 0x2069]) {
      const label = `Api ${String.fromCodePoint(cp)}gnp`;
      expect(escapeXml(label), cp.toString(16)).toBe(visible(label));
    }
  });

  it("leaves no character visible() escapes, over every code point of the BMP but surrogates", () => {
    let all = "";
    for (let cp = 0x20; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) all += String.fromCharCode(cp);
    const escaped = escapeXml(all);
    expect([...escaped].filter((c) => isInvisible(c.codePointAt(0)!))).toEqual([]);
  });
});
