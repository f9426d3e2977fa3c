"use client";

import { LogIn } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { authClient } from "./auth-client";

// Exactly this wording for any refusal of the credentials: it must not tell which part was wrong,
// nor that an account exists or is disabled.
const INVALID = "Invalid email or password";
const TOO_MANY = "Too many sign-in attempts. Wait a minute, then try again.";
const FAILED = "Signing in did not work. Check your connection and try again.";

/** Email + password sign-in; on success goes to `next` (already checked to be a same-origin path). */
export function SignInForm({ next }: { next: string }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const { error: failure } = await authClient.signIn.email({
        email: String(form.get("email") ?? "").trim(),
        password: String(form.get("password") ?? ""),
      });
      if (!failure) {
        // A full navigation: nothing cached in this tab from before the sign-in survives.
        window.location.assign(next);
        return;
      }
      setError(
        failure.status === 429
          ? TOO_MANY
          : failure.status === 401 || failure.status === 400
            ? INVALID
            : FAILED,
      );
    } catch {
      setError(FAILED);
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Sign in">
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-email`}>Email</Label>
        <Input id={`${id}-email`} name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-password`}>Password</Label>
        <Input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      <p id={`${id}-error`} role="alert" className="min-h-5 text-sm text-destructive">
        {error ?? ""}
      </p>
      <Button type="submit" className="w-full" disabled={pending}>
        <LogIn aria-hidden />
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
