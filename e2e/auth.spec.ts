/**
 * Sign-in with roles, end to end: the form, each demo user's navigation, the wrong-password
 * message, sign-out, the no-permission page, and an admin managing a user (who then signs in,
 * is disabled, and cannot any more), with the changes in the audit trail.
 *
 * Each sign-in here goes through the form; the server's sign-in rate limit must allow a test
 * run's worth of attempts from 127.0.0.1 (SIGN_IN_RATE_LIMIT in the e2e server's environment).
 */
import type { Browser, Page } from "@playwright/test";
import { ROLE_LABELS, type Role } from "../lib/auth/permissions";
import { demoUser, expect, seriousA11yViolations, signIn, test } from "./fixtures";

const NAV_BY_ROLE: Record<Role, string[]> = {
  viewer: ["SIMs", "Events", "Audit"],
  support: ["SIMs", "Events", "Audit"],
  operator: ["SIMs", "Events", "Audit"],
  admin: ["SIMs", "Events", "Audit", "Users"],
};

async function signInWithForm(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

test("the sign-in page is labelled and accessible", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("type", "password");
  expect(await seriousA11yViolations(page)).toEqual([]);
});

for (const role of ["viewer", "support", "operator", "admin"] as const) {
  test(`${role} signs in with the form and sees the ${role}'s navigation`, async ({ browser }) => {
    const { context, page } = await freshPage(browser);
    const user = demoUser(role);
    await page.goto("/sign-in");
    await signInWithForm(page, user.email, user.password);
    await expect(page).toHaveURL(/\/sims(\?|$)/);

    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of NAV_BY_ROLE[role]) await expect(nav.getByRole("link", { name })).toBeVisible();
    if (!NAV_BY_ROLE[role].includes("Users")) {
      await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    }
    const me = page.getByRole("region", { name: "Signed-in user" });
    await expect(me).toContainText(user.email);
    await expect(me).toContainText(ROLE_LABELS[role]);
    await context.close();
  });
}

test("a wrong password or an unknown email shows only 'Invalid email or password'", async ({ page }) => {
  await page.goto("/sign-in");
  await signInWithForm(page, demoUser("admin").email, "not-the-password");
  // Scoped to the form: Next.js keeps its own route announcer (also role="alert") on every page.
  const alert = page.getByRole("form", { name: "Sign in" }).getByRole("alert");
  await expect(alert).toHaveText("Invalid email or password");
  await expect(page).toHaveURL(/\/sign-in/);

  await signInWithForm(page, "nobody@sandbox.test", "whatever-password");
  await expect(alert).toHaveText("Invalid email or password");
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
});

test("sign out ends the session", async ({ page }) => {
  const admin = demoUser("admin");
  await page.goto("/sign-in");
  await signInWithForm(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/sims/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("after signing in, ?next= returns to the page asked for, but never to another site", async ({
  browser,
}) => {
  const operator = demoUser("operator");
  const first = await freshPage(browser);
  await first.page.goto("/sign-in?next=%2Faudit%3Foutcome%3Dok");
  await signInWithForm(first.page, operator.email, operator.password);
  await expect(first.page).toHaveURL(/\/audit\?outcome=ok$/);
  await first.context.close();

  const second = await freshPage(browser);
  await second.page.goto("/sign-in?next=https%3A%2F%2Fevil.example%2F");
  await signInWithForm(second.page, operator.email, operator.password);
  await expect(second.page).toHaveURL(/^http:\/\/(localhost|127\.0\.0\.1):\d+\/sims/);
  await second.context.close();
});

test("a viewer opening the Users page is told they do not have permission", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "You do not have permission" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Console users" })).toHaveCount(0);
});

test("an admin creates a user, changes their role, and disables them; it is all audited", async ({
  page,
  browser,
}) => {
  const email = `e2e-${Date.now()}@example.com`;
  const password = "e2e-password-1234";
  await signIn(page, "admin");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Create user" }).click();
  const dialog = page.getByRole("dialog", { name: "Create user" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("support");
  await dialog.getByLabel("Password (optional)").fill(password);
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("dialog", { name: "User created" })).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();

  const table = page.getByRole("table", { name: "Console users" });
  const row = table.getByRole("row").filter({ hasText: email });
  await expect(row).toBeVisible();
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("support");

  // The new person can sign in with the password the admin chose.
  const other = await freshPage(browser);
  await other.page.goto("/sign-in");
  await signInWithForm(other.page, email, password);
  await expect(other.page.getByRole("region", { name: "Signed-in user" })).toContainText("Support");

  await row.getByLabel(`Role of ${email}`).selectOption("operator");
  await expect(page.getByText(`${email} is now Operator`)).toBeVisible();

  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable user" }).click();
  await expect(row.getByText("Disabled")).toBeVisible();

  // Disabled: the open session stops working, and signing in again is refused like a wrong password.
  await other.page.goto("/sims");
  await expect(other.page).toHaveURL(/\/sign-in/);
  await signInWithForm(other.page, email, password);
  await expect(other.page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(
    "Invalid email or password",
  );
  await other.context.close();

  await page.goto(`/audit?person=${encodeURIComponent(demoUser("admin").email)}&action=users.setDisabled`);
  const audit = page.getByRole("table", { name: "Audit entries, newest first" });
  await expect(
    audit
      .getByRole("row")
      .filter({ hasText: `user:${email}` })
      .first(),
  ).toContainText("Succeeded");
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("the audit page filters by outcome and keeps filters in the URL", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/audit");
  await page.getByLabel("Outcome").selectOption("refused");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/outcome=refused/);
  await expect(page.getByLabel("Outcome")).toHaveValue("refused");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/audit$/);
});
