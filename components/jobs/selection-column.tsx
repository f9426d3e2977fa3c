"use client";

import { useEffect, useRef } from "react";
import { useIsTabbableRow } from "@/components/data-table/data-table";
import { createDataTableColumnHelper } from "@/components/data-table/data-table-features";
import type { PageSelection } from "./use-page-selection";

/**
 * The tick-box column for bulk jobs, for any table whose rows have a `sid`. Clicks on the box do
 * not reach the row (which opens the SIM).
 */
export function selectionColumn<T extends { sid: string; iccid?: string | null }>(selection: PageSelection) {
  const helper = createDataTableColumnHelper<T>();
  return helper.display({
    id: "select",
    enableHiding: false,
    enableSorting: false,
    meta: { label: "Select", width: "2.75rem" },
    header: () => (
      <TickBox
        label="Select all SIMs on this page"
        checked={selection.allSelected}
        indeterminate={selection.someSelected}
        onChange={(on) => selection.setAll(on)}
        tabbable
      />
    ),
    cell: ({ row }) => (
      <RowTickBox
        label={`Select SIM ${row.original.iccid ?? row.original.sid}`}
        checked={selection.isSelected(row.original.sid)}
        onChange={(on) => selection.toggle(row.original.sid, on)}
      />
    ),
  });
}

function RowTickBox(props: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  const tabbable = useIsTabbableRow();
  return <TickBox {...props} tabbable={tabbable} />;
}

function TickBox({
  label,
  checked,
  indeterminate = false,
  onChange,
  tabbable,
}: {
  label: string;
  checked: boolean;
  indeterminate?: boolean;
  onChange: (on: boolean) => void;
  tabbable: boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={label}
      checked={checked}
      tabIndex={tabbable ? 0 : -1}
      onChange={(e) => onChange(e.target.checked)}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      className="size-4 cursor-pointer accent-primary"
    />
  );
}
