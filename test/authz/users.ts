/**
 * Signed-in users for authorization tests, one per role, shaped like `getCurrentUser()`'s answer.
 * Tests plug them in through the session seam:
 *
 *   vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: vi.fn() }));
 *   vi.mocked(getCurrentUser).mockResolvedValue(TEST_USERS.operator);   // or null: anonymous
 */
import { ROLES, type Role } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/user-schemas";

export const TEST_USERS: Record<Role, SessionUser> = Object.fromEntries(
  ROLES.map((role) => [
    role,
    { id: `test-${role}`, email: `${role}@test.example`, name: `Test ${role}`, role, disabled: false },
  ]),
) as Record<Role, SessionUser>;

/** Every identity the matrix tries: anonymous first, then each role from least to most trusted. */
export const IDENTITIES: { label: string; user: SessionUser | null }[] = [
  { label: "anonymous", user: null },
  ...ROLES.map((role) => ({ label: role, user: TEST_USERS[role] })),
];
