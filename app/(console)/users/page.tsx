import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/page-guard";
import { listUsers } from "@/lib/auth/user-admin";
import { getDb } from "@/lib/db/get-db";
import { UsersScreen } from "./_components/users-screen";

export const metadata: Metadata = { title: "Users" };

/** Admins manage who may use the console and with which role. */
export default async function UsersPage() {
  const me = await requirePageUser("users.manage");
  const users = await listUsers(await getDb());
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <div className="space-y-1">
        <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
          Users
        </h1>
        <p className="text-sm text-muted-foreground">
          Who may sign in, and what their role lets them do. Every change here is in the audit trail.
        </p>
      </div>
      <UsersScreen
        currentUserId={me.id}
        users={users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }))}
      />
    </section>
  );
}
