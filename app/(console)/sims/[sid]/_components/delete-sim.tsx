"use client";

import { type FormEvent, useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { deleteSimAction } from "@/lib/actions/sims";
import type { Sim } from "@/lib/kore/schemas";
import { normalizeIccid } from "@/lib/sims/iccid";
import { checkDelete } from "@/lib/sims/transitions";
import type { Finished } from "./finished-panel";

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
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const inputId = useId();
  const expected = sim.iccid ?? sim.sid;
  const matches = (sim.iccid ? normalizeIccid(typed) : typed.trim()) === expected;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!matches) return;
    setFailure(null);
    startTransition(async () => {
      const result = await deleteSimAction({ sid: sim.sid, confirmIccid: typed });
      if (!result.ok) {
        setFailure(result.error.message);
        setFieldError(result.error.fieldErrors?.confirmIccid?.[0] ?? null);
        return;
      }
      toast.success("SIM deleted.");
      onDeleted({ kind: "deleted", sid: result.data.sid });
    });
  };

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent>
        <form onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>Delete SIM {sim.friendlyName || sim.uniqueName || sim.sid}?</DialogTitle>
            <DialogDescription>
              This cannot be undone. Type the ICCID <span className="font-mono">{expected}</span> to confirm.
            </DialogDescription>
          </DialogHeader>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={inputId}>ICCID</Label>
            <Input
              id={inputId}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              inputMode="numeric"
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={`${inputId}-error`}
            />
            <FieldError id={`${inputId}-error`} message={fieldError} />
          </div>
          {failure ? (
            <p role="alert" className="text-sm text-destructive">
              {failure}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={!matches || pending}>
              {pending ? "Deleting…" : "Delete permanently"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
