/** What the first start of an installation creates: a demo service and an administrator. */
import { sql } from "drizzle-orm";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { TemplateHolds } from "./db/pglite-template.js";
import { countOperators, insertOperator } from "./operators/operators.js";
import { generatePassword, hashPassword } from "./operators/passwords.js";
import { addMember, createService, findServiceIdByKey } from "./services/services.js";
import { getSetting, putSetting } from "./settings/settings.js";

const BOOTSTRAP_LOCK = 7_316_002;

export interface FirstStart {
  adminEmail: string;
  /** Printed once when it was generated; null when ADMIN_PASSWORD gave it. */
  generatedPassword: string | null;
}

/** The administrator's password (ADMIN_PASSWORD's, or one generated) and its argon2id hash. */
export interface AdminPassword {
  password: string;
  hash: Promise<string>;
}

/** Begun before the database opens when a first start is known then (a new embedded database):
 *  the hash runs on libuv's thread pool while the main thread copies and opens the database. */
export function adminPassword(config: Config): AdminPassword {
  const password = config.adminPassword ?? generatePassword();
  return { password, hash: hashPassword(password) };
}

/**
 * Returns what it created, or null when the installation already has operators. A database this
 * start made from the template (`made`, what the template holds) has none, and no other process
 * opens it: the administrator is made at once, in the demo service the template names. Any other
 * is asked: a database made by an earlier start that stopped before this, PostgreSQL.
 */
export function bootstrap(
  database: Database,
  config: Config,
  early?: AdminPassword,
  made?: TemplateHolds,
): Promise<FirstStart | null> {
  return database.transaction(async (db) => {
    if (made?.demoServiceId) return createAdministrator(db, config, early, made.demoServiceId);
    // Processes starting together on one PostgreSQL take turns; the second finds the admin.
    await db.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    if ((await countOperators(db)) > 0) return null;
    // The embedded database's template holds the demo service already (template-cli.ts).
    const demoKey = await getSetting(db, "demoServiceKey");
    const demoServiceId = demoKey
      ? await findServiceIdByKey(db, demoKey)
      : await createDemoService(db);
    return createAdministrator(db, config, early, demoServiceId);
  });
}

/** The administrator, an operator of the demo service. */
async function createAdministrator(
  db: Database,
  config: Config,
  early: AdminPassword | undefined,
  demoServiceId: string | null,
): Promise<FirstStart> {
  const { password, hash } = early ?? adminPassword(config);
  const admin = await insertOperator(db, {
    email: config.adminEmail,
    name: "Administrator",
    passwordHash: await hash,
    role: "administrator",
  });
  if (demoServiceId) {
    await addMember(db, { operatorId: admin.id, serviceId: demoServiceId, chatPermission: true });
  }
  return {
    adminEmail: admin.email,
    generatedPassword: config.adminPassword ? null : password,
  };
}

/**
 * The demo service `/demo/` chats with, and its id. Made with the embedded database's template at
 * build, where it costs a first start nothing: the first writes to a new database's tables are
 * its slowest (PGlite's code and caches are cold), 0.2 s of a first start here. A first start
 * without the template (PostgreSQL) makes it.
 */
export async function createDemoService(db: Database): Promise<string> {
  const service = await createService(db, {
    name: "Demo service",
    chatEnabled: true,
    defaultLanguage: "en",
    texts: demoTexts,
  });
  await putSetting(db, "demoServiceKey", service.key);
  return service.id;
}

/** The demo service speaks each language the widget does, so a customer gets its greeting in
 *  their own. */
const demoTexts = [
  {
    language: "en",
    greeting: "Hello! Thank you for contacting us. An operator will be with you shortly.",
    satisfactionMessage: "How satisfied are you with this chat? Please rate it.",
    consentText: "We collect your name, email and this conversation to answer your inquiry.",
  },
  {
    language: "ja",
    greeting: "お問い合わせありがとうございます。担当者がまもなく対応いたします。",
    satisfactionMessage: "本日のチャットの満足度をお聞かせください。",
    consentText: "お問い合わせへの回答のため、お名前・メールアドレス・この会話の内容を取得します。",
  },
  {
    language: "ko",
    greeting: "문의해 주셔서 감사합니다. 곧 상담원이 응대해 드리겠습니다.",
    satisfactionMessage: "오늘 채팅에 얼마나 만족하셨는지 평가해 주세요.",
    consentText: "문의에 답변하기 위해 이름, 이메일 및 이 대화 내용을 수집합니다.",
  },
] as const;
