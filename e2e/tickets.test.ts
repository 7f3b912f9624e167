/**
 * A chat becomes a ticket, in a real browser: the customer writes from the demo page, the
 * operator makes the chat a ticket, finds it under Tickets, reads the chat history tab, changes
 * the status and adds a note, and the ticket's history lists both; a colleague's change shows on
 * the open page, and one it has not heard of is never overwritten; the assignee filter names the
 * service's operators.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adminGoesOnline, type FirstStart, firstStart } from "./browser.js";

let start: FirstStart;
beforeAll(async () => {
  start = await firstStart();
});
afterAll(() => start?.close());

/** A customer on the demo page starts a chat and writes `text`. */
async function customerWrites(page: Page, text: string) {
  await page.goto(`${start.server.url}/demo/`);
  await page.getByRole("button", { name: "Open chat" }).click();
  const chat = page.frameLocator('iframe[title="Chat"]');
  await chat.getByLabel("I agree to the collection of personal information").check();
  await chat.getByRole("button", { name: "Start chat" }).click();
  await chat.getByLabel("Message").fill(text);
  await chat.getByRole("button", { name: "Send" }).click();
}

it("makes a chat a ticket the operator finds under Tickets, with its transcript, a status change and a note in its history", async () => {
  const operator = await (await start.browser.newContext({ locale: "en-US" })).newPage();
  await adminGoesOnline(operator, start.server.url);
  const customer = await (await start.browser.newContext({ locale: "en-US" })).newPage();
  await customerWrites(customer, "My parcel has not arrived yet\nOrder 1234, sent last Monday.");

  await operator
    .getByRole("button", { name: /Customer/ })
    .first()
    .click();
  await operator.getByRole("log").getByText("My parcel has not arrived yet").waitFor();
  const chatId = new URL(operator.url()).pathname.split("/").at(-1);
  // Create ticket, as the workspace's button calls it (the console's own session).
  const created = await operator.request.post(`${start.server.url}/api/chats/${chatId}/ticket`);
  expect(created.status()).toBe(201);
  const { ticket } = (await created.json()) as { ticket: { id: string; number: number } };

  await operator.getByRole("link", { name: "Tickets" }).click();
  const row = operator.getByRole("row", { name: /My parcel has not arrived yet/ });
  await row.getByText("New", { exact: true }).waitFor();
  await row.getByRole("link").click();
  const heading = operator.getByRole("heading", {
    name: `#${ticket.number} My parcel has not arrived yet`,
  });
  await heading.waitFor();
  // When the operators it can be assigned to cannot be loaded, the select says so under it
  // rather than passing for a list with nobody in it.
  const assigneesList = (url: URL) => url.pathname === `/api/tickets/${ticket.id}/assignees`;
  await operator.route(assigneesList, (route) => route.abort());
  await operator.reload();
  await operator
    .getByRole("complementary", { name: "Ticket details" })
    .getByText("This list could not be loaded. Reload the page to try again.")
    .waitFor();
  await operator.unroute(assigneesList);
  await operator.reload();
  await heading.waitFor();

  await operator.getByRole("tab", { name: "Chat history" }).click();
  await operator
    .getByRole("tabpanel")
    .getByText("Order 1234, sent last Monday.", { exact: false })
    .waitFor();

  await operator.getByRole("tab", { name: "Notes and history" }).click();
  const details = operator.getByRole("complementary", { name: "Ticket details" });
  await details.getByRole("button", { name: /Status/ }).click();
  await operator.getByRole("option", { name: "Open", exact: true }).click();
  const history = operator.getByRole("region", { name: "History" });
  await history.getByText("Status: New → Open").waitFor();

  await operator.getByLabel("Add a note").fill("Asked the carrier; waiting for their answer.");
  await operator.getByRole("button", { name: "Add note" }).click();
  await operator
    .getByRole("region", { name: "Internal notes" })
    .getByText("Asked the carrier; waiting for their answer.")
    .waitFor();
  await history.getByText("Added a note").waitFor();
  await history.getByText("Created the ticket from the chat").waitFor();

  // A colleague's change shows on the open page at once (the socket's `ticket` notice).
  const colleagueChanges = async (subject: string) => {
    const shown = (await (
      await operator.request.get(`${start.server.url}/api/tickets/${ticket.id}`)
    ).json()) as { ticket: { version: number } };
    const colleague = await operator.request.patch(`${start.server.url}/api/tickets/${ticket.id}`, {
      data: { version: shown.ticket.version, subject },
    });
    expect(colleague.status()).toBe(200);
  };
  await colleagueChanges("Parcel lost");
  await operator.getByRole("heading", { name: `#${ticket.number} Parcel lost` }).waitFor();

  // One the page has not heard of yet (its notices held back) is not overwritten: the page says
  // so and shows theirs.
  await operator.routeWebSocket(/\/ws$/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (!String(message).startsWith('{"type":"ticket"')) socket.send(message);
    });
  });
  await operator.reload();
  await operator.getByRole("heading", { name: `#${ticket.number} Parcel lost` }).waitFor();
  await colleagueChanges("Parcel lost by the carrier");
  await details.getByRole("button", { name: /Status/ }).click();
  await operator.getByRole("option", { name: "Pending", exact: true }).click();
  await details.getByText("Someone else changed this meanwhile.", { exact: false }).waitFor();
  await operator
    .getByRole("heading", { name: `#${ticket.number} Parcel lost by the carrier` })
    .waitFor();
  await expect
    .poll(() => details.getByRole("button", { name: /Status/ }).textContent())
    .toContain("Open");

  // The filters are in the URL: a reload keeps them, and the list answers them.
  await operator.goto(`${start.server.url}/console/tickets?status=open`);
  await operator.getByRole("row", { name: /Parcel lost by the carrier/ }).waitFor();
  await operator.goto(`${start.server.url}/console/tickets?status=pending`);
  await operator.getByText("No ticket matches these filters.").waitFor();

  // The assignee filter offers the service's operators by name; the ticket assigned to one is
  // listed under that name, and not under nobody.
  const services = (await (await operator.request.get(`${start.server.url}/api/services`)).json())
    .services as Array<{ id: string }>;
  const made = await operator.request.post(`${start.server.url}/api/operators`, {
    data: {
      name: "Kenji Mori",
      email: "kenji@example.com",
      role: "operator",
      memberships: services.map((service) => ({ serviceId: service.id, chatPermission: true })),
    },
  });
  expect(made.status()).toBe(201);
  const kenji = (await made.json()) as { operator: { id: string } };
  const current = (await (
    await operator.request.get(`${start.server.url}/api/tickets/${ticket.id}`)
  ).json()) as { ticket: { version: number } };
  const assigned = await operator.request.patch(`${start.server.url}/api/tickets/${ticket.id}`, {
    data: { version: current.ticket.version, assigneeId: kenji.operator.id },
  });
  expect(assigned.status()).toBe(200);
  await operator.goto(`${start.server.url}/console/tickets`);
  await operator.getByRole("button", { name: /Assignee/ }).click();
  await operator.getByRole("option", { name: "Kenji Mori", exact: true }).click();
  await operator.getByRole("row", { name: /Parcel lost by the carrier/ }).waitFor();
  expect(new URL(operator.url()).searchParams.get("assignee")).toBe(kenji.operator.id);
  await operator.getByRole("button", { name: /Assignee/ }).click();
  await operator.getByRole("option", { name: "Unassigned", exact: true }).click();
  await operator.getByText("No ticket matches these filters.").waitFor();
});
