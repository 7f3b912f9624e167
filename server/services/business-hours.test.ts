/** Business hours: administrators set a weekly schedule, closed dates and the message shown
 *  outside them; outside the hours the widget is told so and no chat starts. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AuditResponse,
  BusinessHoursBody,
  ServiceResponse,
  WidgetServiceResponse,
} from "../../shared/api.js";
import { alwaysOpen, localTime, weekdays } from "../../shared/business-hours.js";
import type { ErrorBody } from "../../shared/errors.js";
import {
  buildOperator,
  buildService,
  call,
  login,
  requestChat,
  type TestOperator,
} from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import type { ServiceRow } from "./services.js";

let server: TestServer;
let admin: string;
let service: ServiceRow;
let member: TestOperator;
beforeAll(async () => {
  server = await startTestServer();
  admin = await login(server, "admin@example.com", "admin-password");
  service = await buildService(server, { name: "Hours" });
  member = await buildOperator(server, { services: [service], status: "online" });
});
afterAll(() => server.close());

const path = (serviceId: string) => `/api/services/${serviceId}/business-hours`;

/** Open all week but today (in the service's zone, UTC): closed now, whatever the time. */
function closedToday(): BusinessHoursBody {
  const today = localTime(new Date(), "UTC").date;
  const allDay = weekdays.map((day) => [day, [{ start: "00:00", end: "24:00" }]]);
  return {
    enabled: true,
    weekly: Object.fromEntries(allDay),
    closedDates: [today],
    outsideHoursMessages: { en: "We are closed today. We answer from 9:00 tomorrow." },
  } as BusinessHoursBody;
}

const open: BusinessHoursBody = { ...alwaysOpen, outsideHoursMessages: {} };

async function setHours(body: BusinessHoursBody, on = service) {
  const response = await call(server, "PUT", path(on.id), { cookie: admin, body });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body as ServiceResponse).service;
}

async function widgetService(on = service) {
  const response = await fetch(`${server.url}/api/widget/services/${on.key}?language=ja`);
  return (await response.json()) as WidgetServiceResponse;
}

function startChat(on = service) {
  return call(server, "POST", "/api/widget/chats", {
    body: { serviceKey: on.key, consent: true, channel: "widget" },
  });
}

describe("who may set business hours", () => {
  it("refuses anyone not logged in, operators of the service and of another (401, 403)", async () => {
    const other = await buildService(server, { name: "Elsewhere" });
    const stranger = await buildOperator(server, { services: [other] });
    expect((await call(server, "PUT", path(service.id), { body: open })).status).toBe(401);
    for (const cookie of [member.cookie, stranger.cookie]) {
      const response = await call(server, "PUT", path(service.id), { cookie, body: closedToday() });
      expect(response.status).toBe(403);
      expect((response.body as ErrorBody).error.code).toBe("not_allowed");
    }
    expect((await widgetService()).openNow).toBe(true);
  });

  it("lets an administrator set them, and answers an unknown service with service_not_found", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const response = await call(server, "PUT", path(unknown), { cookie: admin, body: open });
    expect(response.status).toBe(404);
    expect((response.body as ErrorBody).error.code).toBe("service_not_found");
  });
});

describe("outside business hours", () => {
  it("tells the widget, in the customer's language or the default's, and refuses a chat", async () => {
    const saved = await setHours(closedToday());
    expect(saved.openNow).toBe(false);
    expect(saved.businessHours.closedDates).toEqual([localTime(new Date(), "UTC").date]);
    const widget = await widgetService();
    expect(widget.openNow).toBe(false);
    // The service speaks English only: a Japanese customer gets the default language's message.
    expect(widget.outsideHoursMessage).toBe("We are closed today. We answer from 9:00 tomorrow.");
    expect(widget.operatorsAvailable).toBe(false);
    const refused = await startChat();
    expect(refused.status).toBe(409);
    expect((refused.body as ErrorBody).error.code).toBe("outside_business_hours");
    const chats = await call(server, "GET", "/api/chats", { cookie: member.cookie });
    expect(chats.body.chats).toEqual([]);
  });

  it("offers chat again once the hours are off, in every process at once", async () => {
    await setHours(closedToday());
    await setHours(open);
    expect((await widgetService()).openNow).toBe(true);
    const chat = await requestChat(server, service);
    expect(chat.chat.state).toBe("waiting");
  });
});

describe("a schedule that cannot be", () => {
  async function refused(body: unknown) {
    const response = await call(server, "PUT", path(service.id), { cookie: admin, body });
    expect(response.status).toBe(400);
    return (response.body as ErrorBody).error;
  }
  const monday = (...intervals: { start: string; end: string }[]) => ({
    ...open,
    enabled: true,
    weekly: { ...alwaysOpen.weekly, mon: intervals },
  });

  it("refuses inverted and overlapping intervals, bad times and bad dates, naming the field", async () => {
    expect(await refused(monday({ start: "18:00", end: "09:00" }))).toMatchObject({
      field: "body.weekly.mon.0.end",
      reason: "end_before_start",
    });
    expect(
      await refused(monday({ start: "09:00", end: "12:00" }, { start: "11:30", end: "14:00" })),
    ).toMatchObject({ field: "body.weekly.mon.1.start", reason: "overlapping" });
    expect(await refused(monday({ start: "25:00", end: "26:00" }))).toMatchObject({
      field: "body.weekly.mon.0.start",
      reason: "invalid_format",
    });
    expect(await refused({ ...open, closedDates: ["2026-02-30"] })).toMatchObject({
      field: "body.closedDates.0",
      reason: "invalid_format",
    });
    expect(await refused({ ...open, outsideHoursMessages: { ko: "휴무" } })).toMatchObject({
      field: "body.outsideHoursMessages.ko",
      reason: "invalid_choice",
    });
  });

  it("changes nothing when refused", async () => {
    await setHours(open);
    await refused({ ...closedToday(), closedDates: ["2026-13-01"] });
    expect((await widgetService()).openNow).toBe(true);
  });
});

describe("the audit log of business hours", () => {
  it("records who changed them, from what to what", async () => {
    const audited = await buildService(server, { name: "Audited" });
    const body = closedToday();
    await setHours(body, audited);
    const log = await call(server, "GET", `/api/audit?serviceId=${audited.id}`, { cookie: admin });
    const [latest] = (log.body as AuditResponse).changes;
    expect(latest?.action).toBe("changed");
    expect(latest?.before).toMatchObject({
      businessHours: { enabled: false },
      "outsideHoursMessage.en": "",
    });
    expect(latest?.after).toMatchObject({
      businessHours: { enabled: true, closedDates: body.closedDates },
      "outsideHoursMessage.en": body.outsideHoursMessages.en,
    });
  });
});
