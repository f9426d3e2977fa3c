import type { Sim } from "@/lib/kore/schemas";
import {
  SIM_SETTINGS_LABELS,
  type SimSettingsField,
  simSettingsFromSim,
} from "@/lib/sims/sim-settings-schema";

const SHOWN: SimSettingsField[] = [
  "commandsCallbackUrl",
  "commandsCallbackMethod",
  "smsUrl",
  "smsMethod",
  "smsFallbackUrl",
  "voiceUrl",
  "voiceMethod",
  "voiceFallbackUrl",
];

/** The settings, read-only, for roles that may not change them (names and plan are in the header). */
export function SettingsSummary({ sim }: { sim: Sim }) {
  const values = simSettingsFromSim(sim);
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-muted-foreground">
        Your role can view these settings; operators and admins change them.
      </p>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm md:grid-cols-2">
        {SHOWN.map((field) => (
          <div key={field} className="flex min-w-0 flex-col gap-0.5">
            <dt className="text-xs font-medium text-muted-foreground">{SIM_SETTINGS_LABELS[field]}</dt>
            <dd className="min-w-0 break-all">
              {values[field] || <span className="text-muted-foreground">Not set</span>}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
