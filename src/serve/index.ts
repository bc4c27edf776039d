// The only entry point into the live preview.
export { DEFAULT_PORT, PortInUseError, startPreview, type PreviewState, type RunningPreview, type ServeOptions } from "./server.js";
