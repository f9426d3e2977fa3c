import { NotFoundMessage } from "@/components/shell/not-found-message";

/** A job id this console never stored (jobs are kept; a mistyped or foreign link lands here). */
export default function JobNotFound() {
  return (
    <NotFoundMessage title="Job not found" back={{ href: "/jobs", label: "Back to jobs" }}>
      This console has no job with that id. The link may be mistyped, or it may come from another installation
      of the console.
    </NotFoundMessage>
  );
}
