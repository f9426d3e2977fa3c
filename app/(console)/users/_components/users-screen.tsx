"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { NativeSelect } from "@/components/ui/native-select";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { UserRow } from "@/lib/actions/users";
import { setUserDisabledAction, setUserRoleAction } from "@/lib/actions/users";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { CreateUserDialog } from "./create-user-dialog";

/** The users table with role changes and disable/enable; creation lives in its own dialog. */
export function UsersScreen({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<UserRow | null>(null);

  function run(
    userId: string,
    work: () => Promise<{ ok: boolean; error?: { message: string } }>,
    done: string,
  ) {
    setBusyId(userId);
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        toast.success(done);
        router.refresh();
      } else {
        toast.error(result.error?.message ?? "That did not work. Try again.");
        // The select may show a value the server refused: reload the truth.
        router.refresh();
      }
      setBusyId(null);
    });
  }

  function changeRole(user: UserRow, role: Role) {
    run(
      user.id,
      () => setUserRoleAction({ userId: user.id, role }),
      `${user.email} is now ${ROLE_LABELS[role]}`,
    );
  }

  function setDisabled(user: UserRow, disabled: boolean) {
    run(
      user.id,
      () => setUserDisabledAction({ userId: user.id, disabled }),
      disabled ? `${user.email} is disabled and signed out` : `${user.email} can sign in again`,
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <CreateUserDialog onCreated={() => router.refresh()} />
      </div>
      <Table>
        <TableCaption className="sr-only">Console users</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Email</TableHead>
            <TableHead>Name</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => {
            const busy = pending && busyId === user.id;
            const isMe = user.id === currentUserId;
            return (
              <TableRow key={user.id} aria-busy={busy || undefined}>
                <TableCell className="font-medium">
                  {user.email}
                  {isMe ? <span className="ml-2 text-xs text-muted-foreground">(you)</span> : null}
                </TableCell>
                <TableCell>{user.name}</TableCell>
                <TableCell>
                  <NativeSelect
                    aria-label={`Role of ${user.email}`}
                    value={user.role}
                    disabled={busy}
                    onChange={(event) => changeRole(user, event.target.value as Role)}
                    className="w-32"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </NativeSelect>
                </TableCell>
                <TableCell>
                  {user.disabled ? (
                    <Badge tone="danger">Disabled</Badge>
                  ) : (
                    <Badge tone="success">Active</Badge>
                  )}
                </TableCell>
                <TableCell>
                  <time dateTime={user.createdAt} title={user.createdAt}>
                    {user.createdAt.slice(0, 10)}
                  </time>
                </TableCell>
                <TableCell className="text-right">
                  {user.disabled ? (
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={busy}
                      aria-label={`Enable ${user.email}`}
                      onClick={() => setDisabled(user, false)}
                    >
                      Enable
                    </Button>
                  ) : (
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={busy || isMe}
                      title={isMe ? "You cannot disable your own account" : undefined}
                      aria-label={`Disable ${user.email}`}
                      onClick={() => setConfirming(user)}
                    >
                      Disable
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      <Dialog open={confirming !== null} onOpenChange={(open) => (open ? null : setConfirming(null))}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Disable {confirming?.email}?</DialogTitle>
            <DialogDescription>
              They are signed out everywhere at once and cannot sign in until an admin enables them again.
              Their audit history stays.
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button variant="outline" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button
              variant="destructive"
              onClick={() => {
                if (confirming) setDisabled(confirming, true);
                setConfirming(null);
              }}
            >
              Disable user
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
