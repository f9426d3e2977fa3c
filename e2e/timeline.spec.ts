/**
 * The lifecycle timeline against the sandbox: an operator suspends a SIM from the console and,
 * without a reload, its Timeline tab shows the request (who, role, reason), then KORE's Monitor
 * event and status callback (delivered to the console's own webhook, as PUBLIC_BASE_URL is the
 * console's address here), in order; /events lists the change with the person behind it and
 * links back into the timeline; both pages pass axe.
 *
 * The SIM comes from well inside the END of the sandbox's active list (sim-detail.spec.ts takes
 * the last few, other specs take them from the start), so no other spec touches it.
 */
import type { Locator, Page } from "@playwright/test";
import { demoUser, expect, SANDBOX_URL, seriousA11yViolations, test } from "./fixtures";

type WireSim = { sid: string; status: string };

async function sandboxToken(): Promise<string> {
  const response = await fetch(`${SANDBOX_URL}/api-services/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: "sandbox-parent-client",
      client_secret: "sandbox-parent-secret",
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function activeSim(fromEnd: number): Promise<WireSim> {
  const response = await fetch(`${SANDBOX_URL}/v1/Sims?Status=active&PageSize=1000`, {
    headers: { authorization: `Bearer ${await sandboxToken()}` },
  });
  const { sims } = (await response.json()) as { sims: WireSim[] };
  const sim = [...sims].reverse()[fromEnd];
  if (!sim) throw new Error("not enough active SIMs in the sandbox");
  return sim;
}

/** The timeline entries in the order the page shows them (newest first). */
function entries(page: Page): Locator {
  return page.locator("li[id^='entry-']");
}

async function positionOf(page: Page, entry: Locator): Promise<number> {
  const id = await entry.getAttribute("id");
  const ids = await entries(page).evaluateAll((items) => items.map((item) => item.id));
  return ids.indexOf(id ?? "");
}

test("an operator's suspension appears on the timeline as request, change and callback, live and in order", async ({
  page,
  asRole,
}) => {
  // Two pages, a live wait for KORE and two axe runs: more than the default minute on a busy machine.
  test.setTimeout(240_000);
  await asRole("operator");
  const operator = demoUser("operator");
  const sim = await activeSim(30);
  const reason = `Device reported stolen (${Date.now()})`;

  await page.goto(`/sims/${sim.sid}`);
  await page.getByRole("button", { name: "Suspend", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Suspend SIM" }).click();
  await expect(dialog).toBeHidden();

  // While KORE is still applying it: switch tabs (no reload) and watch the entries arrive.
  await page.getByRole("tab", { name: "Timeline" }).click();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toBeVisible();

  const request = entries(page).filter({ hasText: "Suspension requested" }).filter({ hasText: reason });
  await expect(request).toHaveCount(1);
  await expect(request).toContainText(`${operator.email} (Operator)`);
  await expect(request).toContainText("Console audit trail");

  // The change names who asked and why (seeded history may hold older suspensions of this SIM).
  const change = entries(page)
    .filter({ hasText: "Status changed from Active to Suspended" })
    .filter({ hasText: reason });
  const callback = entries(page).filter({ hasText: "KORE confirmed Suspended (was Active)" });
  await expect(change).toHaveCount(1, { timeout: 45_000 });
  await expect(callback).toHaveCount(1, { timeout: 45_000 });
  await expect(change).toContainText("KORE Monitor event");
  await expect(change).toContainText(`${operator.email} (Operator)`);
  await expect(callback).toContainText("Status callback");
  await expect(page.getByText("Live: KORE is still working on this SIM")).toHaveCount(0);

  // Newest first: the callback (sent once the change was made), the change, then the request.
  const [callbackAt, changeAt, requestAt] = await Promise.all([
    positionOf(page, callback),
    positionOf(page, change),
    positionOf(page, request),
  ]);
  expect(callbackAt).toBeLessThan(changeAt);
  expect(changeAt).toBeLessThan(requestAt);

  // Filtering by kind hides and shows entries without losing the others.
  await page.getByRole("button", { name: /^Callbacks/ }).click();
  await expect(callback).toHaveCount(0);
  await expect(change).toHaveCount(1);
  await page.getByRole("button", { name: /^Callbacks/ }).click();
  await expect(callback).toHaveCount(1);

  expect(await seriousA11yViolations(page)).toEqual([]);

  // The fleet-wide feed has the change, with the person behind it, and links back to the entry.
  await page.goto(`/events?sim=${sim.sid}&type=wireless-sim.updated`);
  const row = page
    .getByRole("row")
    .filter({ hasText: "Status Active → Suspended" })
    .filter({ hasText: reason });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${operator.email} (Operator), in the console`);
  await expect(row).toContainText(reason);
  expect(await seriousA11yViolations(page)).toEqual([]);

  await row.getByRole("link", { name: `Show this event in the timeline of SIM ${sim.sid}` }).click();
  await expect(page).toHaveURL(/tab=timeline/);
  const target = page.locator("li[aria-current='true']");
  await expect(target).toHaveCount(1);
  await expect(target).toContainText("Status changed from Active to Suspended");
  await expect(target).toBeInViewport();
});

test("the events feed keeps its filters in the address and explains an empty result", async ({
  page,
  asRole,
}) => {
  test.setTimeout(120_000);
  await asRole("viewer");
  await page.goto("/events");
  await expect(page.getByRole("heading", { name: "Events", level: 1 })).toBeVisible();
  await page.getByLabel("Type").selectOption("wireless-sim.connection.updated");
  await expect(page).toHaveURL(/type=wireless-sim\.connection\.updated/);
  await page.getByLabel("Actor").fill("nobody-at-all@example.test");
  await page.getByLabel("Actor").press("Enter");
  await expect(page).toHaveURL(/actor=nobody-at-all%40example\.test|actor=nobody-at-all@example\.test/);
  await expect(page.getByText("No events match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).not.toHaveURL(/actor=/);
  expect(await seriousA11yViolations(page)).toEqual([]);
});
