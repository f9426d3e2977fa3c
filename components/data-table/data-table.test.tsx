import { useTable } from "@tanstack/react-table";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "./data-table";
import { createDataTableColumnHelper, dataTableFeatures } from "./data-table-features";

type Item = { id: string; name: string };
const helper = createDataTableColumnHelper<Item>();
const columns = helper.columns([
  helper.accessor("id", { header: "Id", meta: { label: "Id" } }),
  helper.accessor("name", { header: "Name", meta: { label: "Name" } }),
]);

function items(count: number): Item[] {
  return Array.from({ length: count }, (_, i) => ({ id: `id-${i}`, name: `Item ${i}` }));
}

function Harness({ data }: { data: Item[] }) {
  const table = useTable({ features: dataTableFeatures, columns, data, getRowId: (row) => row.id });
  return <DataTable table={table} label="Items" empty={<p>Nothing here</p>} />;
}

const rowsIn = (html: string) => html.match(/<tr[\s>]/g)?.length ?? 0;

describe("DataTable (server render)", () => {
  it("renders every row of a small page with its position", () => {
    const html = renderToString(<Harness data={items(40)} />);
    expect(rowsIn(html)).toBe(41); // header + 40
    expect(html).toContain('aria-rowcount="41"');
    expect(html).toContain('aria-rowindex="41"');
    expect(html).not.toContain("data-virtualized");
  });

  it("renders only a window of a 1000-row page, keeping the table's size and row positions", () => {
    const html = renderToString(<Harness data={items(1000)} />);
    expect(html).toContain("data-virtualized");
    expect(html).toContain('aria-rowcount="1001"');
    // header + spacer + the rendered window: far below the 100-row budget
    expect(rowsIn(html)).toBeLessThanOrEqual(100);
    expect(rowsIn(html)).toBeGreaterThan(10);
    expect(html).toContain('aria-rowindex="2"');
    expect(html).not.toContain('aria-rowindex="1001"');
    // The spacer standing in for the rows below is hidden from assistive technology.
    expect(html).toMatch(/<tr aria-hidden="true" style="height:\d+px"/);
  });

  it("gives the table exactly one tab stop: the first row", () => {
    const html = renderToString(<Harness data={items(5)} />);
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html).toMatch(/data-row-index="0"[^>]*tabindex="0"/);
  });

  it("shows the empty state inside the table when there are no rows", () => {
    const html = renderToString(<Harness data={[]} />);
    expect(html).toContain("Nothing here");
    expect(html).toContain('aria-rowcount="1"');
  });
});
