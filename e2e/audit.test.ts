/**
 * The audit log as an administrator reads it, in a real browser: each change says what it was
 * about by name, and every field in words (its label, its language or weekday, roles, parents,
 * schedules), in English and in Japanese; never a raw field name or JSON.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ADMIN, type FirstStart, firstStart } from "./browser.js";

let installation: FirstStart;
let admin: Page;
let base: string;

/** The administrator's API calls, with their console's session. */
async function call(method: "post" | "patch" | "put", path: string, data: unknown) {
  const response = await admin.request[method](`${base}${path}`, { data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

const loginWords = {
  en: { email: "Email", password: "Password", submit: "Log in" },
  ja: { email: "メールアドレス", password: "パスワード", submit: "ログイン" },
};

async function logIn(page: Page, language: keyof typeof loginWords = "en"): Promise<void> {
  const words = loginWords[language];
  await page.goto(`${base}/console/admin/audit`);
  await page.getByLabel(words.email).fill(ADMIN.email);
  await page.getByLabel(words.password).fill(ADMIN.password);
  await page.getByRole("button", { name: words.submit, exact: true }).click();
}

/** The audit table's row about `name` whose action reads `what`. */
const row = (page: Page, what: string, name: string) =>
  page.getByRole("row").filter({ hasText: what }).filter({ hasText: name });

beforeAll(async () => {
  installation = await firstStart();
  base = installation.server.url;
  admin = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await logIn(admin);
  await admin.getByRole("heading", { name: "Audit log" }).waitFor();

  const { services } = await (await admin.request.get(`${base}/api/services`)).json();
  const serviceId = services[0].id as string;
  const { operator } = await call("post", "/api/operators", {
    name: "Hanako Sato",
    email: "hanako@example.com",
    role: "operator",
  });
  await call("patch", `/api/operators/${operator.id}`, { role: "administrator" });
  const { cannedResponse } = await call("post", `/api/services/${serviceId}/canned-responses`, {
    title: "Refund policy",
    shortcut: "/refund",
    texts: [{ language: "en", text: "Refunds take five days." }],
  });
  await call("put", `/api/services/${serviceId}/canned-responses/${cannedResponse.id}`, {
    title: "Refund policy",
    shortcut: "/refund",
    texts: [{ language: "en", text: "Refunds take three days." }],
  });
  const { processingType } = await call("post", `/api/services/${serviceId}/processing-types`, {
    names: { en: "Orders" },
  });
  await call("post", `/api/services/${serviceId}/processing-types`, {
    parentId: processingType.id,
    names: { en: "Late delivery" },
  });
  const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  await call("put", `/api/services/${serviceId}/business-hours`, {
    enabled: true,
    weekly: { ...closed, mon: [{ start: "09:00", end: "18:00" }] },
    closedDates: ["2026-12-31"],
    outsideHoursMessages: {},
  });
});

afterAll(() => installation?.close());

it("names what each change was about and says each field in words, never as JSON", async () => {
  await admin.reload();
  const table = admin.getByRole("table");
  await table.waitFor();

  const operatorRow = row(admin, "Operator · changed", "Hanako Sato");
  await operatorRow.getByText("Role: Operator → Administrator").waitFor();
  const cannedRow = row(admin, "Canned response · changed", "Refund policy");
  await cannedRow
    .getByText("Text (English): Refunds take five days. → Refunds take three days.")
    .waitFor();
  // Only what changed: the title and the shortcut stayed.
  expect(await cannedRow.getByText("Title").count()).toBe(0);
  await row(admin, "Canned response · created", "Refund policy")
    .getByText("Shortcut: /refund")
    .waitFor();
  const childRow = row(admin, "Category · created", "Late delivery");
  await childRow.getByText("Parent: Orders").waitFor();
  await childRow.getByText("Name (English): Late delivery").waitFor();
  // A top-level type has no parent to speak of.
  const parentRow = row(admin, "Category · created", "Name (English): Orders");
  await parentRow.waitFor();
  expect(await parentRow.getByText("Parent").count()).toBe(0);
  const hoursRow = row(admin, "Service · changed", "Business hours");
  await hoursRow.getByText("Business hours: Off → On").waitFor();
  await hoursRow.getByText("Business hours (Monday): Closed → 09:00–18:00").waitFor();
  await hoursRow.getByText("Closed dates: — → 2026-12-31").waitFor();
  // Only the day that changed.
  expect(await hoursRow.getByText("Tuesday").count()).toBe(0);

  const cells = await table.getByRole("cell").allTextContents();
  expect(cells.filter((cell) => /[{}]|"\w+":/.test(cell))).toEqual([]);
});

it("says the same in Japanese", async () => {
  const page = await (await installation.browser.newContext({ locale: "ja-JP" })).newPage();
  await logIn(page, "ja");
  await page.getByRole("heading", { name: "監査ログ" }).waitFor();
  await row(page, "オペレーター · 変更", "Hanako Sato")
    .getByText("権限: オペレーター → 管理者")
    .waitFor();
  await row(page, "サービス · 変更", "営業時間")
    .getByText("営業時間（月曜日）: 休業 → 09:00–18:00")
    .waitFor();
});

it("tells a server's error from a network that did not reach it", async () => {
  const page = await (await installation.browser.newContext({ locale: "en-US" })).newPage();
  await logIn(page);
  await page.getByRole("heading", { name: "Audit log" }).waitFor();
  await page.route("**/api/audit?*", (route) =>
    route.fulfill({
      status: 500,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "internal_error", message: "internal error" } }),
    }),
  );
  await page.reload();
  await page.getByRole("alert").getByText("The server could not answer this request.").waitFor();
  await page.unroute("**/api/audit?*");
  await page.route("**/api/audit?*", (route) => route.abort());
  await page.reload();
  await page.getByRole("alert").getByText("The console could not reach the server.").waitFor();
});
