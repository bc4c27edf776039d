import { describe, expect, it } from "vitest";
import { BLOCKS, SHAPES, type BlockSpec } from "../../src/syntax/property-table.js";

describe("the property table", () => {
  const blocks = Object.entries(BLOCKS) as [string, BlockSpec][];

  it("gives each key one shape in every block, since the parser checks values before it knows the block", () => {
    const clashes: string[] = [];
    for (const [name, block] of blocks) {
      for (const [key, spec] of Object.entries(block.properties)) {
        if (SHAPES.get(key) !== spec.shape) clashes.push(`${name}.${key}: ${spec.shape}, elsewhere ${SHAPES.get(key)}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("takes closed sets only on name-shaped properties, and nests only into blocks it defines", () => {
    for (const [name, block] of blocks) {
      for (const [key, spec] of Object.entries(block.properties)) {
        if (spec.oneOf) expect(spec.shape, `${name}.${key}`).toBe("name");
        if (spec.block) expect(Object.keys(BLOCKS), `${name}.${key}`).toContain(spec.block);
      }
    }
  });
});
