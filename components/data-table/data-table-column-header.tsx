"use client";

import type { Header, RowData } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import type { DataTableFeatures } from "./data-table-features";

type Props<TData extends RowData> = {
  header: Header<DataTableFeatures, TData, unknown>;
  children: ReactNode;
};

/**
 * A sortable header. Sorting here reorders only the rows already loaded (the upstream cannot
 * sort), so the button says so instead of implying the whole fleet is sorted.
 */
export function DataTableColumnHeader<TData extends RowData>({ header, children }: Props<TData>) {
  const column = header.column;
  if (!column.getCanSort()) return <>{children}</>;
  const sorted = column.getIsSorted();
  const label = column.columnDef.meta?.label ?? column.id;
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <button
      type="button"
      onClick={column.getToggleSortingHandler()}
      title={`Sort the rows on this page by ${label}`}
      className={cn(
        "-mx-2 inline-flex items-center gap-1 rounded px-2 py-1 text-left font-medium hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        sorted && "text-foreground",
      )}
    >
      {children}
      <span className="sr-only">
        {sorted
          ? `, sorted ${sorted === "asc" ? "ascending" : "descending"} on this page; activate to change`
          : ", sort the rows on this page"}
      </span>
      <Icon aria-hidden className={cn("size-3.5", sorted ? "opacity-100" : "opacity-40")} />
    </button>
  );
}
