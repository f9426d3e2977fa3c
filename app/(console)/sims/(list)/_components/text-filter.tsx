"use client";

import { type ReactNode, useId, useState } from "react";
import { cn } from "@/lib/utils";

export type TextFilterCheck = { ok: true; value: string } | { ok: false; message: string };

type Props = {
  label: ReactNode;
  /** The filter's value in the URL (null when unset). */
  value: string | null;
  /** Applies a new value (null clears it). Only called with values that passed `check`. */
  onCommit: (value: string | null) => void;
  /** Validates and normalises what was typed; a refusal shows inline and sends nothing. */
  check?: (input: string) => TextFilterCheck;
  /** A note about the current value that is not an error (e.g. a missing check digit). */
  warning?: string;
  /** An error about the current URL value (e.g. a shared link with an invalid ICCID). */
  error?: string;
  hint?: ReactNode;
  placeholder?: string;
  inputMode?: "text" | "numeric";
  className?: string;
};

/**
 * A text filter that applies on Enter or when focus leaves, not on every keystroke: each value
 * costs an upstream request, and half-typed ICCIDs would only produce errors.
 */
export function TextFilter({
  label,
  value,
  onCommit,
  check,
  warning,
  error: urlError,
  hint,
  placeholder,
  inputMode = "text",
  className,
}: Props) {
  const id = useId();
  const messageId = `${id}-message`;
  const [draft, setDraft] = useState(value ?? "");
  const [localError, setLocalError] = useState<string | null>(null);
  // Follow the URL when it changes from elsewhere (Clear filters, back button, a link).
  const [seenValue, setSeenValue] = useState(value);
  if (seenValue !== value) {
    setSeenValue(value);
    setDraft(value ?? "");
    setLocalError(null);
  }

  function commit() {
    const input = draft.trim();
    if (input === "") {
      setLocalError(null);
      if (value !== null) onCommit(null);
      return;
    }
    const result: TextFilterCheck = check ? check(input) : { ok: true, value: input };
    if (!result.ok) {
      setLocalError(result.message);
      return;
    }
    setLocalError(null);
    setDraft(result.value);
    if (result.value !== value) onCommit(result.value);
  }

  const error = localError ?? urlError ?? null;
  const message = error ?? (draft === (value ?? "") ? warning : undefined);

  return (
    <div className={cn("flex min-w-0 flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        value={draft}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={message || hint ? messageId : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          if (localError) setLocalError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            commit();
          } else if (event.key === "Escape" && draft !== (value ?? "")) {
            setDraft(value ?? "");
            setLocalError(null);
          }
        }}
        onBlur={commit}
        className="h-9 w-full rounded-md border border-border bg-background px-3 text-sm placeholder:text-muted-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-invalid:border-destructive aria-invalid:ring-destructive"
      />
      <p
        id={messageId}
        aria-live="polite"
        className={cn("min-h-4 text-xs", error ? "text-destructive" : "text-muted-foreground")}
      >
        {message ?? hint}
      </p>
    </div>
  );
}
