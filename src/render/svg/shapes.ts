/** The outline drawn for each node shape, from the layout's geometry constants. */
import {
  CLOUD_CURVES,
  CLOUD_START,
  CYLINDER_RY,
  DOCUMENT_WAVE,
  HEXAGON_INSET,
  PERSON_BODY_RX,
  PERSON_GAP,
  PERSON_HEAD_R,
  QUEUE_RX,
  RECT_RX,
  ROUNDED_RX,
} from "../../layout/shapes.js";
import type { Rect } from "../../layout/types.js";
import type { Shape } from "../../semantics/model.js";
import { PathData, el } from "./writer.js";

/** SVG elements for the outline of `shape` in `box` (class `outline`, plus `rim` for edges drawn over it). */
export function outline(shape: Shape, box: Rect): string {
  const { x, y, width: w, height: h } = box;
  switch (shape) {
    case "rectangle":
      return el("rect", { class: "outline", x, y, width: w, height: h, rx: RECT_RX });
    case "rounded":
      return el("rect", { class: "outline", x, y, width: w, height: h, rx: ROUNDED_RX });
    case "dashed":
      return el("rect", { class: "outline", x, y, width: w, height: h, rx: RECT_RX });
    case "cylinder": {
      const r = CYLINDER_RY;
      const rx = w / 2;
      const body = new PathData()
        .M(x, y + r)
        .V(y + h - r)
        .A(rx, r, 0, 0, 0, x + w, y + h - r)
        .V(y + r)
        .A(rx, r, 0, 0, 0, x, y + r)
        .Z();
      const rim = new PathData().M(x, y + r).A(rx, r, 0, 0, 0, x + w, y + r);
      return el("path", { class: "outline", d: body.toString() }) + el("path", { class: "rim", d: rim.toString() });
    }
    case "queue": {
      const r = QUEUE_RX;
      const ry = h / 2;
      const body = new PathData()
        .M(x + r, y)
        .H(x + w - r)
        .A(r, ry, 0, 0, 1, x + w - r, y + h)
        .H(x + r)
        .A(r, ry, 0, 0, 1, x + r, y)
        .Z();
      const rim = new PathData().M(x + w - r, y).A(r, ry, 0, 0, 0, x + w - r, y + h);
      return el("path", { class: "outline", d: body.toString() }) + el("path", { class: "rim", d: rim.toString() });
    }
    case "hexagon": {
      const s = HEXAGON_INSET;
      const d = new PathData()
        .M(x + s, y)
        .H(x + w - s)
        .L(x + w, y + h / 2)
        .L(x + w - s, y + h)
        .H(x + s)
        .L(x, y + h / 2)
        .Z();
      return el("path", { class: "outline", d: d.toString() });
    }
    case "person": {
      const bodyTop = y + 2 * PERSON_HEAD_R + PERSON_GAP;
      // Shoulders: the body's top corners are round, its bottom corners nearly square.
      const bh = y + h - bodyTop;
      const rt = Math.min(PERSON_BODY_RX, bh / 2, w / 2);
      const rb = Math.min(6, bh / 2);
      const body = new PathData()
        .M(x, bodyTop + rt)
        .A(rt, rt, 0, 0, 1, x + rt, bodyTop)
        .H(x + w - rt)
        .A(rt, rt, 0, 0, 1, x + w, bodyTop + rt)
        .V(y + h - rb)
        .A(rb, rb, 0, 0, 1, x + w - rb, y + h)
        .H(x + rb)
        .A(rb, rb, 0, 0, 1, x, y + h - rb)
        .Z();
      return (
        el("circle", { class: "outline", cx: x + w / 2, cy: y + PERSON_HEAD_R, r: PERSON_HEAD_R }) +
        el("path", { class: "outline", d: body.toString() })
      );
    }
    case "cloud": {
      const at = (u: number, v: number): [number, number] => [x + u * w, y + v * h];
      const d = new PathData().M(...at(CLOUD_START[0], CLOUD_START[1]));
      for (const [u1, v1, u2, v2, u3, v3] of CLOUD_CURVES) d.C(...at(u1, v1), ...at(u2, v2), ...at(u3, v3));
      d.Z();
      return el("path", { class: "outline", d: d.toString() });
    }
    case "document": {
      const W = DOCUMENT_WAVE;
      const base = y + h - 0.75 * W;
      const d = new PathData()
        .M(x, y)
        .H(x + w)
        .V(base)
        .C(x + 0.7 * w, base - 1.6 * W, x + 0.3 * w, base + 2.2 * W, x, base)
        .Z();
      return el("path", { class: "outline", d: d.toString() });
    }
  }
}
