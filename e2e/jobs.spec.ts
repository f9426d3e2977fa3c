/**
 * Bulk jobs end to end against the sandbox: select every SIM matching a filter in the SIM table,
 * preview, confirm with a reason, watch the progress to the end, retry the failures, download the
 * report, and export the same filter as CSV.
 *
 * The job sets a commands callback URL (no status change), on the suspended SIMs of the rate plan
 * that has the fewest of them, so the SIMs other specs pick keep their status. While the job first
 * runs, the sandbox fails every SIM update with a 500: each item is retried, then marked failed
 * with the user-safe message; "Retry failed" after the fault is cleared finishes them.
 */
import { readFile } from "node:fs/promises";
import { clearSandboxFaults, expect, SANDBOX_URL, seriousA11yViolations, test } from "./fixtures";

type WireSim = { sid: string; iccid: string | null; rate_plan_sid: string | null };

let token: string | undefined;

async function sandboxFetch(path: string, init: RequestInit = {}) {
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
  const response = await fetch(`${SANDBOX_URL}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** The rate plan with the fewest suspended SIMs (at least 3), and those SIMs. */
async function smallSuspendedGroup() {
  const { sims } = (await (await sandboxFetch("/v1/Sims?Status=suspended&PageSize=1000")).json()) as {
    sims: WireSim[];
  };
  const byPlan = new Map<string, WireSim[]>();
  for (const sim of sims) {
    if (!sim.rate_plan_sid) continue;
    byPlan.set(sim.rate_plan_sid, [...(byPlan.get(sim.rate_plan_sid) ?? []), sim]);
  }
  const [plan, group] =
    [...byPlan.entries()].filter(([, g]) => g.length >= 3).sort((a, b) => a[1].length - b[1].length)[0] ?? [];
  if (!plan || !group) throw new Error("the sandbox has no rate plan with 3 or more suspended SIMs");
  return { plan, sims: group };
}

async function setSandboxFaults(body: object) {
  await fetch(`${SANDBOX_URL}/_sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  return rows;
}

test.afterEach(async () => {
  await clearSandboxFaults();
});

test("select by filter, preview, confirm, watch it finish, retry failed, report and export", async ({
  asRole,
}) => {
  test.setTimeout(180_000);
  const page = await asRole("operator");
  const { plan, sims } = await smallSuspendedGroup();
  const n = sims.length;
  const callbackUrl = `https://e2e.example.com/commands/${Date.now()}`;

  await test.step("select every SIM matching the filter in the SIM table", async () => {
    await page.goto(`/sims?status=suspended&ratePlan=${plan}`);
    await expect(page.getByRole("table", { name: "SIMs" }).getByRole("row").nth(1)).toBeVisible();
    await page.getByRole("button", { name: "Select all matching this filter…" }).click();
    const dialog = page.getByRole("dialog", { name: "New job" });
    await dialog.getByRole("radio", { name: /Set commands callback/ }).check();
    await dialog.getByLabel("Commands callback URL").fill(callbackUrl);
    await dialog.getByRole("button", { name: "Preview" }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  });

  await test.step("the preview lists every SIM with before → after, nothing changed yet", async () => {
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Set commands callback`);
    await expect(page.getByText("Nothing has been changed yet.")).toBeVisible();
    const items = page.getByRole("table", { name: "SIMs in this preview" });
    await expect(items.getByRole("row")).toHaveCount(n + 1);
    await expect(items.getByText(callbackUrl).first()).toBeVisible();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  await test.step("confirm with a reason while KORE fails every update", async () => {
    await setSandboxFaults({ routes: { "POST /v1/Sims/{Sid}": { rate500: 1 } } });
    await page.getByRole("button", { name: `Set the commands callback of ${n} SIMs` }).click();
    await expect(page.getByText(/Say why this job is needed/)).toBeVisible();
    await page.getByLabel("Reason").fill("e2e: new commands endpoint for this fleet");
    await page.getByRole("button", { name: `Set the commands callback of ${n} SIMs` }).click();
    await expect(page.getByRole("progressbar")).toBeVisible();
  });

  await test.step("watch the progress to the end: every SIM failed with a safe message", async () => {
    await expect(page.getByText("Completed", { exact: true })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
    await page.getByRole("button", { name: `Failed (${n})`, exact: true }).click();
    const results = page.getByRole("table", { name: "Result per SIM" });
    await expect(results.getByText("KORE had an internal error. Try again shortly.").first()).toBeVisible();
  });

  await test.step("retry the failed SIMs once KORE is back", async () => {
    await clearSandboxFaults();
    await page.getByRole("button", { name: `Retry failed (${n})` }).click();
    await expect(page.getByRole("button", { name: `Succeeded (${n})`, exact: true })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByText("Completed", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: `Succeeded (${n})`, exact: true }).click();
    const results = page.getByRole("table", { name: "Result per SIM" });
    await expect(results.getByRole("link", { name: /Audit entry/ })).toHaveCount(n);
    for (const sim of sims) {
      const wire = (await (await sandboxFetch(`/v1/Sims/${sim.sid}`)).json()) as {
        commands_callback_url: string;
      };
      expect(wire.commands_callback_url).toBe(callbackUrl);
    }
  });

  await test.step("each result links to its own audit entry, and the job to all of its entries", async () => {
    const jobUrl = page.url();
    const results = page.getByRole("table", { name: "Result per SIM" });
    const first = sims[0];
    if (!first) throw new Error("no SIM in the group");
    await results
      .getByRole("link", { name: new RegExp(`Audit entry for (${first.iccid}|${first.sid})$`) })
      .click();
    await expect(page).toHaveURL(/\/audit\?.*entry=/);
    await expect(page.getByText("Showing one audit entry")).toBeVisible();
    const entries = page.getByRole("table", { name: "Audit entries, newest first" }).getByRole("row");
    await expect(entries).toHaveCount(2);
    await expect(entries.nth(1)).toContainText(first.sid);
    await expect(entries.nth(1)).toContainText("e2e: new commands endpoint for this fleet");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.goto(jobUrl);
    await page.getByRole("link", { name: "Audit entries of this job" }).click();
    await expect(page.getByText("Showing the entries of")).toBeVisible();
    const jobEntries = page.getByRole("table", { name: "Audit entries, newest first" }).getByRole("row");
    for (const sim of sims) await expect(jobEntries.filter({ hasText: sim.sid }).first()).toBeVisible();
    await page.goto(jobUrl);
  });

  await test.step("download the CSV report", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV report" }).click();
    const file = await (await download).path();
    const rows = parseCsv(await readFile(file, "utf8"));
    expect(rows[0]?.slice(0, 5)).toEqual(["ICCID", "SID", "Name", "Result", "Reason or error"]);
    expect(rows.slice(1).map((r) => r[3])).toEqual(Array(n).fill("Succeeded"));
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set(sims.map((s) => s.sid)));
  });

  await test.step("export the same filter from the SIM table as CSV", async () => {
    await page.goto(`/sims?status=suspended&ratePlan=${plan}`);
    await expect(page.getByRole("table", { name: "SIMs" }).getByRole("row").nth(1)).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await (await download).path();
    await expect(page.getByText(`${n} SIMs exported`)).toBeVisible();
    const rows = parseCsv(await readFile(file, "utf8"));
    expect(rows[0]).toEqual(["ICCID", "Name", "Status", "Rate plan", "Reset", "Created", "Updated", "SID"]);
    expect(
      rows
        .slice(1)
        .map((r) => r[7])
        .sort(),
    ).toEqual(sims.map((s) => s.sid).sort());
    expect(rows.slice(1).every((r) => r[2] === "Suspended")).toBe(true);
  });
});

test("a viewer sees jobs but cannot start one", async ({ asRole }) => {
  const page = await asRole("viewer");
  await page.goto("/sims");
  await expect(page.getByRole("table", { name: "SIMs" }).getByRole("row").nth(1)).toBeVisible();
  await expect(page.getByRole("button", { name: /Select all/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Export CSV" })).toBeVisible();
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
  await page.goto("/jobs/new");
  for (const name of ["Suspend", "Deactivate", "Move to another account"]) {
    await expect(page.getByRole("radio", { name: new RegExp(name) })).toBeDisabled();
  }
});

test("an unknown job answers 404 with the console's job-not-found page", async ({ asRole }) => {
  const page = await asRole("viewer");
  // Both a well-formed id no job has and one that is not an id at all.
  for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-job"]) {
    const response = await page.goto(`/jobs/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Job not found" })).toBeVisible();
    // Inside the console: its navigation is there, and the way back leads to the jobs list.
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to jobs" })).toHaveAttribute("href", "/jobs");
  }
});
