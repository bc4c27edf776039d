/**
 * The keys the model gives connections, flow steps, endpoints and fields:
 * what they look like, that duplicates get an ordinal, and that moving or
 * inserting elements leaves the keys of the others as they were.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FieldModel, SystemModel, TypeModel } from "../../src/semantics/model.js";
import { compileText } from "../helpers/compile.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-identity-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const parts = {
  components: 'component A "A" : service\n  component B "B" : database { stores Link }',
  connections: ['A -> B "reads"', 'A -> B "reads"', "A -> B"],
  steps: ['A -> B "get"', 'B: "think"', 'A -> B "get"'],
  fields: ["code: string [pk]", "meta: { size: int, tags: { name: string }[] }"],
  endpoints: [
    'GET /links/{code} "Get" {\n      query { full?: bool }\n      response 200 { link: Link, items: { id: string }[] }\n    }',
    'POST /links "Create" {\n      request { user: { email: string } }\n      response 201 Link\n    }',
  ],
};

function design(p: typeof parts): string {
  return `system S {
  ${p.components}
  ${p.connections.join("\n  ")}
  flow f "F" {
    ${p.steps.join("\n    ")}
  }
  model {
    entity Link {
      ${p.fields.join("\n      ")}
    }
  }
  api Links "Links" {
    served_by A
    base "/v1"
    ${p.endpoints.join("\n    ")}
  }
  webhook hook "Hook" {
    from A
    payload { id: string }
  }
}
`;
}

function typeFields(type: TypeModel | undefined): FieldModel[] {
  if (!type) return [];
  if (type.type === "array") return typeFields(type.element);
  return type.type === "record" ? type.fields.flatMap((f) => [f, ...typeFields(f.valueType)]) : [];
}

/** Every key of a system, by kind. */
function keys(system: SystemModel): Record<string, string[]> {
  const fields = (list: FieldModel[]): FieldModel[] => list.flatMap((f) => [f, ...typeFields(f.valueType)]);
  const endpoints = system.apis.flatMap((a) => a.endpoints);
  return {
    connections: system.connections.map((c) => c.key),
    steps: system.flows.flatMap((f) => f.steps.map((s) => s.key)),
    endpoints: endpoints.map((e) => e.key),
    fields: [
      ...fields(system.types.entities.flatMap((e) => e.fields)),
      ...endpoints.flatMap((e) => [...fields(e.params), ...fields(e.query), ...typeFields(e.request), ...e.responses.flatMap((r) => typeFields(r.body))]),
      ...system.webhooks.flatMap((w) => typeFields(w.payload)),
    ].map((f) => f.key),
  };
}

describe("model keys", () => {
  const system = compileText(design(parts), scratch);

  it("name each element by what it says, with an ordinal only for a repeat", () => {
    expect(keys(system)).toEqual({
      connections: ['A -> B "reads"', 'A -> B "reads" (2)', "A -> B"],
      steps: ['f: A -> B "get"', 'f: B: "think"', 'f: A -> B "get" (2)'],
      endpoints: ["GET /v1/links/{code}", "POST /v1/links"],
      fields: [
        "Link.code",
        "Link.meta",
        "Link.meta.size",
        "Link.meta.tags",
        "Link.meta.tags[].name",
        "GET /v1/links/{code} params code",
        "GET /v1/links/{code} query full",
        "GET /v1/links/{code} response 200 link",
        "GET /v1/links/{code} response 200 items",
        "GET /v1/links/{code} response 200 items[].id",
        "POST /v1/links request user",
        "POST /v1/links request user.email",
        "hook payload id",
      ],
    });
  });

  it("are unique within their kind", () => {
    for (const list of Object.values(keys(system))) expect(new Set(list).size).toBe(list.length);
  });

  it("stay as they were when elements move or others are inserted before them", () => {
    const edited = compileText(
      design({
        ...parts,
        connections: ['B -> A "new"', "A -> B", ...parts.connections.slice(0, 2)],
        steps: ['A -> B "first"', ...parts.steps],
        fields: ["added: int", ...[...parts.fields].reverse()],
        endpoints: ['DELETE /links/{code} "Delete" {\n      response 204\n    }', ...[...parts.endpoints].reverse()],
      }),
      scratch,
    );
    const before = keys(system);
    const after = keys(edited);
    for (const kind of Object.keys(before)) expect(after[kind]).toEqual(expect.arrayContaining(before[kind]!));
    // The step numbers moved; the keys did not.
    expect(edited.flows[0]!.steps.find((s) => s.key === 'f: B: "think"')?.number).toBe(3);
  });
});
