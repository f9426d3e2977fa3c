/**
 * The features every console table registers, declared once so the column helpers, the table and
 * its parts share one type. v9 bundles only what is listed here: sorting (of the loaded rows only;
 * paging and filtering belong to the upstream) and column visibility. Row selection joins when the
 * bulk-jobs screens need it.
 */
import {
  columnVisibilityFeature,
  createColumnHelper,
  createSortedRowModel,
  metaHelper,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_text,
  tableFeatures,
} from "@tanstack/react-table";

export type DataTableColumnMeta = {
  /** The column's name in menus and accessible labels (headers may render more than text). */
  label: string;
  /** Width under `table-layout: fixed`, e.g. "12rem" or "20%"; virtualized rows keep it steady. */
  width?: string;
  cellClassName?: string;
};

export const dataTableFeatures = tableFeatures({
  columnVisibilityFeature,
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text },
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/** A column helper bound to the shared features, for one row type. */
export function createDataTableColumnHelper<TData extends object>() {
  return createColumnHelper<DataTableFeatures, TData>();
}
