"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { updateSimSettings } from "@/lib/actions/sims";
import type { RatePlan, Sim } from "@/lib/kore/schemas";
import { ratePlansQueryOptions } from "@/lib/queries/sims";
import {
  CALLBACK_METHODS,
  changedSimSettings,
  SIM_SETTINGS_LABELS,
  type SimSettings,
  type SimSettingsField,
  simSettingsFieldErrors,
  simSettingsFromSim,
  URL_MAX_LENGTH,
} from "@/lib/sims/sim-settings-schema";
import { checkRatePlanChange } from "@/lib/sims/transitions";
import { useSetSim } from "./use-sim-cache";

/**
 * Settings, operator+. Validated with the same schema as the server action, field by field as
 * the person types; only changed fields are sent; "Save" stays disabled until something changed.
 * Re-mounted (see `settingsKey`) whenever the SIM's saved settings change underneath it.
 */
export function SettingsForm({ sim, onWrite }: { sim: Sim; onWrite: () => void }) {
  return <SettingsFormInner key={settingsKey(sim)} sim={sim} onWrite={onWrite} />;
}

function settingsKey(sim: Sim): string {
  return JSON.stringify(simSettingsFromSim(sim));
}

function SettingsFormInner({ sim, onWrite }: { sim: Sim; onWrite: () => void }) {
  const initial = useMemo(() => simSettingsFromSim(sim), [sim]);
  const [values, setValues] = useState<SimSettings>(initial);
  const [serverErrors, setServerErrors] = useState<Partial<Record<SimSettingsField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const setSim = useSetSim(sim.sid);
  const plans = useQuery(ratePlansQueryOptions());
  const formId = useId();

  const changes = changedSimSettings(initial, values);
  const changedFields = Object.keys(changes) as SimSettingsField[];
  // Only fields the person touched are judged: an odd value already stored upstream is not their fault.
  const clientErrors = simSettingsFieldErrors(changes);
  const errors = { ...serverErrors, ...clientErrors };
  const dirty = changedFields.length > 0;
  const valid = Object.keys(clientErrors).length === 0;
  const planCheck = checkRatePlanChange(sim.status);

  const set = (field: SimSettingsField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || !valid) return;
    setFailure(null);
    startTransition(async () => {
      const result = await updateSimSettings({ sid: sim.sid, changes });
      if (!result.ok) {
        setFailure(result.error.message);
        return;
      }
      const { sim: updated, changed } = result.data;
      await setSim(updated);
      onWrite();
      toast.success(
        changed.length === 0
          ? "Nothing to save: the SIM already had these values."
          : changed.includes("ratePlan")
            ? "Settings saved. The rate plan change is being applied."
            : "Settings saved.",
      );
    });
  };

  const field = (name: SimSettingsField, props: { type?: "url"; hint?: string } = {}) => (
    <TextField
      key={name}
      id={`${formId}-${name}`}
      label={SIM_SETTINGS_LABELS[name]}
      value={values[name]}
      onChange={set(name)}
      error={errors[name]}
      type={props.type}
      hint={props.hint}
    />
  );
  const method = (name: SimSettingsField) => (
    <MethodField
      key={name}
      id={`${formId}-${name}`}
      label={SIM_SETTINGS_LABELS[name]}
      value={values[name]}
      onChange={set(name)}
      error={errors[name]}
    />
  );

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="SIM settings">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {field("friendlyName")}
        {field("uniqueName", { hint: "Unique in the account; can be used instead of the SID in addresses." })}
        {field("commandsCallbackUrl", {
          type: "url",
          hint: `Called when the SIM sends a Command. Absolute http(s), at most ${URL_MAX_LENGTH} characters; empty clears it.`,
        })}
        {method("commandsCallbackMethod")}
        <RatePlanField
          id={`${formId}-ratePlan`}
          value={values.ratePlan}
          onChange={set("ratePlan")}
          error={errors.ratePlan}
          plans={plans.data}
          loadError={plans.isError ? plans.error.message : null}
          disabledReason={planCheck.ok ? null : planCheck.reason}
        />
      </div>
      <details className="rounded-md border border-border px-3 py-2">
        <summary className="cursor-pointer text-sm font-medium">Legacy callbacks</summary>
        <p className="mt-2 text-sm text-muted-foreground">
          SMS and voice URLs on the SIM are deprecated upstream but still honoured. Leave them empty unless a
          legacy integration needs them.
        </p>
        <div className="mt-3 grid grid-cols-1 gap-4 md:grid-cols-2">
          {field("smsUrl", { type: "url" })}
          {method("smsMethod")}
          {field("smsFallbackUrl", { type: "url" })}
          {method("smsFallbackMethod")}
          {field("voiceUrl", { type: "url" })}
          {method("voiceMethod")}
          {field("voiceFallbackUrl", { type: "url" })}
          {method("voiceFallbackMethod")}
        </div>
      </details>
      {failure ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/50 bg-destructive/10 px-3 py-2 text-sm"
        >
          {failure}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={!dirty || !valid || pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        <Button
          type="button"
          variant="outline"
          disabled={!dirty || pending}
          onClick={() => setValues(initial)}
        >
          Discard changes
        </Button>
        <span className="text-sm text-muted-foreground" aria-live="polite">
          {dirty ? `${changedFields.length} unsaved change${changedFields.length === 1 ? "" : "s"}` : ""}
        </span>
      </div>
    </form>
  );
}

function TextField({
  id,
  label,
  value,
  onChange,
  error,
  type,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  type?: "url";
  hint?: string;
}) {
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={id}
        type={type === "url" ? "url" : "text"}
        inputMode={type === "url" ? "url" : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        autoComplete="off"
        spellCheck={false}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function MethodField({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
      >
        {CALLBACK_METHODS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </NativeSelect>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function RatePlanField({
  id,
  value,
  onChange,
  error,
  plans,
  loadError,
  disabledReason,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  plans: RatePlan[] | undefined;
  loadError: string | null;
  disabledReason: string | null;
}) {
  const options = [...(plans ?? [])].sort((a, b) => planName(a).localeCompare(planName(b)));
  const known = options.some((p) => p.sid === value);
  const described = [`${id}-error`, disabledReason || loadError ? `${id}-note` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{SIM_SETTINGS_LABELS.ratePlan}</Label>
      <NativeSelect
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabledReason !== null || !plans}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      >
        {value === "" ? <option value="">No rate plan</option> : null}
        {value !== "" && !known ? <option value={value}>{value}</option> : null}
        {options.map((p) => (
          <option key={p.sid} value={p.sid}>
            {planName(p)}
          </option>
        ))}
      </NativeSelect>
      {disabledReason || loadError ? (
        <p id={`${id}-note`} className="text-xs text-muted-foreground">
          {disabledReason ?? `Rate plans could not be loaded: ${loadError}`}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function planName(plan: RatePlan): string {
  return plan.friendlyName ?? plan.uniqueName ?? plan.sid;
}
