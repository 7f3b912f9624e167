import { eq } from "drizzle-orm";
import { z } from "zod";
import { attachmentLimits } from "../../shared/attachments.js";
import type { Database, Transaction } from "../db/client.js";
import { settings } from "./schema.js";

/** Every installation-wide setting with its type: a value read back is checked, not trusted. */
const settingSchemas = {
  /** The service the demo page carries, made on the first start. */
  demoServiceKey: z.string(),
  /** What an attachment may be, for every service (shared/attachment-rules.ts has the default). */
  attachmentLimits,
};
type SettingKey = keyof typeof settingSchemas;
type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

export async function getSetting<K extends SettingKey>(
  db: Database | Transaction,
  key: K,
): Promise<SettingValue<K> | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row ? (settingSchemas[key].parse(row.value) as SettingValue<K>) : null;
}

export async function putSetting<K extends SettingKey>(
  db: Database | Transaction,
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
