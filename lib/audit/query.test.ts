import { beforeAll, expect, it } from "vitest";
import { auditEntries } from "@/lib/db/schema/audit";
import { describeEachDatabase } from "@/lib/db/test-database";
import { listAuditActionNames, listAuditEntries } from "./query";
import { auditQuerySchema } from "./schemas";

const q = (input: Record<string, unknown> = {}) => auditQuerySchema.parse(input);

describeEachDatabase("audit query", (handle) => {
  beforeAll(async () => {
    const { db } = handle();
    const base = Date.parse("2026-01-10T12:00:00Z");
    const people = ["ops@example.com", "support@example.com", "100%_sure@example.com"];
    await db.insert(auditEntries).values(
      Array.from({ length: 30 }, (_, i) => ({
        requestId: `r-${i}`,
        // One entry a day from 2026-01-10, so date filters have clear edges.
        createdAt: new Date(base + i * 86_400_000),
        actorEmail: people[i % 3],
        actorRole: "operator",
        action: i % 2 === 0 ? "sims.suspend" : "sims.activate",
        simSid: i % 5 === 0 ? "DE00000000000000000000000000000005" : `DE${String(i).padStart(32, "0")}`,
        outcome: (["ok", "error", "refused"] as const)[i % 3] ?? "ok",
        // Entries 20–24 are the per-SIM changes of one bulk job.
        jobId: i >= 20 && i < 25 ? "job-1" : null,
      })),
    );
  }, 60_000);

  it("pages newest first with a total", async () => {
    const first = await listAuditEntries(handle().db, q({ pageSize: 25 }));
    expect(first.total).toBe(30);
    expect(first.pageCount).toBe(2);
    expect(first.entries).toHaveLength(25);
    expect(first.entries[0]?.requestId).toBe("r-29");
    const second = await listAuditEntries(handle().db, q({ pageSize: 25, page: 2 }));
    expect(second.entries.map((e) => e.requestId)).toEqual(["r-4", "r-3", "r-2", "r-1", "r-0"]);
  });

  it("filters by person (substring, case-insensitive, wildcards taken literally)", async () => {
    const ops = await listAuditEntries(handle().db, q({ person: "OPS@" }));
    expect(ops.total).toBe(10);
    const literal = await listAuditEntries(handle().db, q({ person: "100%_" }));
    expect(literal.total).toBe(10);
    expect((await listAuditEntries(handle().db, q({ person: "%" }))).total).toBe(10);
  });

  it("filters by action, SIM and outcome together", async () => {
    const page = await listAuditEntries(
      handle().db,
      q({ action: "sims.suspend", sim: "DE00000000000000000000000000000005", outcome: "ok" }),
    );
    // i ∈ {0, 10, 20, …} even and ≡ 0 mod 3: 0 only (i = 30 is not seeded).
    expect(page.entries.map((e) => e.requestId)).toEqual(["r-0"]);
  });

  it("filters by bulk job, and by one entry's id", async () => {
    const job = await listAuditEntries(handle().db, q({ job: "job-1" }));
    expect(job.entries.map((e) => e.requestId)).toEqual(["r-24", "r-23", "r-22", "r-21", "r-20"]);
    const target = job.entries[2];
    const one = await listAuditEntries(handle().db, q({ entry: target?.id }));
    expect(one.total).toBe(1);
    expect(one.entries[0]?.requestId).toBe("r-22");
  });

  it("filters by whole UTC days, the end day included", async () => {
    const page = await listAuditEntries(handle().db, q({ from: "2026-01-12", to: "2026-01-14" }));
    expect(page.entries.map((e) => e.requestId)).toEqual(["r-4", "r-3", "r-2"]);
  });

  it("returns an empty last page past the end", async () => {
    const page = await listAuditEntries(handle().db, q({ page: 9 }));
    expect(page.entries).toEqual([]);
    expect(page.pageCount).toBe(1);
  });

  it("lists the distinct action names", async () => {
    expect(await listAuditActionNames(handle().db)).toEqual(["sims.activate", "sims.suspend"]);
  });
});
