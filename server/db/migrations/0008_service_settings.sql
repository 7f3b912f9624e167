ALTER TABLE "services" ADD COLUMN "chat_limit" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "reassignment_grace_ms" integer DEFAULT 60000 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "customer_idle_ms" integer DEFAULT 1800000 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_chat_limit" CHECK ("services"."chat_limit" > 0);--> statement-breakpoint
-- The installation's chatLimit setting becomes every service's own limit, and goes.
UPDATE "services" SET "chat_limit" = ("settings"."value" #>> '{}')::integer
  FROM "settings" WHERE "settings"."key" = 'chatLimit' AND jsonb_typeof("settings"."value") = 'number'
  AND ("settings"."value" #>> '{}')::integer > 0;--> statement-breakpoint
DELETE FROM "settings" WHERE "key" = 'chatLimit';--> statement-breakpoint
-- A service speaks the languages it has texts for: its default language at least.
INSERT INTO "service_texts" ("service_id", "language")
  SELECT "id", "default_language" FROM "services" ON CONFLICT DO NOTHING;
