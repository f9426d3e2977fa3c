"use server";

/**
 * Per-person view settings. Saving one's own column choice is not a change to the fleet, so it
 * needs only the right to see SIMs and is not written to the audit trail.
 */
import { defineAction } from "@/lib/actions/define-action";
import { simTableColumnsPreferenceSchema } from "@/lib/sims/table-columns-schema";
import { saveSimTableColumnsPreference } from "@/lib/sims/table-preferences";

/** Which SIM table columns the signed-in person hides (`{ hidden: ["reset", …] }`). */
export const saveSimTableColumns = defineAction(
  { name: "preferences.simTableColumns", permission: "sims.read", input: simTableColumnsPreferenceSchema },
  async (ctx, input) => saveSimTableColumnsPreference(ctx.user.id, input, ctx.db),
);
