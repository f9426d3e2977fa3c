"use client";

import { ListChecks } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import type { Role } from "@/lib/auth/permissions";
import type { JobSelection } from "@/lib/jobs/job-spec";
import { CreateJobForm } from "./create-job-form";

/** "Create job…" for SIMs already chosen in the table: pick the action, then the preview page. */
export function CreateJobDialog({
  role,
  selection,
  label,
  description,
}: {
  role: Role;
  selection: JobSelection;
  label: string;
  description: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" size="sm">
          <ListChecks aria-hidden />
          {label}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>New job</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <CreateJobForm role={role} selection={selection} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
