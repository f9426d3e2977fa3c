"use client";

import { useDeferredValue, useId, useMemo } from "react";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { plural } from "@/lib/jobs/format";
import { MAX_JOB_SIMS } from "@/lib/jobs/job-spec";
import { parsePastedList } from "@/lib/jobs/pasted-list";

const SHOWN_PROBLEMS = 50;

/**
 * A pasted or uploaded list of ICCIDs or SIM SIDs. It is checked as it is typed with the
 * server's own rules, and every line that names no SIM is listed: nothing is dropped unseen.
 */
export function SimListInput({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const ids = { text: useId(), file: useId(), summary: useId() };
  const deferred = useDeferredValue(value);
  const parsed = useMemo(() => parsePastedList(deferred), [deferred]);

  async function upload(file: File | undefined) {
    if (!file) return;
    onChange(await file.text());
  }

  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={ids.text}>ICCIDs or SIM SIDs, one per line</Label>
      <Textarea
        id={ids.text}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={8}
        className="font-mono text-xs"
        placeholder={"8901260000000000042\nDE0123456789abcdef0123456789abcdef"}
        aria-describedby={ids.summary}
        spellCheck={false}
      />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Label htmlFor={ids.file}>Or upload a file (.csv or .txt; the first column is read)</Label>
        <input
          id={ids.file}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          onChange={(e) => void upload(e.target.files?.[0])}
          className="text-sm file:mr-2 file:rounded-md file:border file:border-border file:bg-background file:px-3 file:py-1"
        />
      </div>
      <div id={ids.summary} aria-live="polite" className="text-sm">
        {deferred.trim() === "" ? (
          <span className="text-muted-foreground">Up to {MAX_JOB_SIMS.toLocaleString("en-US")} SIMs.</span>
        ) : (
          <span>
            {plural(parsed.entries.length, "SIM")} listed
            {parsed.rejected.length > 0 ? (
              <span className="text-destructive">
                , {plural(parsed.rejected.length, "line")} with problems
              </span>
            ) : null}
            .
          </span>
        )}
      </div>
      {parsed.rejected.length > 0 ? (
        <ul
          aria-label="Lines with problems"
          className="max-h-48 overflow-y-auto rounded-md border border-border p-2 text-xs"
        >
          {parsed.rejected.slice(0, SHOWN_PROBLEMS).map((line) => (
            <li key={line.line}>
              Line {line.line}: <code className="font-mono">{line.text}</code>: {line.reason}
            </li>
          ))}
          {parsed.rejected.length > SHOWN_PROBLEMS ? (
            <li className="text-muted-foreground">
              …and {plural(parsed.rejected.length - SHOWN_PROBLEMS, "more line")}; the preview lists them all.
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
