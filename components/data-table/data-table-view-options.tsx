"use client";

import type { ReactTable, RowData } from "@tanstack/react-table";
import { Columns3 } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { DataTableFeatures } from "./data-table-features";

type Props<TData extends RowData> = {
  table: ReactTable<DataTableFeatures, TData>;
};

/**
 * The "Columns" button: a disclosure with one checkbox per hideable column (the table owns and
 * persists the state). Native checkboxes rather than a menu library keep ~25 KB of JavaScript
 * off the table page and give keyboard and screen-reader behaviour for free.
 */
export function DataTableViewOptions<TData extends RowData>({ table }: Props<TData>) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const columns = table.getAllLeafColumns().filter((column) => column.getCanHide());

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return (
    <div ref={rootRef} className="relative">
      <Button
        ref={buttonRef}
        type="button"
        variant="outline"
        size="sm"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <Columns3 aria-hidden />
        Columns
      </Button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute top-full right-0 z-30 mt-1 min-w-48 rounded-md border border-border bg-card p-1 text-sm text-foreground shadow-md"
      >
        <fieldset>
          <legend className="px-2 py-1.5 text-xs font-medium text-muted-foreground">Show columns</legend>
          {columns.map((column) => (
            <label
              key={column.id}
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 select-none hover:bg-muted"
            >
              <input
                type="checkbox"
                checked={column.getIsVisible()}
                onChange={(event) => column.toggleVisibility(event.target.checked)}
                className="size-4 accent-[var(--primary)]"
              />
              {column.columnDef.meta?.label ?? column.id}
            </label>
          ))}
        </fieldset>
      </div>
    </div>
  );
}
