import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

type Props = {
  title: string;
  children?: ReactNode;
  /** Buttons offering the way out (clear filters, try again). */
  action?: ReactNode;
  /** "alert" announces a failure at once; "status" is for quiet states like "no results". */
  role?: "alert" | "status";
  tone?: "neutral" | "danger";
  icon?: ReactNode;
  className?: string;
};

/** The empty and error states of a table: what happened, in plain words, and what to do next. */
export function DataTableMessage({
  title,
  children,
  action,
  role = "status",
  tone = "neutral",
  icon,
  className,
}: Props) {
  return (
    <div
      role={role}
      className={cn(
        "flex flex-col items-center justify-center gap-2 px-6 py-12 text-center",
        tone === "danger" && "text-destructive",
        className,
      )}
    >
      {icon}
      <p className="text-base font-medium text-foreground">{title}</p>
      {children ? <div className="max-w-prose text-sm text-muted-foreground">{children}</div> : null}
      {action ? <div className="mt-2 flex gap-2">{action}</div> : null}
    </div>
  );
}
