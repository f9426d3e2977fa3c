/**
 * Shared Playwright fixtures: sign in as a demo user (seeded in sandbox mode) through the auth API,
 * so each test starts where a person would after signing in, without repeating the sign-in form.
 * The form itself is covered by auth.spec.ts.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_USERS } from "../lib/auth/demo-users";
import type { Role } from "../lib/auth/permissions";

export const SANDBOX_URL = process.env.E2E_SANDBOX_URL ?? "http://127.0.0.1:4110";

export function demoUser(role: Role) {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo user for role ${role}`);
  return user;
}

export async function signIn(page: Page, role: Role) {
  const user = demoUser(role);
  const baseURL = test.info().project.use.baseURL ?? "";
  const response = await page.request.post("/api/auth/sign-in/email", {
    data: { email: user.email, password: user.password },
    headers: { origin: baseURL },
  });
  expect(response.ok(), `sign in as ${role}: ${response.status()}`).toBe(true);
}

/** Serious and critical axe violations on the current page (empty when accessible). */
export async function seriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Reset the sandbox's fault injection so one test's faults never leak into the next. */
export async function clearSandboxFaults() {
  await fetch(`${SANDBOX_URL}/_sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ reset: true }),
  }).catch(() => {});
}

type Fixtures = { asRole: (role: Role) => Promise<Page> };

export const test = base.extend<Fixtures>({
  asRole: async ({ page }, use) => {
    await use(async (role) => {
      await signIn(page, role);
      return page;
    });
  },
});

export { expect };
