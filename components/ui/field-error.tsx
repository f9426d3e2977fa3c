import { cn } from "@/lib/utils";

/**
 * The error under a form field. Always rendered (empty when valid) so the `aria-describedby` that
 * points at it stays valid, and polite so screen readers hear a new message without losing focus.
 */
export function FieldError({
  id,
  message,
  className,
}: {
  id: string;
  message?: string | null;
  className?: string;
}) {
  return (
    <p id={id} aria-live="polite" className={cn("min-h-0 text-xs text-destructive empty:hidden", className)}>
      {message ?? ""}
    </p>
  );
}
