"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { moveSim } from "@/lib/actions/sims";
import type { Sim } from "@/lib/kore/schemas";
import { accountOptionsQueryOptions } from "@/lib/queries/sim-detail";
import { checkMove } from "@/lib/sims/transitions";
import { ConfirmDialog } from "./confirm-dialog";
import type { Finished } from "./finished-panel";

/**
 * Move to another account of the tree (admin), offered only while the SIM is New. The picker
 * shows IAM account names; what is sent is the `AC…` SID IAM maps each one to.
 */
export function MoveSim({
  sim,
  onWrite,
  onMoved,
}: {
  sim: Sim;
  onWrite: () => void;
  onMoved: (f: Finished) => void;
}) {
  const accounts = useQuery(accountOptionsQueryOptions(sim.sid));
  const [target, setTarget] = useState("");
  const [confirming, setConfirming] = useState(false);
  const selectId = useId();
  const check = checkMove(sim.status);
  if (!check.ok) return <p className="text-sm text-muted-foreground">{check.reason}</p>;

  const choices = (accounts.data ?? []).filter((a) => a.sid !== sim.accountSid);
  const chosen = choices.find((a) => a.sid === target);
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-muted-foreground">
        A New SIM can move to another account of your account tree. Afterwards it belongs to that account, and
        this console (which uses the parent account&apos;s credentials) can no longer see it.
      </p>
      {accounts.isError ? (
        <p role="alert" className="text-sm text-destructive">
          The account tree could not be loaded: {accounts.error.message}
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-64 flex-col gap-1.5">
          <Label htmlFor={selectId}>Target account</Label>
          <NativeSelect
            id={selectId}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            disabled={!accounts.data}
          >
            <option value="">Choose an account…</option>
            {choices.map((a) => (
              <option key={a.sid} value={a.sid}>
                {`${"\u00a0\u00a0".repeat(a.depth)}${a.name}`}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="button" variant="outline" disabled={!chosen} onClick={() => setConfirming(true)}>
          Move SIM
        </Button>
      </div>
      {confirming && chosen ? (
        <MoveDialog
          sim={sim}
          account={chosen}
          onClose={() => setConfirming(false)}
          onMoved={(finished) => {
            onWrite();
            onMoved(finished);
          }}
        />
      ) : null}
    </div>
  );
}

function MoveDialog({
  sim,
  account,
  onClose,
  onMoved,
}: {
  sim: Sim;
  account: { sid: string; name: string };
  onClose: () => void;
  onMoved: (f: Finished) => void;
}) {
  return (
    <ConfirmDialog
      title={`Move this SIM to ${account.name}?`}
      description={
        <>
          The SIM will belong to {account.name} (<span className="font-mono">{account.sid}</span>). This
          console&apos;s credentials will no longer see it, so it disappears from the SIM list here.
        </>
      }
      confirmLabel={`Move to ${account.name}`}
      pendingLabel="Moving…"
      run={() => moveSim({ sid: sim.sid, accountSid: account.sid })}
      onDone={(data) => {
        toast.success(`SIM moved to ${data.accountName ?? account.name}.`);
        onMoved({ kind: "moved", ...data });
      }}
      onClose={onClose}
    />
  );
}
