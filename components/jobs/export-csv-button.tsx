"use client";

import { Download, X } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { createCsvRecordCounter } from "@/lib/jobs/csv";
import { plural } from "@/lib/jobs/format";
import type { JobFilter } from "@/lib/jobs/job-spec";
import { ApiError } from "@/lib/queries/fetch-json";

type State = { phase: "idle" } | { phase: "running"; rows: number } | { phase: "done"; rows: number };

/**
 * "Export CSV": every SIM matching the table's filter, all pages. The server streams the file;
 * this reads the stream to show how many SIMs have arrived (there is no total upstream), then
 * hands the file to the browser as a download.
 */
export function ExportCsvButton({ filter }: { filter: JobFilter }) {
  const [state, setState] = useState<State>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);

  async function run() {
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: "running", rows: 0 });
    try {
      const query = new URLSearchParams(
        Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      const response = await fetch(`/api/sims/export?${query}`, {
        signal: controller.signal,
        cache: "no-store",
      });
      if (!response.ok || !response.body) throw await toApiError(response);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const counter = createCsvRecordCounter();
      const chunks: string[] = [];
      let records = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        chunks.push(value);
        records += counter.feed(value);
        // The header is a record too.
        setState({ phase: "running", rows: Math.max(0, records - 1) });
      }
      const rows = Math.max(0, records - 1);
      download(new Blob(chunks, { type: "text/csv;charset=utf-8" }), fileName(response));
      setState({ phase: "done", rows });
      toast.success(`Exported ${plural(rows, "SIM")}.`);
    } catch (error) {
      setState({ phase: "idle" });
      if (controller.signal.aborted) return;
      toast.error(
        error instanceof ApiError
          ? error.message
          : "The export stopped before it finished (the connection or KORE failed). Try again.",
      );
    } finally {
      abort.current = null;
    }
  }

  return (
    <div className="flex items-center gap-2">
      {state.phase === "running" ? (
        <>
          <span role="status" aria-live="polite" className="text-sm text-muted-foreground">
            Exporting… {plural(state.rows, "SIM")} so far
          </span>
          <Button type="button" size="sm" variant="ghost" onClick={() => abort.current?.abort()}>
            <X aria-hidden />
            Stop export
          </Button>
        </>
      ) : (
        <>
          {state.phase === "done" ? (
            <span role="status" className="text-sm text-muted-foreground">
              {plural(state.rows, "SIM")} exported
            </span>
          ) : null}
          <Button type="button" size="sm" variant="outline" onClick={() => void run()}>
            <Download aria-hidden />
            Export CSV
          </Button>
        </>
      )}
    </div>
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string };
  } | null;
  return new ApiError(
    response.status,
    body?.error?.code ?? `http_${response.status}`,
    body?.error?.message ?? "The export could not start. Try again.",
  );
}

function fileName(response: Response): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "");
  return match?.[1] ?? "sims.csv";
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
