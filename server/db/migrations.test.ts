import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "../paths.js";

/** The migrations' statements, file by file, as the migrator runs them. */
async function statementsOf(tag: string): Promise<string[]> {
  const text = await readFile(path.join(migrationsFolder, `${tag}.sql`), "utf8");
  return text.split("--> statement-breakpoint");
}

let folder: string;
let db: PGlite;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "madoguchi-migrate-"));
  db = await PGlite.create(path.join(folder, "pglite"));
});
afterAll(async () => {
  await db.close();
  await rm(folder, { recursive: true, force: true });
});

describe("the records migrations (0002, 0003) on a database of the realtime core", () => {
  it("keeps today's services, chats and devices, in their new shape", async () => {
    for (const tag of ["0000_init", "0001_lifecycle"]) {
      for (const statement of await statementsOf(tag)) await db.exec(statement);
    }
    // What an installation of the realtime core holds: a service with its texts, an operator, a
    // chat from a company page and one from the help center.
    await db.exec(`
      insert into services (id, key, name, chat_enabled, greeting, satisfaction_message)
        values ('00000000-0000-0000-0000-000000000001', 'demo', 'Demo', true, 'Hello!', 'Rate us');
      insert into operators (id, email, name, password_hash, role)
        values ('00000000-0000-0000-0000-000000000002', 'a@example.com', 'Ann', 'x', 'operator');
      insert into customers (id, service_id)
        values ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000001');
      insert into chats (id, service_id, customer_id, operator_id, channel, device, consented_at)
        values
        ('00000000-0000-0000-0000-000000000004', '00000000-0000-0000-0000-000000000001',
         '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000002',
         'https://shop.example.com/help', 'Chrome 131 on Windows 10 (desktop)', now()),
        ('00000000-0000-0000-0000-000000000005', '00000000-0000-0000-0000-000000000001',
         '00000000-0000-0000-0000-000000000003', null,
         'help_center', 'Unknown browser on iOS 17.2 (mobile)', now());`);

    for (const tag of ["0002_records", "0003_checks"]) {
      for (const statement of await statementsOf(tag)) await db.exec(statement);
    }

    const texts = await db.query(
      "select language, greeting, satisfaction_message from service_texts",
    );
    expect(texts.rows).toEqual([
      { language: "en", greeting: "Hello!", satisfaction_message: "Rate us" },
    ]);
    const chats = await db.query(
      `select channel, page_url, language, device_browser, device_browser_version, device_os,
              device_os_version, device_type
       from chats order by id`,
    );
    expect(chats.rows).toEqual([
      {
        channel: "widget",
        page_url: "https://shop.example.com/help",
        language: "en",
        device_browser: "Chrome",
        device_browser_version: "131",
        device_os: "Windows",
        device_os_version: "10",
        device_type: "desktop",
      },
      {
        channel: "help_center",
        page_url: null,
        language: "en",
        device_browser: null,
        device_browser_version: null,
        device_os: "iOS",
        device_os_version: "17.2",
        device_type: "mobile",
      },
    ]);
    // The fixed words are the database's to keep too.
    await expect(
      db.exec("update chats set channel = 'https://shop.example.com/' where page_url is null"),
    ).rejects.toThrow(/chats_channel/);
    const held = await db.query("select chat_id, operator_id, reason from chat_assignments");
    expect(held.rows).toEqual([
      {
        chat_id: "00000000-0000-0000-0000-000000000004",
        operator_id: "00000000-0000-0000-0000-000000000002",
        reason: "requested",
      },
    ]);
  });
});

describe("the category names migration (0007) on a database of the foundation", () => {
  it("keeps each type's name as its name in the service's default language", async () => {
    for (const tag of ["0004_audit", "0005_client_id_per_sender", "0006_embedding"]) {
      for (const statement of await statementsOf(tag)) await db.exec(statement);
    }
    await db.exec(`
      insert into services (id, key, name, default_language)
        values ('00000000-0000-0000-0000-000000000011', 'jp', 'Japan', 'ja');
      insert into processing_types (id, service_id, depth, name)
        values ('00000000-0000-0000-0000-000000000012', '00000000-0000-0000-0000-000000000011', 1, '注文');`);
    for (const statement of await statementsOf("0007_category_names")) await db.exec(statement);
    const types = await db.query("select names from processing_types");
    expect(types.rows).toEqual([{ names: { ja: "注文" } }]);
    await expect(
      db.exec(`update processing_types set names = '{"fr": "Commandes"}'`),
    ).rejects.toThrow(/processing_types_names/);
  });
});

describe("the service settings migration (0008) after the category names", () => {
  it("gives every service the installation's chat limit and keeps its default language", async () => {
    // Runs on the database the tests above migrated.
    await db.exec(`insert into settings (key, value) values ('chatLimit', '3')`);
    await db.exec(`delete from service_texts`);
    for (const statement of await statementsOf("0008_service_settings")) await db.exec(statement);
    const services = await db.query(
      "select chat_limit, reassignment_grace_ms, customer_idle_ms, archived_at from services order by key",
    );
    const limited = {
      chat_limit: 3,
      reassignment_grace_ms: 60_000,
      customer_idle_ms: 1_800_000,
      archived_at: null,
    };
    expect(services.rows).toEqual([limited, limited]);
    expect((await db.query("select key from settings where key = 'chatLimit'")).rows).toEqual([]);
    const texts = await db.query(
      "select key, language from service_texts join services on services.id = service_id order by key",
    );
    expect(texts.rows).toEqual([
      { key: "demo", language: "en" },
      { key: "jp", language: "ja" },
    ]);
  });
});

describe("the tickets migration (0010) after the operators and canned responses (0009)", () => {
  it("keeps a ticket's shape: a form ticket carries the form, a chat ticket its chat", async () => {
    for (const tag of ["0009_operators_canned_responses", "0010_tickets"]) {
      for (const statement of await statementsOf(tag)) await db.exec(statement);
    }
    await db.exec(`
      insert into customers (id, service_id)
        values ('00000000-0000-0000-0000-000000000021', '00000000-0000-0000-0000-000000000011');
      insert into tickets (service_id, customer_id, channel, form, subject)
        values ('00000000-0000-0000-0000-000000000011', '00000000-0000-0000-0000-000000000021',
          'form', '{"subject": "請求書"}', '請求書');`);
    const rows = await db.query("select number, status, version from tickets");
    expect(rows.rows).toEqual([{ number: 1, status: "new", version: 1 }]);
    await expect(
      db.exec(`insert into tickets (service_id, customer_id, channel, subject)
        values ('00000000-0000-0000-0000-000000000011', '00000000-0000-0000-0000-000000000021',
          'chat', 'no chat')`),
    ).rejects.toThrow(/tickets_origin/);
  });
});

describe("the business hours migration (0011) after the tickets one", () => {
  it("leaves every service open whenever chat is on, with no outside-hours message", async () => {
    // Runs on the database the tests above migrated.
    for (const tag of ["0011_business_hours"]) {
      for (const statement of await statementsOf(tag)) await db.exec(statement);
    }
    const services = await db.query<{ enabled: boolean; closed: unknown }>(
      "select business_hours->'enabled' as enabled, business_hours->'closedDates' as closed from services",
    );
    expect(services.rows).toEqual([
      { enabled: false, closed: [] },
      { enabled: false, closed: [] },
    ]);
    const texts = await db.query("select distinct outside_hours_message from service_texts");
    expect(texts.rows).toEqual([{ outside_hours_message: "" }]);
  });
});

describe("the history search migration (0012) after the business hours' one", () => {
  it("gives the search its functions and an index that a words query uses", async () => {
    for (const statement of await statementsOf("0012_history_search")) await db.exec(statement);
    await db.exec(`set enable_seqscan = off`);
    const found = await db.query<{ body: string }>(
      `select body from messages
       where author <> 'system' and search_grams(body) @> search_query_grams($1)`,
      ["猫"],
    );
    const plan = await db.query<{ "QUERY PLAN": string }>(
      `explain select id from messages
       where author <> 'system' and search_grams(body) @> search_query_grams('注文')`,
    );
    await db.exec(`reset enable_seqscan`);
    expect(found.rows).toEqual([]);
    expect(plan.rows.map((row) => row["QUERY PLAN"]).join("\n")).toContain("messages_search_idx");
    expect(
      (
        await db.query<{ grams: string[] }>(`select search_query_grams('注文 猫 refund') as grams`)
      ).rows[0]?.grams.sort(),
    ).toEqual(["efu", "fun", "und", "ref", "注文", "猫"].sort());
  });
});

describe("the help center migration (0013) after the history search one", () => {
  it("gives each service an empty FAQ whose texts are only in the product's languages", async () => {
    // Runs on the database the tests above migrated.
    for (const statement of await statementsOf("0013_help_center")) await db.exec(statement);
    const [service] = (await db.query<{ id: string }>("select id from services order by key")).rows;
    await db.query(
      `insert into faq_entries (service_id, texts, position) values ($1, '{"ja": {"title": "質問", "answer": "答え"}}', 0)`,
      [service?.id],
    );
    const entries = await db.query("select texts, published from faq_entries");
    expect(entries.rows).toEqual([
      { texts: { ja: { title: "質問", answer: "答え" } }, published: false },
    ]);
    await expect(
      db.exec(`update faq_entries set texts = '{"fr": {"title": "Q", "answer": "R"}}'`),
    ).rejects.toThrow(/faq_entries_texts/);
    await expect(
      db.query(`insert into help_centers (service_id, introduction) values ($1, '[]')`, [
        service?.id,
      ]),
    ).rejects.toThrow(/help_centers_introduction/);
  });
});

describe("the queue migration (0014) after the help center one", () => {
  it("gives every service a queue of 10 for 10 minutes, and lets chats be queued", async () => {
    for (const statement of await statementsOf("0014_queue")) await db.exec(statement);
    const services = await db.query(
      "select distinct max_queue_length, queue_timeout_ms from services",
    );
    expect(services.rows).toEqual([{ max_queue_length: 10, queue_timeout_ms: 600_000 }]);
    await db.exec(
      "update chats set state = 'queued', operator_id = null where id = '00000000-0000-0000-0000-000000000004'",
    );
    await expect(db.exec("update chats set state = 'lost'")).rejects.toThrow(/chats_state/);
  });
});

describe("the customer search migration (0015) after the queue's", () => {
  it("indexes customers' names and emails for the history's customer condition", async () => {
    for (const statement of await statementsOf("0015_customer_search")) await db.exec(statement);
    const indexes = await db.query<{ indexname: string }>(
      "select indexname from pg_indexes where tablename = 'customers'",
    );
    expect(indexes.rows.map((row) => row.indexname)).toContain("customers_search_idx");
  });
});

describe("the chat words migration (0016) after the customer search one", () => {
  it("indexes the words of the chats closed before it, and of each chat as it closes", async () => {
    await db.exec(`
      insert into messages (chat_id, seq, author, body) values
        ('00000000-0000-0000-0000-000000000004', 100, 'customer', 'ご注文の件です'),
        ('00000000-0000-0000-0000-000000000004', 101, 'system', '猫'),
        ('00000000-0000-0000-0000-000000000005', 100, 'customer', 'A refund please');
      update chats set state = 'closed' where id = '00000000-0000-0000-0000-000000000004';
      update chats set state = 'active' where id = '00000000-0000-0000-0000-000000000005';`);
    for (const statement of await statementsOf("0016_chat_words")) await db.exec(statement);
    const words = async (gram: string) =>
      (
        await db.query<{ chat_id: string }>(
          "select chat_id from chat_words where grams @> array[$1] order by chat_id",
          [gram],
        )
      ).rows.map((row) => row.chat_id.slice(-1));
    expect(await words("注文")).toEqual(["4"]);
    // What the system said is nobody's words; a live chat is not indexed yet.
    expect(await words("猫")).toEqual([]);
    expect(await words("fun")).toEqual([]);
    await db.exec(
      "update chats set state = 'closed' where id = '00000000-0000-0000-0000-000000000005'",
    );
    expect(await words("fun")).toEqual(["5"]);
  });
});

describe("the message masking migration (0017) after the chat words one", () => {
  it("lets a message be marked masked and the audit log record it", async () => {
    for (const statement of await statementsOf("0017_message_masking")) await db.exec(statement);
    await db.exec(
      "update messages set masked_at = now() where chat_id = '00000000-0000-0000-0000-000000000004' and seq = 100",
    );
    await db.exec(
      "insert into audit_log (subject, subject_id, action) values ('message', 'm', 'masked')",
    );
    const masked = await db.query<{ seq: number }>(
      "select seq from messages where masked_at is not null",
    );
    expect(masked.rows.map((row) => row.seq)).toEqual([100]);
  });
});

describe("the attachments migration (0018) after the masking one", () => {
  it("keeps today's messages as text and lets a chat's message carry a file", async () => {
    for (const statement of await statementsOf("0018_attachments")) await db.exec(statement);
    const before = await db.query<{ attachment: unknown }>("select attachment from messages");
    expect(before.rows.every((row) => row.attachment === null)).toBe(true);
    await db.exec(`
      insert into attachments (id, service_id, chat_id, name, content_type, size)
        values ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-000000000001',
                '00000000-0000-0000-0000-000000000005', 'a.png', 'image/png', 3);
      insert into messages (chat_id, seq, author, body, attachment)
        values ('00000000-0000-0000-0000-000000000005', 102, 'customer', 'a.png',
                '{"id":"00000000-0000-0000-0000-0000000000a1","name":"a.png","contentType":"image/png","size":3}');`);
    const file = await db.query<{ attachment: { name: string } }>(
      "select attachment from messages where seq = 102",
    );
    expect(file.rows[0]?.attachment.name).toBe("a.png");
  });
});

describe("the pre-chat fields migration (0019) after the attachments one", () => {
  it("asks existing services for neither the name nor the email", async () => {
    for (const statement of await statementsOf("0019_prechat_fields")) await db.exec(statement);
    const asked = await db.query<{ ask_name: boolean; ask_email: boolean }>(
      "select ask_name, ask_email from services",
    );
    expect(asked.rows.length).toBeGreaterThan(0);
    expect(asked.rows.every((row) => !row.ask_name && !row.ask_email)).toBe(true);
  });
});
