"use client";

import { LogOut } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { getQueryClient } from "@/lib/query-client";
import { authClient } from "./auth-client";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    const { error } = await authClient.signOut().catch(() => ({ error: { status: 0 } }));
    if (error) {
      setPending(false);
      toast.error("Signing out did not work. Try again.");
      return;
    }
    // Nothing this person loaded may stay in memory for whoever uses the browser next.
    getQueryClient().clear();
    router.replace("/sign-in");
    router.refresh();
  }

  return (
    <Button variant="ghost" size="sm" onClick={signOut} disabled={pending}>
      <LogOut aria-hidden />
      Sign out
    </Button>
  );
}
