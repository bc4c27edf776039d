import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/index.js";
import type { ComponentDecl, Connection, Quantity, SystemDecl } from "../../src/syntax/index.js";

function parse(text: string) {
  return parseSource(text, "test.sysd");
}

function systemOf(text: string): SystemDecl {
  const { ast, diagnostics } = parse(text);
  expect(diagnostics).toEqual([]);
  const system = ast.members.find((m): m is SystemDecl => m.type === "System");
  expect(system).toBeDefined();
  return system!;
}

describe("statements and lines", () => {
  it("ends a statement at `}` so a short block fits on one line", () => {
    const system = systemOf('system S { component A { technology "Go" } }');
    const component = system.members[0] as ComponentDecl;
    expect(component.type).toBe("Component");
    expect(component.properties[0]!.key.name).toBe("technology");
  });

  it("continues a statement after a comma at the end of a line", () => {
    const system = systemOf('system S {\n  component A {\n    responsibilities "a",\n      "b"\n  }\n}');
    const component = system.members[0] as ComponentDecl;
    expect(component.properties[0]!.values).toHaveLength(2);
  });

  it("needs `;` between two statements on one line", () => {
    const { diagnostics } = parse("system S { owner \"x\" status draft }");
    expect(diagnostics.map((d) => [d.code, d.span.line, d.span.column])).toEqual([["E100", 1, 22]]);
    expect(diagnostics[0]!.message).toContain("line break or `;`");
  });

  it("accepts `;` between two statements on one line", () => {
    const system = systemOf("system S { A -> B; B -> A }");
    expect(system.members.map((m) => (m as Connection).from.name)).toEqual(["A", "B"]);
  });
});

describe("quantities", () => {
  const amount = (text: string): Quantity => {
    const system = systemOf(`system S { cost { budget ${text} } }`);
    const cost = system.members[0]!;
    if (cost.type !== "Cost") throw new Error("expected cost");
    const budget = cost.members[0]!;
    if (budget.type !== "Budget") throw new Error("expected budget");
    return budget.amount as Quantity;
  };

  it.each([
    ["5min", 5, 1, "min"],
    ["1 GB", 1, 1, "GB"],
    ["99.9%", 99.9, 1, "%"],
    ["$0.50", 0.5, 1, "$"],
    ["10k", 10, 1000, undefined],
    ["2.5M", 2.5, 1e6, undefined],
    ["1_000_000", 1_000_000, 1, undefined],
    ["10x", 10, 1, "x"],
  ])("reads %s", (text, value, magnitude, unit) => {
    const quantity = amount(text);
    expect(quantity).toMatchObject({ type: "Quantity", value, magnitude });
    expect(quantity.unit).toBe(unit);
  });

  it("reads a rate as a division by one unit", () => {
    const system = systemOf("system S { scaling { demand uploads 1000/day } }");
    const scaling = system.members[0]!;
    if (scaling.type !== "Scaling") throw new Error("expected scaling");
    const demand = scaling.members[0]!;
    if (demand.type !== "Demand") throw new Error("expected demand");
    expect(demand.rate).toMatchObject({
      type: "Binary",
      operator: "/",
      left: { type: "Quantity", value: 1000 },
      right: { type: "Quantity", value: 1, unit: "day", implicit: true },
    });
  });

  it("suggests the closest unit for an unknown one", () => {
    const { diagnostics } = parse("system S { cost { budget 5mins } }");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toBe("unknown unit `mins` — did you mean `min`?");
    expect([diagnostics[0]!.span.line, diagnostics[0]!.span.column, diagnostics[0]!.span.endColumn]).toEqual([1, 27, 31]);
  });
});

describe("contextual keywords", () => {
  it("lets keywords be field names", () => {
    const { ast, diagnostics } = parse("model { entity E { type: string, status: string, query: string, kind: int, model: text } }");
    expect(diagnostics).toEqual([]);
    const model = ast.members[0]!;
    if (model.type !== "Model") throw new Error("expected model");
    const entity = model.members[0]!;
    if (entity.type !== "Entity") throw new Error("expected entity");
    expect(entity.fields.map((f) => f.name.name)).toEqual(["type", "status", "query", "kind", "model"]);
  });
});

describe("paths after HTTP methods", () => {
  it("reads an unquoted path with placeholders", () => {
    const system = systemOf('system S {\n  api A {\n    GET /uploads/{id} "Get" { params { id: uuid } }\n    DELETE /x/{y}\n  }\n}');
    const api = system.members[0]!;
    if (api.type !== "Api") throw new Error("expected api");
    const paths = api.members.map((m) => (m.type === "Endpoint" ? `${m.method} ${m.path.value}` : ""));
    expect(paths).toEqual(["GET /uploads/{id}", "DELETE /x/{y}"]);
  });
});

describe("strings", () => {
  it("decodes escapes", () => {
    const system = systemOf('system S { owner "a\\"b\\\\c\\n\\t\\u{1F600}" }');
    const owner = system.members[0]!;
    if (owner.type !== "Property") throw new Error("expected property");
    expect(owner.values[0]).toMatchObject({ type: "String", value: 'a"b\\c\n\t\u{1F600}' });
  });

  it("dedents triple-quoted text", () => {
    const system = systemOf('system S {\n  overview """\n    First line\n      indented\n    last\n  """\n}');
    const overview = system.members[0]!;
    if (overview.type !== "Property") throw new Error("expected property");
    expect(overview.values[0]).toMatchObject({ value: "First line\n  indented\nlast", triple: true });
  });

  it("reports an unterminated string at its opening quote", () => {
    const { diagnostics } = parse('system S {\n  owner "abc\n}\n');
    expect(diagnostics.map((d) => [d.span.line, d.span.column, d.message])).toEqual([
      [2, 9, 'unterminated string: a `"` is missing before the end of the line'],
    ]);
  });
});

describe("recovery", () => {
  it("reports every broken line in one run and keeps the good ones", () => {
    const text = [
      "system S {",
      "  component A { technology }",
      '  component B "B" : ',
      "  component C",
      "  A -> ",
      "}",
    ].join("\n");
    const { ast, diagnostics } = parse(text);
    expect(diagnostics.length).toBeGreaterThanOrEqual(2);
    const system = ast.members[0] as SystemDecl;
    expect(system.members.filter((m) => m.type === "Component").map((m) => (m as ComponentDecl).name.name)).toContain("C");
  });
});

describe("values of well-known properties", () => {
  it.each([
    ["component A { technology 42 }", "expected a string after `technology`, found `42`"],
    ['component A { stores "Upload" }', "expected a name after `stores`, found a string"],
    ['component A { owner "a", "b" }', "`owner` takes one value, found 2"],
  ])("rejects %s", (body, message) => {
    const { diagnostics } = parse(`system S { ${body} }`);
    expect(diagnostics.map((d) => d.message)).toEqual([message]);
  });

  it("points just past a key that lacks its value", () => {
    const { diagnostics } = parse("system S {\n  component A {\n    technology\n  }\n}");
    expect(diagnostics.map((d) => [d.span.line, d.span.column, d.message])).toEqual([
      [3, 15, "expected a string or a `{ ... }` block after `technology`"],
    ]);
  });

  it("leaves free-form `properties` alone", () => {
    const { diagnostics } = parse("system S { component A { properties { technology 5; owner 3 } } }");
    expect(diagnostics).toEqual([]);
  });
});
