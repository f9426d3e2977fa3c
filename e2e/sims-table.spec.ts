/**
 * The SIM table against the sandbox: deep links for every filter, filtering through the UI,
 * cursor paging, a virtualized 1000-row page, persisted columns, keyboard use, upstream faults
 * and accessibility.
 */
import type { Locator, Page } from "@playwright/test";
import { SANDBOX_DEFAULTS } from "../lib/config";
import { fromSimListWire, type SimListWire } from "../lib/sims/sim-list-wire";
import { clearSandboxFaults, expect, SANDBOX_URL, seriousA11yViolations, test } from "./fixtures";

type RatePlan = { sid: string; uniqueName: string | null; friendlyName: string | null };

test.beforeEach(async ({ asRole }) => {
  await clearSandboxFaults();
  await asRole("operator");
});

test.afterEach(async () => {
  await clearSandboxFaults();
});

/** The filter form: the Columns panel has checkboxes with the same names as some filters. */
function filters(page: Page) {
  return page.getByRole("search", { name: "Filter SIMs" });
}

function simsTable(page: Page) {
  return page.getByRole("table", { name: "SIMs" });
}

/** Data rows (the header row and the virtualizer's hidden spacers excluded). */
function dataRows(page: Page) {
  return simsTable(page).locator("tbody").getByRole("row");
}

function cells(page: Page, column: string) {
  return dataRows(page).locator(`td[data-column="${column}"]`);
}

async function iccidsOnScreen(page: Page) {
  return cells(page, "iccid").allInnerTexts();
}

async function statusesOnScreen(page: Page) {
  return simsTable(page)
    .locator("tbody [data-status]")
    .evaluateAll((els) => els.map((el) => el.getAttribute("data-status")));
}

async function pagerText(page: Page) {
  return (await page.getByTestId("pager-status").innerText()).replace(/,/g, "");
}

async function expectRowsLoaded(page: Page) {
  await expect(dataRows(page).first()).toBeVisible();
  await expect(simsTable(page)).not.toHaveAttribute("aria-busy", "true");
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.ok(), `${path}: ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

async function setFaults(patch: Record<string, unknown>) {
  const response = await fetch(`${SANDBOX_URL}/_sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patch),
  });
  expect(response.ok, `sandbox faults: ${response.status}`).toBe(true);
}

/** Changes a SIM's status the way another KORE client would, behind the console's back. */
async function setStatusUpstream(sid: string, status: string) {
  const tokenResponse = await fetch(`${SANDBOX_URL}/api-services/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: SANDBOX_DEFAULTS.clientId,
      client_secret: SANDBOX_DEFAULTS.clientSecret,
    }),
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(`${SANDBOX_URL}/v1/Sims/${sid}`, {
    method: "POST",
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ Status: status }),
  });
  expect(response.ok, `status change upstream: ${response.status}`).toBe(true);
}

async function sandboxTimeScale(scale?: number): Promise<number> {
  const response = scale
    ? await fetch(`${SANDBOX_URL}/_sandbox/clock/scale`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ timeScale: scale }),
      })
    : await fetch(`${SANDBOX_URL}/_sandbox/clock`);
  expect(response.ok, `sandbox clock: ${response.status}`).toBe(true);
  return ((await response.json()) as { timeScale: number }).timeScale;
}

/** How far the sandbox's clock is behind this machine's, in ms (negative when ahead). */
async function sandboxClockLag(): Promise<number> {
  const response = await fetch(`${SANDBOX_URL}/_sandbox/clock`);
  const { nowMs } = (await response.json()) as { nowMs: number };
  return Date.now() - nowMs;
}

async function selectedOptionText(select: Locator) {
  return select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");
}

test.describe("deep links", () => {
  test("status and page size come from the URL", async ({ page }) => {
    await page.goto("/sims?status=suspended&pageSize=100");
    await expectRowsLoaded(page);
    await expect(filters(page).getByLabel("Status")).toHaveValue("suspended");
    await expect(page.getByLabel("Rows per page")).toHaveValue("100");
    const statuses = await statusesOnScreen(page);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["suspended"]));
  });

  test("an ICCID finds exactly that SIM", async ({ page }) => {
    const { sims } = fromSimListWire(await apiGet<SimListWire>(page, "/api/sims?pageSize=25&status=active"));
    const target = sims.find((s) => s.iccid);
    if (!target?.iccid) throw new Error("the sandbox fleet has no active SIM with an ICCID");
    // Written the way people paste it, in groups of four.
    const spaced = target.iccid.replace(/(\d{4})/g, "$1 ").trim();
    await page.goto(`/sims?iccid=${encodeURIComponent(spaced)}`);
    await expectRowsLoaded(page);
    await expect(dataRows(page)).toHaveCount(1);
    expect(await iccidsOnScreen(page)).toEqual([target.iccid]);
    await expect(filters(page).getByLabel("ICCID")).toHaveValue(spaced);
  });

  test("a rate plan shows only its SIMs, by name", async ({ page }) => {
    const plans = await apiGet<RatePlan[]>(page, "/api/rate-plans");
    const plan = plans.find((p) => p.uniqueName && p.friendlyName);
    if (!plan?.uniqueName || !plan.friendlyName) throw new Error("the sandbox has no named rate plan");
    await page.goto(`/sims?ratePlan=${encodeURIComponent(plan.uniqueName)}&pageSize=50`);
    await expectRowsLoaded(page);
    expect(await selectedOptionText(filters(page).getByLabel("Rate plan"))).toBe(plan.friendlyName);
    const planCells = await cells(page, "ratePlan").allInnerTexts();
    expect(planCells.length).toBeGreaterThan(0);
    expect(new Set(planCells)).toEqual(new Set([plan.friendlyName]));
  });

  test("a registration code that matches nothing offers to clear the filters", async ({ page }) => {
    await page.goto("/sims?registrationCode=NO-SUCH-CODE-000");
    await expect(filters(page).getByLabel("Registration code")).toHaveValue("NO-SUCH-CODE-000");
    await expect(page.getByText("No SIMs match these filters")).toBeVisible();
    await simsTable(page).getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("");
    await expectRowsLoaded(page);
    await expect(filters(page).getByLabel("Registration code")).toHaveValue("");
  });

  test("an EID opens the More filters section, marked deprecated", async ({ page }) => {
    await page.goto("/sims?eid=89049032000001000000000000000001");
    await expect(page.getByRole("button", { name: "More filters" })).toHaveAttribute("aria-expanded", "true");
    const eid = filters(page).getByLabel(/EID/);
    await expect(eid).toHaveValue("89049032000001000000000000000001");
    await expect(page.getByText("(deprecated)")).toBeVisible();
    // The filter reached the upstream: either matching SIMs or the empty state, never an error.
    await expect(
      dataRows(page).first().or(page.getByText("No SIMs match these filters")).first(),
    ).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "could not be loaded" })).toHaveCount(0);
  });

  test("an invalid ICCID in a link is explained and never sent", async ({ page }) => {
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/sims")) requests.push(r.url());
    });
    await page.goto("/sims?iccid=1234");
    await expect(page.getByText("This ICCID cannot be searched")).toBeVisible();
    await expect(filters(page).getByLabel("ICCID")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("An ICCID has 18 to 22 digits; this has 4.").first()).toBeVisible();
    expect(requests).toEqual([]);
  });
});

test.describe("filtering", () => {
  test("choosing a status shows only that status and returns to the first page", async ({ page }) => {
    await page.goto("/sims?pageSize=25");
    await expectRowsLoaded(page);
    await page.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("page")).toBe("2");

    await filters(page).getByLabel("Status").selectOption({ label: "Suspended" });
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("suspended");
    expect(new URL(page.url()).searchParams.get("page")).toBeNull();
    expect(new URL(page.url()).searchParams.get("pageToken")).toBeNull();
    await expectRowsLoaded(page);
    await expect.poll(async () => [...new Set(await statusesOnScreen(page))]).toEqual(["suspended"]);
    expect(await pagerText(page)).toMatch(/^Page 1 · Rows 1–/);
  });

  test("typing an ICCID finds one SIM; invalid input is refused inline without a request", async ({
    page,
  }) => {
    await page.goto("/sims?pageSize=25");
    await expectRowsLoaded(page);
    const [iccid] = await iccidsOnScreen(page);
    if (!iccid) throw new Error("no rows");

    // Only searches by ICCID count: the prefetch of the next page is expected traffic.
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/sims") && r.url().includes("iccid=")) requests.push(r.url());
    });
    const input = filters(page).getByLabel("ICCID");
    await input.fill("8901-12AB");
    await input.press("Enter");
    await expect(input).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("An ICCID has digits only (spaces and dashes are ignored).")).toBeVisible();
    expect(new URL(page.url()).searchParams.get("iccid")).toBeNull();
    expect(requests).toEqual([]);

    await input.fill(iccid.replace(/(\d{5})/g, "$1-"));
    await input.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("iccid")).toBe(iccid);
    await expect(dataRows(page)).toHaveCount(1);
    expect(await iccidsOnScreen(page)).toEqual([iccid]);
  });

  test("picking a rate plan by name filters on it", async ({ page }) => {
    const plans = await apiGet<RatePlan[]>(page, "/api/rate-plans");
    const plan = plans.find((p) => p.friendlyName && p.uniqueName);
    if (!plan?.friendlyName) throw new Error("the sandbox has no named rate plan");
    await page.goto("/sims");
    await expectRowsLoaded(page);
    await filters(page).getByLabel("Rate plan").selectOption({ label: plan.friendlyName });
    await expect.poll(() => new URL(page.url()).searchParams.get("ratePlan")).toBe(plan.uniqueName);
    await expect
      .poll(async () => [...new Set(await cells(page, "ratePlan").allInnerTexts())])
      .toEqual([plan.friendlyName]);
  });
});

test.describe("paging", () => {
  test("next then previous returns the same rows, following the upstream's page token", async ({ page }) => {
    await page.goto("/sims?pageSize=25");
    await expectRowsLoaded(page);
    const first = await iccidsOnScreen(page);
    expect(first).toHaveLength(25);
    expect(await pagerText(page)).toBe("Page 1 · Rows 1–25");

    await page.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("page")).toBe("2");
    expect(new URL(page.url()).searchParams.get("pageToken")).toBeTruthy();
    await expect.poll(() => pagerText(page)).toBe("Page 2 · Rows 26–50");
    const second = await iccidsOnScreen(page);
    expect(second).toHaveLength(25);
    expect(second.filter((iccid) => first.includes(iccid))).toEqual([]);

    await page.getByRole("button", { name: "Previous page" }).click();
    await expect.poll(() => pagerText(page)).toBe("Page 1 · Rows 1–25");
    await expectRowsLoaded(page);
    expect(await iccidsOnScreen(page)).toEqual(first);

    // The page in the URL is a shareable view: reloading shows the same rows.
    await page.getByRole("button", { name: "Next page" }).click();
    await expect.poll(() => pagerText(page)).toBe("Page 2 · Rows 26–50");
    await page.reload();
    await expectRowsLoaded(page);
    expect(await iccidsOnScreen(page)).toEqual(second);
    await page.getByRole("button", { name: "First page" }).click();
    await expect.poll(() => pagerText(page)).toBe("Page 1 · Rows 1–25");
  });

  test("1000 rows per page shows 1000 rows with at most 100 row elements in the DOM", async ({ page }) => {
    await page.goto("/sims");
    await expectRowsLoaded(page);
    await page.getByLabel("Rows per page").selectOption("1000");
    await expect.poll(() => pagerText(page), { timeout: 20_000 }).toBe("Page 1 · Rows 1–1000");
    await expect(simsTable(page)).toHaveAttribute("aria-rowcount", "1001");
    const rowElements = await page.getByRole("row").count();
    expect(rowElements).toBeGreaterThan(10);
    expect(rowElements).toBeLessThanOrEqual(100);

    // Scrolling to the end renders the last rows, still within the budget.
    await simsTable(page)
      .locator("xpath=..")
      .evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(simsTable(page).locator('tr[aria-rowindex="1001"]')).toBeVisible();
    expect(await page.getByRole("row").count()).toBeLessThanOrEqual(100);
  });
});

test("columns can be hidden and the choice is kept for the person", async ({ page }) => {
  await page.goto("/sims");
  await expectRowsLoaded(page);
  const header = simsTable(page).getByRole("columnheader", { name: /Created/ });
  await expect(header).toBeVisible();

  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Created" }).uncheck();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("checkbox", { name: "Created" })).toBeHidden();
  await expect(header).toHaveCount(0);

  // Saved on the server: it survives a reload (the server reads it before rendering).
  await expect
    .poll(async () => {
      await page.reload();
      await expectRowsLoaded(page);
      return simsTable(page)
        .getByRole("columnheader", { name: /Created/ })
        .count();
    })
    .toBe(0);

  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Created" }).check();
  await page.keyboard.press("Escape");
  await expect(header).toBeVisible();
  await expect
    .poll(async () => {
      await page.reload();
      await expectRowsLoaded(page);
      return simsTable(page)
        .getByRole("columnheader", { name: /Created/ })
        .count();
    })
    .toBe(1);
});

test("sorting says it applies to the loaded page only", async ({ page }) => {
  await page.goto("/sims?pageSize=25");
  await expectRowsLoaded(page);
  await simsTable(page)
    .getByRole("button", { name: /^ICCID/ })
    .click();
  await expect(page.getByText(/Sorted by ICCID \(ascending\), rows on this page only/)).toBeVisible();
  const sorted = await iccidsOnScreen(page);
  expect(sorted).toEqual([...sorted].sort());
  await expect(simsTable(page).getByRole("columnheader", { name: /ICCID/ })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
});

test("the table is usable from the keyboard; Enter opens the SIM", async ({ page }) => {
  await page.goto("/sims?pageSize=25");
  await expectRowsLoaded(page);
  const rows = dataRows(page);
  await rows.first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press("Home");
  await expect(rows.first()).toBeFocused();
  // One tab stop for the rows: Tab moves to the controls of the focused row only.
  await page.keyboard.press("Tab");
  await expect(rows.first().locator(":focus")).toHaveCount(1);
  await expect(rows.nth(1).locator(":focus")).toHaveCount(0);
  await page.keyboard.press("Shift+Tab");
  await expect(rows.first()).toBeFocused();

  const href = await rows.first().getByRole("link").getAttribute("href");
  await page.keyboard.press("Enter");
  await expect.poll(() => new URL(page.url()).pathname).toBe(href);
});

test("a SIM caught mid-change refreshes on its own until it settles", async ({ page }) => {
  const { sims } = fromSimListWire(await apiGet<SimListWire>(page, "/api/sims?status=active&pageSize=25"));
  const sim = sims.find((s) => s.iccid);
  if (!sim?.iccid) throw new Error("the sandbox fleet has no active SIM with an ICCID");
  const scale = await sandboxTimeScale();
  const lagBefore = await sandboxClockLag();
  try {
    // Slow the sandbox's clock so the change stays "updating" long enough to be seen.
    await sandboxTimeScale(scale / 4);
    await page.goto(`/sims?iccid=${sim.iccid}`);
    await expectRowsLoaded(page);
    const badge = simsTable(page).locator("[data-status]");
    await expect(badge).toHaveAttribute("data-status", "active");

    await setStatusUpstream(sim.sid, "suspended");
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(badge).toHaveAttribute("data-status", "updating");
    // No further clicks: the page polls while a row is transient.
    await expect(badge).toHaveAttribute("data-status", "suspended", { timeout: 45_000 });
  } finally {
    await sandboxTimeScale(scale);
    // Slowed time fell behind real time; catch it up, or KORE's event dates would precede the
    // console's own requests in later specs (the timeline matches a change to the request before it).
    const lost = (await sandboxClockLag()) - lagBefore;
    if (lost > 0) {
      await fetch(`${SANDBOX_URL}/_sandbox/clock/advance`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ms: lost }),
      });
    }
    await setStatusUpstream(sim.sid, "active").catch(() => {});
  }
});

test.describe("upstream faults", () => {
  test("a 503 shows the error state in plain words and Try again recovers", async ({ page }) => {
    await setFaults({ routes: { "GET /v1/Sims": { rate503: 1 } } });
    await page.goto("/sims?pageSize=25");
    const alert = page.getByRole("alert").filter({ hasText: "The SIMs could not be loaded" });
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(alert).toContainText("KORE is temporarily unavailable");
    await expect(alert).not.toContainText(/Server is temporary not available|503/);

    await clearSandboxFaults();
    await alert.getByRole("button", { name: "Try again" }).click();
    await expectRowsLoaded(page);
    await expect(page.getByRole("alert").filter({ hasText: "could not be loaded" })).toHaveCount(0);
  });

  test("slow upstream answers end in the error state, and Try again recovers", async ({ page }) => {
    test.setTimeout(150_000);
    await page.goto("/sims?pageSize=25");
    await expectRowsLoaded(page);
    // Longer than the console's upstream timeout: every attempt times out.
    await setFaults({ routes: { "GET /v1/Sims": { latencyMs: 60_000 } } });
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByText("Syncing…")).toBeVisible();
    const alert = page.getByRole("alert").filter({ hasText: "The SIMs could not be loaded" });
    await expect(alert).toBeVisible({ timeout: 120_000 });
    await expect(alert).toContainText("KORE did not answer in time");

    await clearSandboxFaults();
    await alert.getByRole("button", { name: "Try again" }).click();
    await expectRowsLoaded(page);
  });
});

test("axe finds no serious or critical violations", async ({ page }) => {
  // Two full-page axe runs are slow on a busy 2-core machine; 25 rows have every row structure.
  test.setTimeout(150_000);
  await page.goto("/sims?pageSize=25");
  await expectRowsLoaded(page);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "More filters" }).click();
  await page.getByRole("button", { name: "Columns" }).click();
  await simsTable(page).locator("[data-status]").first().hover();
  await expect(page.getByRole("tooltip")).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});
