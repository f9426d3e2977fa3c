"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import {
  type EventsSearchState,
  FEED_EVENT_TYPE_LABELS,
  FEED_EVENT_TYPES,
  type FeedEventType,
} from "@/lib/timeline/events-query";

export type EventsFilterPatch = Partial<Pick<EventsSearchState, "type" | "from" | "to" | "actor" | "sim">>;

type Props = {
  state: EventsSearchState;
  actorSuggestions: readonly string[];
  onChange: (patch: EventsFilterPatch) => void;
  onClear: () => void;
};

const SIM_SID = /^DE[0-9a-fA-F]{32}$/;

/** Type, date range, actor and SIM, all kept in the address; text applies on Enter or leaving the field. */
export function EventsFilters({ state, actorSuggestions, onChange, onClear }: Props) {
  const id = useId();
  const active = Boolean(state.type || state.from || state.to || state.actor || state.sim);
  return (
    <form
      role="search"
      aria-label="Filter events"
      className="flex flex-wrap items-start gap-3"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-type`} className="text-sm font-medium">
          Type
        </label>
        <NativeSelect
          id={`${id}-type`}
          value={state.type ?? ""}
          onChange={(event) => onChange({ type: (event.target.value || null) as FeedEventType | null })}
          className="w-60"
        >
          <option value="">All lifecycle events</option>
          {FEED_EVENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {FEED_EVENT_TYPE_LABELS[type]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-from`} className="text-sm font-medium">
          From (UTC)
        </label>
        <Input
          id={`${id}-from`}
          type="date"
          value={state.from ?? ""}
          max={state.to ?? undefined}
          onChange={(event) => onChange({ from: event.target.value || null })}
          className="w-40"
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-to`} className="text-sm font-medium">
          To (UTC)
        </label>
        <Input
          id={`${id}-to`}
          type="date"
          value={state.to ?? ""}
          min={state.from ?? undefined}
          onChange={(event) => onChange({ to: event.target.value || null })}
          className="w-40"
        />
      </div>
      <CommitOnEnter
        label="Actor"
        hint="A person's email, an actor SID, or “automatic”"
        value={state.actor}
        suggestions={actorSuggestions}
        onCommit={(actor) => onChange({ actor })}
        className="w-64"
      />
      <CommitOnEnter
        label="SIM"
        hint="A SIM SID (DE…)"
        value={state.sim}
        check={(value) => (SIM_SID.test(value) ? null : "Enter a SIM SID: DE followed by 32 hex digits.")}
        onCommit={(sim) => onChange({ sim })}
        className="w-80"
      />
      {active ? (
        <Button type="button" variant="ghost" className="mt-6" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}

type CommitProps = {
  label: string;
  hint: string;
  value: string | null;
  suggestions?: readonly string[];
  /** Returns an error message, or null when the value may be applied. */
  check?: (value: string) => string | null;
  onCommit: (value: string | null) => void;
  className?: string;
};

function CommitOnEnter({ label, hint, value, suggestions, check, onCommit, className }: CommitProps) {
  const id = useId();
  const [draft, setDraft] = useState(value ?? "");
  const [error, setError] = useState<string | null>(null);
  // Follow the address when it changes elsewhere (Clear filters, the back button).
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value ?? "");
    setError(null);
  }

  const commit = () => {
    const next = draft.trim();
    if (next === "") {
      setError(null);
      if (value !== null) onCommit(null);
      return;
    }
    const problem = check?.(next) ?? null;
    setError(problem);
    if (!problem && next !== value) onCommit(next);
  };

  return (
    <div className={`flex flex-col gap-1.5 ${className ?? ""}`}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <Input
        id={id}
        value={draft}
        list={suggestions && suggestions.length > 0 ? `${id}-suggestions` : undefined}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            commit();
          }
        }}
      />
      {suggestions && suggestions.length > 0 ? (
        <datalist id={`${id}-suggestions`}>
          <option value="automatic" />
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
      <p id={`${id}-hint`} className={error ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
        {error ?? hint}
      </p>
    </div>
  );
}
