"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { deleteSimAction } from "@/lib/actions/sims";
import type { Sim } from "@/lib/kore/schemas";
import { confirmsIdentity, identityToConfirm } from "@/lib/sims/iccid";
import { checkDelete } from "@/lib/sims/transitions";
import { ConfirmDialog } from "./confirm-dialog";
import type { Finished } from "./finished-panel";
import { IccidConfirmField } from "./iccid-confirm-field";

/** Delete (admin), where the upstream allows it, after typing the ICCID. */
export function DeleteSim({
  sim,
  onWrite,
  onDeleted,
}: {
  sim: Sim;
  onWrite: () => void;
  onDeleted: (f: Finished) => void;
}) {
  const [open, setOpen] = useState(false);
  const check = checkDelete(sim.status);
  if (!check.ok) return <p className="text-sm text-muted-foreground">{check.reason}</p>;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-muted-foreground">Removes the SIM from the account. It cannot be undone.</p>
      <div>
        <Button type="button" variant="destructive" onClick={() => setOpen(true)}>
          Delete SIM
        </Button>
      </div>
      {open ? (
        <DeleteDialog
          sim={sim}
          onClose={() => setOpen(false)}
          onDeleted={(f) => {
            onWrite();
            onDeleted(f);
          }}
        />
      ) : null}
    </div>
  );
}

function DeleteDialog({
  sim,
  onClose,
  onDeleted,
}: {
  sim: Sim;
  onClose: () => void;
  onDeleted: (f: Finished) => void;
}) {
  const [typed, setTyped] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      title={`Delete SIM ${sim.friendlyName || sim.uniqueName || sim.sid}?`}
      description={
        <>
          This cannot be undone. Type the ICCID <span className="font-mono">{identityToConfirm(sim)}</span> to
          confirm.
        </>
      }
      confirmLabel="Delete permanently"
      pendingLabel="Deleting…"
      destructive
      ready={confirmsIdentity(sim, typed)}
      run={() => deleteSimAction({ sid: sim.sid, confirmIccid: typed })}
      onFailure={(error) => setFieldError(error.fieldErrors?.confirmIccid?.[0] ?? null)}
      onDone={(data) => {
        toast.success("SIM deleted.");
        onDeleted({ kind: "deleted", sid: data.sid });
      }}
      onClose={onClose}
    >
      <IccidConfirmField value={typed} onChange={setTyped} error={fieldError} />
    </ConfirmDialog>
  );
}
