/**
 * No secret may reach a browser. Scans what the production build ships to clients (static chunks,
 * prerendered HTML, RSC payloads) and what the running console serves to a signed-in admin, for the
 * upstream client secret, bearer tokens (JWTs), database URLs and the session-signing secret.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { SANDBOX_DEFAULTS } from "../lib/config";
import { expect, signIn, test } from "./fixtures";

// Playwright runs from the repository root (where playwright.config.ts is).
const root = process.cwd();
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
const DB_URL = /postgres(ql)?:\/\/[^\s"'`]+/;

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file, keep) : keep(file) ? [file] : [];
  });
}

function secrets() {
  const dataDir = path.resolve(root, process.env.E2E_DATA_DIR ?? "data/e2e");
  const authSecretFile = path.join(dataDir, "auth-secret");
  const list: string[] = [SANDBOX_DEFAULTS.clientSecret];
  if (existsSync(authSecretFile)) list.push(readFileSync(authSecretFile, "utf8").trim());
  return list.filter((s) => s.length >= 8);
}

function leaks(text: string, where: string) {
  const found: string[] = [];
  for (const secret of secrets()) if (text.includes(secret)) found.push(`${where}: a configured secret`);
  if (JWT.test(text)) found.push(`${where}: a bearer token (JWT)`);
  if (DB_URL.test(text)) found.push(`${where}: a database URL`);
  return found;
}

test("the production build ships no secrets to clients", () => {
  const clientFiles = [
    ...filesUnder(path.join(root, ".next", "static"), () => true),
    ...filesUnder(path.join(root, ".next", "server", "app"), (f) => /\.(html|rsc|body|meta)$/.test(f)),
  ];
  expect(clientFiles.length).toBeGreaterThan(0);
  const found = clientFiles.flatMap((file) => leaks(readFileSync(file, "utf8"), path.relative(root, file)));
  expect(found).toEqual([]);
});

test("pages and RSC payloads served to a signed-in admin carry no secrets", async ({ page }) => {
  expect(secrets().length).toBeGreaterThan(1); // the auth secret was generated, so it is checked too
  await signIn(page, "admin");
  for (const route of ["/sims", "/events", "/audit", "/users"]) {
    const html = await page.request.get(route);
    expect(html.ok(), route).toBe(true);
    expect(leaks(await html.text(), route)).toEqual([]);
    const rsc = await page.request.get(route, { headers: { RSC: "1" } });
    expect(leaks(await rsc.text(), `${route} (RSC)`)).toEqual([]);
  }
});
