"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { can, type Role } from "@/lib/auth/permissions";
import { JOB_ACTION_INFO, JOB_ACTIONS, type JobAction } from "@/lib/jobs/job-spec";
import { fetchJson } from "@/lib/queries/fetch-json";
import { ratePlansQueryOptions } from "@/lib/queries/sims";

/** The form's values for every action's parameters; only the chosen action's are sent. */
export type SpecDraft = {
  action: JobAction;
  ratePlan: string;
  commandsCallbackUrl: string;
  commandsCallbackMethod: "GET" | "POST";
  accountSid: string;
};

export const EMPTY_SPEC: SpecDraft = {
  action: "suspend",
  ratePlan: "",
  commandsCallbackUrl: "",
  commandsCallbackMethod: "POST",
  accountSid: "",
};

export function toSpec(draft: SpecDraft) {
  switch (draft.action) {
    case "ratePlan":
      return { action: draft.action, ratePlan: draft.ratePlan };
    case "callback":
      return {
        action: draft.action,
        commandsCallbackUrl: draft.commandsCallbackUrl,
        commandsCallbackMethod: draft.commandsCallbackMethod,
      };
    case "move":
      return { action: draft.action, accountSid: draft.accountSid };
    default:
      return { action: draft.action };
  }
}

type Props = {
  value: SpecDraft;
  onChange: (value: SpecDraft) => void;
  role: Role;
  errors: Record<string, string | undefined>;
};

/** Which action, and its parameters. Actions the person's role may not run are shown disabled. */
export function JobSpecFields({ value, onChange, role, errors }: Props) {
  const ids = {
    plan: useId(),
    planError: useId(),
    url: useId(),
    urlError: useId(),
    method: useId(),
    account: useId(),
    accountError: useId(),
  };
  const plans = useQuery({ ...ratePlansQueryOptions(), enabled: value.action === "ratePlan" });
  const accounts = useQuery({
    queryKey: ["jobs", "move-targets"],
    queryFn: ({ signal }) =>
      fetchJson<{ accounts: { sid: string; name: string }[] }>("/api/jobs/accounts", signal),
    enabled: value.action === "move" && can({ role }, "sims.move"),
    staleTime: 5 * 60_000,
  });
  const set = (patch: Partial<SpecDraft>) => onChange({ ...value, ...patch });

  return (
    <div className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Action</legend>
        {JOB_ACTIONS.map((action) => {
          const info = JOB_ACTION_INFO[action];
          const allowed = can({ role }, info.permission);
          return (
            <label
              key={action}
              className="flex items-start gap-2 text-sm has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60"
            >
              <input
                type="radio"
                name="job-action"
                value={action}
                checked={value.action === action}
                disabled={!allowed}
                onChange={() => set({ action })}
                className="mt-0.5"
              />
              <span>
                <span className="font-medium">{info.label}</span>
                {info.destructive ? (
                  <span className="ml-1 text-xs text-destructive">(cannot be undone)</span>
                ) : null}
                <span className="block text-xs text-muted-foreground">
                  {allowed ? info.description : `Your role cannot ${info.label.toLowerCase()}.`}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>

      {value.action === "ratePlan" ? (
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={ids.plan}>Rate plan</Label>
          <NativeSelect
            id={ids.plan}
            value={value.ratePlan}
            onChange={(e) => set({ ratePlan: e.target.value })}
            aria-invalid={Boolean(errors.ratePlan)}
            aria-describedby={ids.planError}
            className="max-w-sm"
          >
            <option value="">{plans.isPending ? "Loading rate plans…" : "Choose a rate plan"}</option>
            {(plans.data ?? []).map((plan) => (
              <option key={plan.sid} value={plan.sid}>
                {plan.friendlyName ?? plan.uniqueName ?? plan.sid}
              </option>
            ))}
          </NativeSelect>
          <FieldError id={ids.planError} message={errors.ratePlan} />
        </div>
      ) : null}

      {value.action === "callback" ? (
        <div className="flex flex-wrap gap-3">
          <div className="flex min-w-72 flex-1 flex-col gap-1.5">
            <Label htmlFor={ids.url}>Commands callback URL</Label>
            <Input
              id={ids.url}
              type="url"
              placeholder="https://example.com/commands (empty clears it)"
              value={value.commandsCallbackUrl}
              onChange={(e) => set({ commandsCallbackUrl: e.target.value })}
              aria-invalid={Boolean(errors.commandsCallbackUrl)}
              aria-describedby={ids.urlError}
            />
            <FieldError id={ids.urlError} message={errors.commandsCallbackUrl} />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={ids.method}>Method</Label>
            <NativeSelect
              id={ids.method}
              value={value.commandsCallbackMethod}
              onChange={(e) => set({ commandsCallbackMethod: e.target.value as "GET" | "POST" })}
            >
              <option value="POST">POST</option>
              <option value="GET">GET</option>
            </NativeSelect>
          </div>
        </div>
      ) : null}

      {value.action === "move" ? (
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={ids.account}>Move to account</Label>
          <NativeSelect
            id={ids.account}
            value={value.accountSid}
            onChange={(e) => set({ accountSid: e.target.value })}
            aria-invalid={Boolean(errors.accountSid)}
            aria-describedby={ids.accountError}
            className="max-w-sm"
          >
            <option value="">{accounts.isPending ? "Loading accounts…" : "Choose an account"}</option>
            {(accounts.data?.accounts ?? []).map((account) => (
              <option key={account.sid} value={account.sid}>
                {account.name}
              </option>
            ))}
          </NativeSelect>
          <FieldError
            id={ids.accountError}
            message={errors.accountSid ?? (accounts.isError ? accounts.error.message : undefined)}
          />
        </div>
      ) : null}
    </div>
  );
}
