/**
 * Stable identities of the elements that have no id of their own, so two
 * revisions of a design can be matched element by element (`sysd diff`,
 * model.json readers). A key is made of what the element says, never of
 * where it stands: moving a connection, inserting a flow step before
 * another or reordering fields leaves every other key as it was. Only
 * elements that say exactly the same thing are told apart by an ordinal,
 * ` (2)`, ` (3)`, in source order.
 *
 * Path parameters are kept as written: `GET /links/{code}` and
 * `GET /links/{slug}` are different keys, so the key reads as the endpoint
 * does; `sysd diff` reports a parameter renamed and nothing else changed as
 * a rename (docs/model-json.md).
 */

/** `Api -> Store "reads links"`; without a label, `Api -> Store`. */
export function connectionKey(from: string, to: string, label: string | undefined): string {
  return `${from} -> ${to}${label ? ` "${label}"` : ""}`;
}

/** `upload: Api -> Store "writes"` for a message, `upload: Workers: "transcode"` for work inside one component. */
export function flowStepKey(flow: string, step: { type: "message" | "step"; from: string; to?: string; text: string }): string {
  return `${flow}: ${step.type === "message" ? `${step.from} -> ${step.to ?? ""}` : `${step.from}:`} "${step.text}"`;
}

/** `GET /v1/links/{code}`: the method and the full path, the api's base included. */
export function endpointKey(method: string, base: string | undefined, path: string): string {
  return `${method} ${base ?? ""}${path}`;
}

/**
 * Where the fields of a type sit, as the start of their keys: `Link.` for an
 * entity, `GET /v1/links request ` for a request body, `hook payload ` for
 * a webhook's payload. A field's key is its place followed by its name.
 */
export const entityFields = (entity: string): string => `${entity}.`;
export const paramFields = (endpoint: string): string => `${endpoint} params `;
export const queryFields = (endpoint: string): string => `${endpoint} query `;
export const requestFields = (endpoint: string): string => `${endpoint} request `;
export const responseFields = (endpoint: string, status: number): string => `${endpoint} response ${status} `;
export const payloadFields = (webhook: string): string => `${webhook} payload `;

/** `Link.owner`, `POST /v1/links request user.email`. */
export function fieldKey(place: string, name: string): string {
  return `${place}${name}`;
}

/** The place of the fields of a record that is the type of the field keyed `key`: `user.` after `user`. */
export function nestedFields(key: string): string {
  return `${key}.`;
}

/** The place of the fields of an array's element records: `items[].` inside a field, `[].` for a whole body. */
export function elementFields(place: string): string {
  return place.endsWith(".") ? `${place.slice(0, -1)}[].` : `${place}[].`;
}

/** Hands out keys, adding an ordinal to a key already handed out. */
export class KeyRing {
  private readonly used = new Set<string>();

  unique(key: string): string {
    let candidate = key;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${key} (${n})`;
    this.used.add(candidate);
    return candidate;
  }
}
