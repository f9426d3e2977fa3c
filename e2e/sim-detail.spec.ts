/**
 * The SIM detail page as each role against the sandbox: settings, status changes followed to the
 * end without a reload, a connectivity reset and its outcome, a move, a delete, what viewers and
 * support agents do not get, the audit entries every write leaves, and accessibility per tab.
 *
 * SIMs are picked from the END of the sandbox's lists (other specs take them from the start), and
 * each test takes its own, so tests never disturb each other. That support cannot save settings
 * even by calling the server action directly is asserted in lib/actions/sims.test.ts.
 */
import type { Page } from "@playwright/test";
import { expect, SANDBOX_URL, seriousA11yViolations, test } from "./fixtures";

type WireSim = { sid: string; iccid: string | null; status: string; unique_name: string | null };
type WireSession = { start: string; end: string | null };

// Each test loads a few full pages and waits for the sandbox's asynchronous changes.
test.describe.configure({ timeout: 180_000 });

let token: string | undefined;

/** The parent account's view of the sandbox, straight from its API (not through the console). */
async function sandboxGet<T>(path: string): Promise<T> {
  if (!token) {
    const response = await fetch(`${SANDBOX_URL}/api-services/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "sandbox-parent-client",
        client_secret: "sandbox-parent-secret",
      }),
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  }
  const response = await fetch(`${SANDBOX_URL}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The `fromEnd`-th SIM (0 = last) in `status` that has an ICCID and passes `accept`. */
async function simFromEnd(status: string, fromEnd: number, accept?: (sim: WireSim) => Promise<boolean>) {
  const { sims } = await sandboxGet<{ sims: WireSim[] }>(`/v1/Sims?Status=${status}&PageSize=1000`);
  let skipped = 0;
  // Filtered picks start further from the end, so they never land on an unfiltered pick.
  for (const sim of [...sims].reverse().slice(accept ? 20 : 0)) {
    if (!sim.iccid || (accept && !(await accept(sim)))) continue;
    if (skipped++ === fromEnd) return sim;
  }
  throw new Error(`not enough ${status} SIMs in the sandbox`);
}

async function hasOpenSession(sim: WireSim): Promise<boolean> {
  const { data_sessions } = await sandboxGet<{ data_sessions: WireSession[] }>(
    `/v1/Sims/${sim.sid}/DataSessions?PageSize=50`,
  );
  return data_sessions.some((s) => s.end === null);
}

async function openSim(page: Page, sid: string, tab?: string) {
  await page.goto(`/sims/${sid}${tab ? `?tab=${tab}` : ""}`);
  await expect(page.getByRole("tab", { name: "Overview" })).toBeVisible();
}

function statusBadge(page: Page) {
  return page.locator("header [data-status]").first();
}

/** The write shows up on /audit, filtered to this SIM and action, with this outcome. */
async function expectAudited(page: Page, sid: string, action: string, outcome = "Succeeded") {
  await page.goto(`/audit?sim=${sid}&action=${encodeURIComponent(action)}`);
  const row = page.getByRole("row").filter({ hasText: action });
  await expect(row.first()).toBeVisible();
  await expect(row.first()).toContainText(outcome);
}

test.describe("operator", () => {
  test.beforeEach(async ({ asRole }) => {
    await asRole("operator");
  });

  test("changes the commands callback URL and sees it after a reload", async ({ page }) => {
    const sim = await simFromEnd("active", 0);
    const url = `https://hooks.example.test/commands/${Date.now()}`;
    await openSim(page, sim.sid);
    const save = page.getByRole("button", { name: "Save", exact: true });
    await expect(save).toBeDisabled();
    await page.getByLabel("Commands callback URL").fill(url);
    await expect(save).toBeEnabled();
    await save.click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Commands callback URL")).toHaveValue(url);
    await expect(page.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
    await expectAudited(page, sim.sid, "sims.update");
  });

  test("an invalid URL is refused next to the field and nothing is sent", async ({ page }) => {
    const sim = await simFromEnd("active", 1);
    await openSim(page, sim.sid);
    const field = page.getByLabel("Commands callback URL");
    const before = await field.inputValue();
    await field.fill("hooks.example.test/no-scheme");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(/Enter an absolute http:\/\/ or https:\/\/ URL/);
    await expect(page.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
    await field.press("Enter");
    await page.reload();
    await expect(page.getByLabel("Commands callback URL")).toHaveValue(before);
    await page.goto(`/audit?sim=${sim.sid}`);
    await expect(page.getByText("No audit entries match these filters.")).toBeVisible();
  });

  test("suspends an active SIM and watches it reach Suspended without a reload", async ({ page }) => {
    const sim = await simFromEnd("active", 2);
    await openSim(page, sim.sid);
    await page.getByRole("button", { name: "Suspend", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("button", { name: "Suspend SIM" })).toBeDisabled();
    await dialog.getByLabel("Reason").fill("Device reported stolen");
    await dialog.getByRole("button", { name: "Suspend SIM" }).click();
    await expect(statusBadge(page)).toHaveAttribute("data-status", /updating|scheduled/);
    await expect(page.getByText(/Change (in progress|scheduled)/)).toBeVisible();
    await expect(statusBadge(page)).toHaveAttribute("data-status", "suspended", { timeout: 45_000 });
    await expect(page.getByText("Change complete: the SIM is now Suspended.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Activate", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
    await expectAudited(page, sim.sid, "sims.status");
    await expect(page.getByText("Device reported stolen")).toBeVisible();
  });
});

test("support resets connectivity and sees the device come back", async ({ page, asRole }) => {
  await asRole("support");
  const sim = await simFromEnd("active", 3, hasOpenSession);
  await openSim(page, sim.sid);
  const precheck = page.getByRole("list", { name: "Reset pre-check" });
  await expect(precheck).toContainText("Status is Active or Ready.");
  await expect(precheck).toContainText("Last data session: started");
  await page.getByRole("button", { name: "Reset connectivity" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset now" }).click();
  await expect(page.getByText(/Resetting…/).first()).toBeVisible();
  await expect(page.getByText(/Reset complete: the device reconnected/)).toBeVisible({ timeout: 45_000 });
  // The cooldown now holds the next reset back, on the server and in the pre-check.
  await expect(precheck).toContainText(/next reset is possible in/);
  await expect(page.getByRole("button", { name: "Reset connectivity" })).toBeDisabled();
  await expectAudited(page, sim.sid, "sims.reset");
});

test.describe("admin", () => {
  test.beforeEach(async ({ asRole }) => {
    await asRole("admin");
  });

  test("moves a new SIM to a subaccount", async ({ page }) => {
    const sim = await simFromEnd("new", 0);
    await openSim(page, sim.sid);
    const target = page.getByLabel("Target account");
    await expect(target.locator("option", { hasText: "Field Devices" })).toHaveCount(1);
    const value = await target.locator("option", { hasText: "Field Devices" }).getAttribute("value");
    await target.selectOption(value ?? "");
    await page.getByRole("button", { name: "Move SIM" }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /Move to .*Field Devices/ })
      .click();
    await expect(page.getByRole("heading", { name: /SIM moved to .*Field Devices/ })).toBeVisible();
    await expect(page.getByText(/can no longer see or manage the SIM/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the SIM list" })).toBeVisible();
    // The parent's credentials no longer see it.
    await page.goto(`/sims/${sim.sid}`);
    await expect(page.getByRole("heading", { name: "SIM not found" })).toBeVisible();
    await expectAudited(page, sim.sid, "sims.move");
  });

  test("explains why a SIM that is not new cannot move", async ({ page }) => {
    const sim = await simFromEnd("active", 4);
    await openSim(page, sim.sid);
    await expect(
      page.getByText(/Only a New SIM can move to another account; this one is Active/),
    ).toBeVisible();
    await expect(page.getByLabel("Target account")).toHaveCount(0);
  });

  test("deletes a SIM after typing its ICCID", async ({ page }) => {
    const sim = await simFromEnd("new", 1);
    await openSim(page, sim.sid);
    await page.getByRole("button", { name: "Delete SIM" }).click();
    const dialog = page.getByRole("dialog");
    const confirm = dialog.getByRole("button", { name: "Delete permanently" });
    await dialog.getByLabel("ICCID").fill("8900000000000000000");
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel("ICCID").fill(sim.iccid ?? "");
    await confirm.click();
    await expect(page.getByRole("heading", { name: "SIM deleted" })).toBeVisible();
    await page.goto(`/sims/${sim.sid}`);
    await expect(page.getByRole("heading", { name: "SIM not found" })).toBeVisible();
    await expectAudited(page, sim.sid, "sims.delete");
  });

  test("deactivation asks for the ICCID typed out, is accessible, and Cancel sends nothing", async ({
    page,
  }) => {
    const sim = await simFromEnd("active", 9);
    await openSim(page, sim.sid);
    await page.getByRole("button", { name: "Deactivate", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: /^Deactivate SIM .*\?$/ });
    const confirm = dialog.getByRole("button", { name: "Deactivate SIM" });
    await expect(dialog.getByRole("note")).toContainText("permanent after 72 hours");
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel("ICCID").fill(sim.iccid ?? "");
    await expect(confirm).toBeEnabled();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(statusBadge(page)).toHaveAttribute("data-status", "active");
    await page.goto(`/audit?sim=${sim.sid}`);
    await expect(page.getByText("No audit entries match these filters.")).toBeVisible();
  });
});

/** What shows that a tab has finished loading, so axe judges the real content. */
const TAB_READY: Record<string, (page: Page) => Promise<void>> = {
  Overview: (page) =>
    expect(page.getByRole("list", { name: "Reset pre-check" })).toContainText(/started|none in/),
  Usage: (page) =>
    expect(
      page
        .getByRole("tabpanel")
        .getByText(/Data uploaded|No usage recorded/)
        .first(),
    ).toBeVisible({ timeout: 45_000 }),
  Sessions: (page) => expect(page.getByRole("tabpanel").getByRole("table")).toBeVisible({ timeout: 45_000 }),
  Timeline: (page) => expect(page.getByRole("tabpanel")).not.toBeEmpty({ timeout: 45_000 }),
};

for (const [tab, ready] of Object.entries(TAB_READY)) {
  test(`the ${tab} tab has no serious accessibility violations`, async ({ page, asRole }) => {
    // Admin: the role that sees every control.
    await asRole("admin");
    const sim = await simFromEnd("active", 5);
    await openSim(page, sim.sid, tab === "Overview" ? undefined : tab.toLowerCase());
    await expect(page.getByRole("tab", { name: tab })).toHaveAttribute("aria-selected", "true");
    await ready(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
}

test("usage and sessions tabs show the chart, totals, lag note and sessions", async ({ page, asRole }) => {
  await asRole("viewer");
  const sim = await simFromEnd("active", 6, hasOpenSession);
  await openSim(page, sim.sid, "usage");
  await expect(page.getByRole("tab", { name: "Usage" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText(/delay of up to 24 hours/).first()).toBeVisible();
  await expect(page.getByText("Data uploaded")).toBeVisible({ timeout: 45_000 });
  await page.getByLabel("Range").selectOption("30d");
  await expect(page).toHaveURL(/range=30d/);
  await page.getByLabel("Range").selectOption("custom");
  await page.getByLabel("Start").fill("2026-01-10");
  await page.getByLabel("End").fill("2026-01-01");
  await expect(page.getByText("The end date must not be before the start date.")).toBeVisible();
  await page.getByRole("tab", { name: "Sessions" }).click();
  const table = page.getByRole("table", { name: /Data sessions/ });
  await expect(table).toBeVisible({ timeout: 45_000 });
  await expect(table.getByText("ongoing").first()).toBeVisible();
});

test("a viewer sees the SIM but no controls", async ({ page, asRole }) => {
  await asRole("viewer");
  const sim = await simFromEnd("active", 7);
  await openSim(page, sim.sid);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(sim.iccid ?? "").first()).toBeVisible();
  for (const name of ["Suspend", "Deactivate", "Reset connectivity", "Save", "Move SIM", "Delete SIM"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByText(/Your role can view these settings/)).toBeVisible();
});

test("support can reset but cannot edit settings", async ({ page, asRole }) => {
  await asRole("support");
  const sim = await simFromEnd("active", 8);
  await openSim(page, sim.sid);
  await expect(page.getByRole("button", { name: "Reset connectivity" })).toBeVisible();
  await expect(page.getByLabel("Commands callback URL")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Suspend", exact: true })).toHaveCount(0);
});

test("an unknown SID answers 404 with a proper not-found page", async ({ page, asRole }) => {
  await asRole("viewer");
  // A 404, not a 200 marked noindex: no loading.tsx sits above the detail page, so nothing is
  // streamed before the page has asked KORE and called notFound().
  const response = await page.goto("/sims/DE00000000000000000000000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "SIM not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the SIM list" })).toBeVisible();
});
