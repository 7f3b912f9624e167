/** Category management: an administrator shapes a service's processing-type tree over HTTP, its
 *  members read it, and the tree keeps its rules (3 levels, names unique among siblings in use,
 *  order without gaps, deleting only what no chat has). */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProcessingType } from "../../shared/categories.js";
import { listChanges } from "../audit/audit.js";
import type { ServiceRow } from "../services/services.js";
import { buildOperator, buildService, requestChat, type TestOperator } from "../test/factories.js";
import { startTestServer, type TestServer } from "../test/harness.js";
import { chats } from "../test/tables.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const base = (service: { id: string }) => `/api/services/${service.id}/processing-types`;

function call(method: string, path: string, cookie?: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function setUp() {
  const service = await buildService(server);
  const administrator = await buildOperator(server, { services: [service], role: "administrator" });
  return { service, administrator };
}

async function add(
  service: ServiceRow,
  administrator: TestOperator,
  names: Record<string, string>,
  parentId?: string,
): Promise<ProcessingType> {
  const response = await call("POST", base(service), administrator.cookie, { parentId, names });
  expect(response.status).toBe(201);
  return ((await response.json()) as { processingType: ProcessingType }).processingType;
}

async function tree(service: ServiceRow, cookie: string) {
  const response = await call("GET", base(service), cookie);
  expect(response.status).toBe(200);
  return ((await response.json()) as { processingTypes: ProcessingType[] }).processingTypes;
}

const setRetired = (
  service: ServiceRow,
  administrator: TestOperator,
  type: ProcessingType,
  retired: boolean,
) => call("PUT", `${base(service)}/${type.id}/retired`, administrator.cookie, { retired });

const namesOf = (types: ProcessingType[]) => types.map((type) => type.names.en);

async function refusal(response: Response) {
  return { status: response.status, ...((await response.json()) as { error: object }).error };
}

describe("the processing-type tree", () => {
  it("lists what the administrator adds, parents before children and siblings in order, for every member", async () => {
    const { service, administrator } = await setUp();
    const orders = await add(service, administrator, { en: "Orders", ja: "注文" });
    const late = await add(service, administrator, { en: "Late delivery" }, orders.id);
    await add(service, administrator, { en: "Carrier" }, late.id);
    await add(service, administrator, { en: "Billing", ko: "청구" });
    const member = await buildOperator(server, { services: [service] });
    const listed = await tree(service, member.cookie);
    expect(
      listed.map(({ names, depth, position, retired }) => ({ names, depth, position, retired })),
    ).toEqual([
      { names: { en: "Orders", ja: "注文" }, depth: 1, position: 0, retired: false },
      { names: { en: "Late delivery" }, depth: 2, position: 0, retired: false },
      { names: { en: "Carrier" }, depth: 3, position: 0, retired: false },
      { names: { en: "Billing", ko: "청구" }, depth: 1, position: 1, retired: false },
    ]);
    const changes = await listChanges(server.app.context.db, { serviceId: service.id, limit: 10 });
    // After the service's own creation (by the test, so no actor).
    expect(changes.map((change) => [change.subject, change.action, change.actorId])).toEqual([
      ...Array(4).fill(["category", "created", administrator.id]),
      ["service", "created", null],
    ]);
  });

  it("refuses a fourth level, a blank name and a sibling's name in any language, naming the field", async () => {
    const { service, administrator } = await setUp();
    const top = await add(service, administrator, { en: "Orders", ja: "注文" });
    const second = await add(service, administrator, { en: "Late" }, top.id);
    const third = await add(service, administrator, { en: "Carrier" }, second.id);
    const post = (body: unknown) => call("POST", base(service), administrator.cookie, body);
    expect(
      await refusal(await post({ parentId: third.id, names: { en: "Too deep" } })),
    ).toMatchObject({
      status: 400,
      code: "validation_failed",
      field: "body.parentId",
      reason: "too_deep",
      limit: 3,
    });
    expect(await refusal(await post({ names: { en: "   ", ja: "名前" } }))).toMatchObject({
      status: 400,
      field: "body.names.en",
      reason: "required",
    });
    expect(await refusal(await post({ names: { en: "Orders" } }))).toMatchObject({
      status: 400,
      field: "body.names.en",
      reason: "taken",
    });
    expect(await refusal(await post({ names: { en: "Purchases", ja: "注文" } }))).toMatchObject({
      field: "body.names.ja",
      reason: "taken",
    });
    expect(await refusal(await post({ names: { en: "x".repeat(81) } }))).toMatchObject({
      field: "body.names.en",
      reason: "too_long",
      limit: 80,
    });
    // The same name under another parent is another type; a retired sibling frees its name.
    await add(service, administrator, { en: "Carrier" }, top.id);
    await setRetired(service, administrator, top, true);
    await add(service, administrator, { en: "Orders" });
    expect(namesOf(await tree(service, administrator.cookie))).toEqual([
      "Orders",
      "Late",
      "Carrier",
      "Carrier",
      "Orders",
    ]);
  });

  it("renames a type, and refuses a name its sibling has", async () => {
    const { service, administrator } = await setUp();
    const orders = await add(service, administrator, { en: "Orders" });
    await add(service, administrator, { en: "Billing" });
    const rename = (names: object) =>
      call("PATCH", `${base(service)}/${orders.id}`, administrator.cookie, { names });
    expect((await rename({ en: "Purchases", ja: "購入" })).status).toBe(200);
    expect(await refusal(await rename({ en: "Billing" }))).toMatchObject({
      field: "body.names.en",
      reason: "taken",
    });
    expect((await tree(service, administrator.cookie))[0]?.names).toEqual({
      en: "Purchases",
      ja: "購入",
    });
  });
});

describe("reordering and moving", () => {
  const place = (
    service: ServiceRow,
    administrator: TestOperator,
    type: ProcessingType,
    parentId: string | null,
    index: number,
  ) => call("PUT", `${base(service)}/${type.id}/place`, administrator.cookie, { parentId, index });

  it("puts a type at its new place, with its children, renumbering both sets of siblings", async () => {
    const { service, administrator } = await setUp();
    const a = await add(service, administrator, { en: "A" });
    const b = await add(service, administrator, { en: "B" });
    const c = await add(service, administrator, { en: "C" });
    const b1 = await add(service, administrator, { en: "B1" }, b.id);
    expect((await place(service, administrator, c, null, 0)).status).toBe(200);
    expect(namesOf(await tree(service, administrator.cookie))).toEqual(["C", "A", "B", "B1"]);
    // B goes under A with its child: depths follow, and the top level closes the gap.
    expect((await place(service, administrator, b, a.id, 0)).status).toBe(200);
    const moved = await tree(service, administrator.cookie);
    expect(moved.map((type) => [type.names.en, type.depth, type.position])).toEqual([
      ["C", 1, 0],
      ["A", 1, 1],
      ["B", 2, 0],
      ["B1", 3, 0],
    ]);
    // B1 under B1's own level would be a fourth; B under its own child a loop.
    expect(await refusal(await place(service, administrator, c, b1.id, 0))).toMatchObject({
      field: "body.parentId",
      reason: "too_deep",
      limit: 3,
    });
    expect(await refusal(await place(service, administrator, b, b1.id, 0))).toMatchObject({
      field: "body.parentId",
      reason: "invalid",
    });
    const changes = await listChanges(server.app.context.db, { serviceId: service.id, limit: 1 });
    expect(changes[0]).toMatchObject({
      action: "moved",
      before: { parentId: null, position: 2 },
      after: { parentId: a.id, position: 0 },
    });
  });

  it("keeps one order without gaps when administrators reorder at the same time", async () => {
    const { service, administrator } = await setUp();
    const types: ProcessingType[] = [];
    for (const name of ["A", "B", "C", "D", "E", "F"]) {
      types.push(await add(service, administrator, { en: name }));
    }
    const responses = await Promise.all(
      types.map((type, index) => place(service, administrator, type, null, (index * 7) % 6)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(200));
    const listed = await tree(service, administrator.cookie);
    expect(listed.map((type) => type.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(namesOf(listed)).size).toBe(6);
  });
});

describe("retiring, restoring and deleting", () => {
  it("retires a type with the types under it, and restores them together", async () => {
    const { service, administrator } = await setUp();
    const orders = await add(service, administrator, { en: "Orders" });
    const late = await add(service, administrator, { en: "Late" }, orders.id);
    expect((await setRetired(service, administrator, orders, true)).status).toBe(200);
    expect((await tree(service, administrator.cookie)).map((type) => type.retired)).toEqual([
      true,
      true,
    ]);
    // A type under a retired one comes back only with it.
    const early = await setRetired(service, administrator, late, false);
    expect(await refusal(early)).toMatchObject({ status: 400, field: "body.parentId" });
    await setRetired(service, administrator, orders, false);
    expect((await tree(service, administrator.cookie)).map((type) => type.retired)).toEqual([
      false,
      false,
    ]);
  });

  it("deletes only types that no chat has, saying why otherwise", async () => {
    const { service, administrator } = await setUp();
    await buildOperator(server, { services: [service], status: "online" });
    const used = await add(service, administrator, { en: "Used" });
    const usedChild = await add(service, administrator, { en: "Used child" }, used.id);
    const unused = await add(service, administrator, { en: "Unused" });
    await add(service, administrator, { en: "Unused child" }, unused.id);
    const chat = await requestChat(server, service);
    await server.app.context.db
      .update(chats)
      .set({ processingTypeId: usedChild.id })
      .where(eq(chats.id, chat.chat.id));
    const refused = await call("DELETE", `${base(service)}/${used.id}`, administrator.cookie);
    expect(await refusal(refused)).toMatchObject({ status: 409, code: "processing_type_in_use" });
    const deleted = await call("DELETE", `${base(service)}/${unused.id}`, administrator.cookie);
    expect(deleted.status).toBe(204);
    expect(namesOf(await tree(service, administrator.cookie))).toEqual(["Used", "Used child"]);
    const missing = await call("DELETE", `${base(service)}/${unused.id}`, administrator.cookie);
    expect(await refusal(missing)).toMatchObject({
      status: 404,
      code: "processing_type_not_found",
    });
  });
});

describe("who may read and change the tree", () => {
  it("lets members read it and administrators change it; to others it does not exist", async () => {
    const { service, administrator } = await setUp();
    const type = await add(service, administrator, { en: "Orders" });
    const member = await buildOperator(server, { services: [service] });
    const other = await buildService(server);
    const outsider = await buildOperator(server, { services: [other] });
    const otherAdministrator = await buildOperator(server, {
      services: [other],
      role: "administrator",
    });
    const item = `${base(service)}/${type.id}`;
    const changes: [string, string, unknown?][] = [
      ["POST", base(service), { names: { en: "New" } }],
      ["PATCH", item, { names: { en: "Renamed" } }],
      ["PUT", `${item}/place`, { parentId: null, index: 0 }],
      ["PUT", `${item}/retired`, { retired: true }],
      ["PUT", `${item}/retired`, { retired: false }],
      ["DELETE", item],
    ];
    const statuses = async (cookie?: string) => {
      const result = [(await call("GET", base(service), cookie)).status];
      for (const [method, path, body] of changes) {
        result.push((await call(method, path, cookie, body)).status);
      }
      return result;
    };
    expect(await statuses()).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expect(await statuses(member.cookie)).toEqual([200, 403, 403, 403, 403, 403, 403]);
    expect(await statuses(outsider.cookie)).toEqual([404, 403, 403, 403, 403, 403, 403]);
    // Administrators manage every service's tree, as they do its settings, member or not.
    expect((await call("GET", base(service), otherAdministrator.cookie)).status).toBe(200);
    const added = await add(service, otherAdministrator, { en: "Added by another administrator" });
    const removed = await call("DELETE", `${base(service)}/${added.id}`, administrator.cookie);
    expect(removed.status).toBe(204);
    expect(await statuses(administrator.cookie)).toEqual([200, 201, 200, 200, 200, 200, 204]);
    expect(namesOf(await tree(service, member.cookie))).toEqual(["New"]);
  });
});
