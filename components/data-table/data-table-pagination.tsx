"use client";

import { ChevronLeft, ChevronRight, ChevronsLeft } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";

type Props = {
  /** 1-based number of the page on screen. */
  page: number;
  pageSize: number;
  pageSizes: readonly number[];
  /** Rows on this page (the upstream gives no total, so there is no "of N"). */
  rowCount: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onFirst: () => void;
  onPrevious: () => void;
  onNext: () => void;
  onPageSizeChange: (pageSize: number) => void;
  /** A page is loading: the controls stay put but cannot be pressed twice. */
  pending?: boolean;
};

const numberFormat = new Intl.NumberFormat("en");

/**
 * A pager for cursor-based lists: first / previous / next follow the upstream's links, so there
 * is no "last page" and no page count, only where you are and how many rows you see.
 */
export function DataTablePagination({
  page,
  pageSize,
  pageSizes,
  rowCount,
  hasPrevious,
  hasNext,
  onFirst,
  onPrevious,
  onNext,
  onPageSizeChange,
  pending = false,
}: Props) {
  const sizeId = useId();
  const first = (page - 1) * pageSize + 1;
  const shown =
    rowCount === 0
      ? "No rows"
      : `Rows ${numberFormat.format(first)}–${numberFormat.format(first + rowCount - 1)}`;
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <div className="flex items-center gap-2">
        <label htmlFor={sizeId} className="text-muted-foreground">
          Rows per page
        </label>
        <NativeSelect
          id={sizeId}
          value={String(pageSize)}
          onChange={(event) => onPageSizeChange(Number(event.target.value))}
          className="w-24"
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {numberFormat.format(size)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <p aria-live="polite" aria-atomic="true" data-testid="pager-status" className="text-muted-foreground">
        Page {numberFormat.format(page)} · {shown}
      </p>
      <div className="flex items-center gap-1">
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={onFirst}
          disabled={page === 1 && !hasPrevious}
          aria-label="First page"
        >
          <ChevronsLeft aria-hidden />
        </Button>
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={onPrevious}
          disabled={!hasPrevious || pending}
        >
          <ChevronLeft aria-hidden />
          Previous page
        </Button>
        <Button type="button" variant="outline" size="sm" onClick={onNext} disabled={!hasNext || pending}>
          Next page
          <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
