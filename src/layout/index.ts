/**
 * The layout stage: Model → positioned diagrams. ELK is loaded on the first
 * layout, never by importing this module.
 */
export { layoutArchitecture, technologyOf } from "./architecture.js";
export { layoutSequence, type SequenceDiagram } from "./sequence.js";
export { isLandscape, layoutBoundary, layoutLandscape, layoutView, LANDSCAPE_LIMIT, topLevelBoundaries } from "./view.js";
export { layoutDataModel } from "./data-model.js";
export { FONTS, SANS_FAMILY, MONO_FAMILY, SAFETY_MARGIN, textWidth, wrapText, ellipsize, type FontName, type FontSpec, type WrappedText } from "./measure.js";
export type * from "./types.js";
