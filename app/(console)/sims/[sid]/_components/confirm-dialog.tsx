"use client";

import { type FormEvent, type ReactNode, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import type { ActionFailure, ActionResult } from "@/lib/actions/define-action";

/**
 * The confirmation every write on the SIM page asks for: says what will happen, holds what the write
 * needs (a reason, the ICCID typed out), runs the server action and stays open with its message
 * when it fails, so the person can correct and send again without losing what they typed.
 */
export function ConfirmDialog<T>({
  title,
  description,
  children,
  confirmLabel,
  pendingLabel,
  destructive = false,
  ready = true,
  run,
  onFailure,
  onDone,
  onClose,
}: {
  title: ReactNode;
  description: ReactNode;
  /** Notes and fields between the description and the buttons. */
  children?: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  destructive?: boolean;
  /** False while the fields do not allow sending yet (the confirm button is disabled). */
  ready?: boolean;
  run: () => Promise<ActionResult<T>>;
  /** For field errors; the failure's message is shown by the dialog itself. */
  onFailure?: (error: ActionFailure) => void;
  onDone: (data: T) => void | Promise<void>;
  onClose: () => void;
}) {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending || !ready) return;
    setFailure(null);
    startTransition(async () => {
      const result = await run();
      if (!result.ok) {
        setFailure(result.error.message);
        onFailure?.(result.error);
        return;
      }
      await onDone(result.data);
    });
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <form onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          {children}
          {failure ? (
            <p role="alert" className="text-sm text-destructive">
              {failure}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={destructive ? "destructive" : "default"}
              disabled={pending || !ready}
            >
              {pending ? pendingLabel : confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
