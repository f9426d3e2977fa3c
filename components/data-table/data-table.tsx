"use client";

import type { ReactTable, RowData } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  createContext,
  type KeyboardEvent,
  type ReactNode,
  useContext,
  useEffect,
  useRef,
  useState,
} from "react";
import { cn } from "@/lib/utils";
import { DataTableColumnHeader } from "./data-table-column-header";
import type { DataTableFeatures } from "./data-table-features";

/** Header row height in px; the virtualizer offsets rows by it so ranges and scrolling line up. */
const HEADER_HEIGHT = 40;

const TabbableRowContext = createContext(false);

/**
 * True inside the row that holds the table's single tab stop. Controls inside rows (a tooltip
 * button, later a checkbox) are tabbable only there, so Tab leaves a 1000-row table in one step
 * while the focused row's controls stay reachable.
 */
export function useIsTabbableRow() {
  return useContext(TabbableRowContext);
}

type DataTableProps<TData extends RowData> = {
  table: ReactTable<DataTableFeatures, TData>;
  /** Accessible name of the table. */
  label: string;
  /** Read by screen readers as the table's caption (e.g. how sorting and paging work). */
  caption?: string;
  /** Enter on a focused row, or a click on it, opens it. */
  onRowActivate?: (row: TData) => void;
  /** New rows are on their way; the current ones stay visible but are marked stale. */
  busy?: boolean;
  /** Shown in the body when there are no rows. */
  empty?: ReactNode;
  /** Fixed row height in px (cells truncate), which keeps virtual scrolling exact. */
  rowHeight?: number;
  /** Render every row up to this many; beyond it only the visible rows are in the DOM. */
  virtualizeAbove?: number;
  /** Below this width the table scrolls sideways instead of squeezing its flexible columns to nothing. */
  minWidth?: string;
  className?: string;
};

/**
 * A table with real table semantics (rows announce their position through aria-rowindex even
 * when virtualized), one tab stop with arrow-key row navigation, and row virtualization for large
 * pages: spacer rows stand in for the rows scrolled out of view.
 */
export function DataTable<TData extends RowData>({
  table,
  label,
  caption,
  onRowActivate,
  busy = false,
  empty,
  rowHeight = 52,
  virtualizeAbove = 100,
  minWidth = "56rem",
  className,
}: DataTableProps<TData>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns();
  const virtualize = rows.length > virtualizeAbove;

  // The virtualizer must re-render this component whenever the visible range changes; that is
  // what it does without compiler memoisation, which the rule warns is skipped here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    enabled: virtualize,
    // Server render and first client render agree on a window of rows before anything is measured.
    initialRect: { width: 1200, height: 900 },
  });

  const [activeIndex, setActiveIndex] = useState(0);
  const pendingFocus = useRef<number | null>(null);

  const virtualItems = virtualize ? virtualizer.getVirtualItems() : null;
  const indexes = virtualItems ? virtualItems.map((item) => item.index) : rows.map((_, index) => index);
  const active = Math.min(activeIndex, Math.max(rows.length - 1, 0));
  // The tab stop must exist in the DOM: when the active row is scrolled away, the first rendered row stands in.
  const tabbable = indexes.includes(active) ? active : (indexes[0] ?? -1);

  const paddingTop = virtualItems?.length ? (virtualItems[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT : 0;
  const paddingBottom = virtualItems?.length
    ? virtualizer.getTotalSize() - (virtualItems[virtualItems.length - 1]?.end ?? 0)
    : 0;

  // Focus follows arrow keys; with virtualization the row may render a frame after the scroll.
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-row-index="${pendingFocus.current}"]`);
    if (row) {
      row.focus({ preventScroll: virtualize });
      pendingFocus.current = null;
    }
  });

  function moveTo(index: number) {
    if (rows.length === 0) return;
    const next = Math.min(Math.max(index, 0), rows.length - 1);
    setActiveIndex(next);
    pendingFocus.current = next;
    if (virtualize) virtualizer.scrollToIndex(next, { align: "auto" });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    const target = event.target as HTMLElement;
    const tr = target.closest<HTMLElement>("tr[data-row-index]");
    if (!tr) return;
    const index = Number(tr.dataset.rowIndex);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key in moves && !event.altKey && !event.metaKey) {
      event.preventDefault();
      moveTo(moves[event.key] as number);
      return;
    }
    if (event.key === "Enter" && target === tr && onRowActivate) {
      const row = rows[index];
      if (row) {
        event.preventDefault();
        onRowActivate(row.original);
      }
    }
  }

  return (
    <div
      ref={scrollRef}
      className={cn("relative overflow-auto rounded-md border border-border", className)}
      data-virtualized={virtualize || undefined}
    >
      <table
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-busy={busy || undefined}
        className="w-full table-fixed border-collapse text-sm"
        style={{ minWidth }}
      >
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={{ width: column.columnDef.meta?.width }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-card shadow-[inset_0_-1px_0_var(--border)]">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className="px-3 text-left align-middle font-medium text-muted-foreground whitespace-nowrap"
                  >
                    {header.isPlaceholder ? null : (
                      <DataTableColumnHeader header={header}>
                        <table.FlexRender header={header} />
                      </DataTableColumnHeader>
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody ref={bodyRef} onKeyDown={onKeyDown} className={cn(busy && "opacity-60 transition-opacity")}>
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={columns.length} className="p-0">
                {empty}
              </td>
            </tr>
          ) : null}
          {paddingTop > 0 ? <SpacerRow height={paddingTop} columns={columns.length} /> : null}
          {indexes.map((index) => {
            const row = rows[index];
            if (!row) return null;
            const isTabbable = index === tabbable;
            return (
              <tr
                key={row.id}
                data-row-index={index}
                aria-rowindex={index + 2}
                tabIndex={isTabbable ? 0 : -1}
                style={{ height: rowHeight }}
                onFocus={() => setActiveIndex(index)}
                onClick={
                  onRowActivate
                    ? (event) => {
                        const target = event.target as HTMLElement;
                        if (target.closest("a, button, input, select, textarea, label")) return;
                        // Selecting text to copy an ICCID must not navigate away.
                        if (window.getSelection()?.toString()) return;
                        onRowActivate(row.original);
                      }
                    : undefined
                }
                className={cn(
                  "scroll-mt-10 border-b border-border last:border-b-0 hover:bg-muted/60 focus-visible:bg-accent/60 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
                  onRowActivate && "cursor-pointer",
                )}
              >
                <TabbableRowContext value={isTabbable}>
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      data-column={cell.column.id}
                      className={cn("truncate px-3 align-middle", cell.column.columnDef.meta?.cellClassName)}
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </TabbableRowContext>
              </tr>
            );
          })}
          {paddingBottom > 0 ? <SpacerRow height={paddingBottom} columns={columns.length} /> : null}
        </tbody>
      </table>
    </div>
  );
}

/** Stands in for rows outside the virtual window; hidden from assistive technology. */
function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={columns} className="p-0" />
    </tr>
  );
}
