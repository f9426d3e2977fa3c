import { expect, seriousA11yViolations, test } from "./fixtures";

test("health route reports version, sandbox mode and the embedded database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.ok()).toBe(true);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", mode: "sandbox", database: "pglite" });
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
});

test("the console shell renders with navigation, the sandbox badge and working themes", async ({
  page,
  asRole,
}) => {
  await asRole("admin");
  await page.goto("/sims");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["SIMs", "Events", "Audit", "Users"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "SIMs" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("Sandbox", { exact: true })).toBeVisible();

  // Tailwind is applied (the page title uses text-2xl = 24px).
  const heading = page.getByRole("heading", { level: 1 }).first();
  await expect(heading).toHaveCSS("font-size", "24px");

  // System default (light in headless Chromium), then toggle to light and dark explicitly.
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: /^Theme:/ });
  await expect(toggle).toHaveAccessibleName(/System theme/);
  await toggle.click();
  await expect(toggle).toHaveAccessibleName(/Light theme/);
  await expect(html).toHaveClass(/light/);
  await toggle.click();
  await expect(toggle).toHaveAccessibleName(/Dark theme/);
  await expect(html).toHaveClass(/dark/);
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(darkBg).toBe("rgb(11, 17, 32)");
  // The choice survives a reload.
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);

  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("system dark preference is honoured by default", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark", baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await context.close();
});
