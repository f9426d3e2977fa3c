import { NotFoundMessage } from "@/components/shell/not-found-message";

/** A SID or unique name KORE does not know (or that belongs to an account we cannot see). */
export default function SimNotFound() {
  return (
    <NotFoundMessage title="SIM not found" back={{ href: "/sims", label: "Back to the SIM list" }}>
      KORE has no SIM with that SID or unique name in this account. It may have been deleted, moved to another
      account (whose SIMs this console cannot see), or the address may be mistyped.
    </NotFoundMessage>
  );
}
