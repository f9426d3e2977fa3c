"use client";

import { Copy, UserPlus } from "lucide-react";
import { type FormEvent, useId, useState, useTransition } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { createUserAction } from "@/lib/actions/users";
import { ROLE_LABELS, ROLES } from "@/lib/auth/permissions";
import { createUserInputSchema, PASSWORD_MIN } from "@/lib/auth/user-schemas";

type FieldErrors = Partial<Record<"email" | "name" | "role" | "password" | "_form", string[]>>;

/**
 * "Create user": email, optional name, role, optional password. Without a password the server
 * generates one, and this dialog shows it ONCE (it is stored only as a hash).
 */
export function CreateUserDialog({ onCreated }: { onCreated: () => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<{ email: string; password: string | null } | null>(null);
  const [pending, startTransition] = useTransition();

  function reset(nextOpen: boolean) {
    setOpen(nextOpen);
    if (!nextOpen) {
      setErrors({});
      setCreated(null);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    // Same schema as the server: most mistakes are caught before a round trip.
    const local = createUserInputSchema.safeParse(values);
    if (!local.success) {
      setErrors(z.flattenError(local.error).fieldErrors as FieldErrors);
      return;
    }
    startTransition(async () => {
      const result = await createUserAction(local.data);
      if (!result.ok) {
        setErrors(result.error.fieldErrors ?? { _form: [result.error.message] });
        return;
      }
      setErrors({});
      setCreated({ email: result.data.user.email, password: result.data.generatedPassword });
      onCreated();
      toast.success(`${result.data.user.email} can now sign in`);
    });
  }

  const field = (name: keyof FieldErrors) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": `${id}-${name}-error`,
  });

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden />
          Create user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{created ? "User created" : "Create user"}</DialogTitle>
          <DialogDescription>
            {created
              ? `${created.email} can sign in now.`
              : "The person signs in with this email and password. Leave the password empty to generate one."}
          </DialogDescription>
        </DialogHeader>

        {created ? (
          <div className="space-y-4">
            {created.password ? (
              <div className="space-y-2">
                <p className="text-sm">
                  Their password is shown <strong>only this once</strong>. Pass it on securely.
                </p>
                <div className="flex items-center gap-2">
                  <code
                    aria-label="Generated password"
                    className="flex-1 rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm"
                  >
                    {created.password}
                  </code>
                  <Button
                    variant="outline"
                    size="icon"
                    aria-label="Copy password"
                    onClick={() =>
                      navigator.clipboard
                        ?.writeText(created.password ?? "")
                        .then(() => toast.success("Password copied"))
                        .catch(() => toast.error("Copying did not work; select the text instead"))
                    }
                  >
                    <Copy aria-hidden />
                  </Button>
                </div>
              </div>
            ) : null}
            <DialogFooter>
              <Button onClick={() => reset(false)}>Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <div className="space-y-1.5">
              <Label htmlFor={`${id}-email`}>Email</Label>
              <Input
                id={`${id}-email`}
                name="email"
                type="email"
                autoComplete="off"
                required
                {...field("email")}
              />
              <FieldError id={`${id}-email-error`} message={errors.email?.[0]} />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor={`${id}-name`}>Name (optional)</Label>
              <Input id={`${id}-name`} name="name" autoComplete="off" {...field("name")} />
              <FieldError id={`${id}-name-error`} message={errors.name?.[0]} />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor={`${id}-role`}>Role</Label>
              <NativeSelect
                id={`${id}-role`}
                name="role"
                defaultValue="viewer"
                className="w-full"
                {...field("role")}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </NativeSelect>
              <FieldError id={`${id}-role-error`} message={errors.role?.[0]} />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor={`${id}-password`}>Password (optional)</Label>
              <Input
                id={`${id}-password`}
                name="password"
                type="password"
                autoComplete="new-password"
                placeholder={`At least ${PASSWORD_MIN} characters, or leave empty`}
                {...field("password")}
              />
              <FieldError id={`${id}-password-error`} message={errors.password?.[0]} />
            </div>
            <FieldError id={`${id}-_form-error`} message={errors._form?.[0]} />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => reset(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create user"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
