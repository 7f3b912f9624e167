CREATE TABLE "chat_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"chat_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"operator_id" uuid NOT NULL,
	"from_operator_id" uuid,
	"reason" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processing_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"parent_id" uuid,
	"depth" smallint NOT NULL,
	"parent_depth" smallint GENERATED ALWAYS AS (depth - 1) STORED,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processing_types_node" UNIQUE("id","service_id","depth"),
	CONSTRAINT "processing_types_depth" CHECK ("processing_types"."depth" between 1 and 3),
	CONSTRAINT "processing_types_root" CHECK (("processing_types"."parent_id" is null) = ("processing_types"."depth" = 1))
);
--> statement-breakpoint
CREATE TABLE "service_texts" (
	"service_id" uuid NOT NULL,
	"language" text NOT NULL,
	"greeting" text DEFAULT '' NOT NULL,
	"satisfaction_message" text DEFAULT '' NOT NULL,
	"consent_text" text DEFAULT '' NOT NULL,
	"privacy_policy_url" text,
	CONSTRAINT "service_texts_service_id_language_pk" PRIMARY KEY("service_id","language")
);
--> statement-breakpoint
DROP TABLE "tickets" CASCADE;
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "page_url" text;
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "processing_type_id" uuid;
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "device_browser" text;
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "device_browser_version" text;
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "device_os" text;
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "device_os_version" text;
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "device_type" text;
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE "operators" ADD COLUMN "deactivated_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "default_language" text DEFAULT 'en' NOT NULL;
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;
--> statement-breakpoint
ALTER TABLE "chat_assignments" ADD CONSTRAINT "chat_assignments_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "chat_assignments" ADD CONSTRAINT "chat_assignments_from_operator_id_operators_id_fk" FOREIGN KEY ("from_operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_id_customer" UNIQUE("id","customer_id");
--> statement-breakpoint
ALTER TABLE "chat_assignments" ADD CONSTRAINT "chat_assignments_chat_fk" FOREIGN KEY ("chat_id","customer_id") REFERENCES "public"."chats"("id","customer_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "processing_types" ADD CONSTRAINT "processing_types_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "processing_types" ADD CONSTRAINT "processing_types_parent_fk" FOREIGN KEY ("parent_id","service_id","parent_depth") REFERENCES "public"."processing_types"("id","service_id","depth") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "service_texts" ADD CONSTRAINT "service_texts_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "chat_assignments_chat_idx" ON "chat_assignments" USING btree ("chat_id","assigned_at");
--> statement-breakpoint
CREATE INDEX "chat_assignments_customer_idx" ON "chat_assignments" USING btree ("customer_id","assigned_at");
--> statement-breakpoint
CREATE INDEX "chat_assignments_operator_idx" ON "chat_assignments" USING btree ("operator_id","assigned_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "processing_types_sibling_name_idx" ON "processing_types" USING btree ("service_id",coalesce("parent_id", "service_id"),"name") WHERE "processing_types"."retired_at" is null;
--> statement-breakpoint
CREATE INDEX "processing_types_parent_idx" ON "processing_types" USING btree ("parent_id");
--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_processing_type_id_processing_types_id_fk" FOREIGN KEY ("processing_type_id") REFERENCES "public"."processing_types"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "language" text;
--> statement-breakpoint
-- Today's chats: in their service's default language (each service had its texts in one).
UPDATE "chats" SET "language" = "services"."default_language" FROM "services" WHERE "services"."id" = "chats"."service_id";
--> statement-breakpoint
ALTER TABLE "chats" ALTER COLUMN "language" SET NOT NULL;
--> statement-breakpoint
-- The channel was the page's URL, or "help_center": the URL moves to page_url.
UPDATE "chats" SET "page_url" = "channel", "channel" = 'widget' WHERE "channel" <> 'help_center';
--> statement-breakpoint
-- The device was stored in words: "Chrome 131 on Windows 10 (desktop)"; its parts are read back.
UPDATE "chats" SET
  "device_browser" = nullif(substring("device" from '^(.*?)(?: [0-9][^ ]*)? on '), 'Unknown browser'),
  "device_browser_version" = substring("device" from '^.*? ([0-9][^ ]*) on '),
  "device_os" = substring("device" from ' on (.*?)(?: [0-9][^ ]*)? \('),
  "device_os_version" = substring("device" from ' on .*? ([0-9][^ ]*) \('),
  "device_type" = CASE WHEN substring("device" from '\((\w+)\)$') IN ('desktop', 'mobile', 'tablet') THEN substring("device" from '\((\w+)\)$') ELSE 'other' END
WHERE "device" IS NOT NULL;
--> statement-breakpoint
-- Each service's greeting and satisfaction message become its texts in its default language.
INSERT INTO "service_texts" ("service_id", "language", "greeting", "satisfaction_message")
SELECT "id", "default_language", "greeting", "satisfaction_message" FROM "services";
--> statement-breakpoint
-- Every chat held so far was assigned at its request.
INSERT INTO "chat_assignments" ("chat_id", "customer_id", "operator_id", "reason", "assigned_at")
SELECT "id", "customer_id", "operator_id", 'requested', "requested_at" FROM "chats" WHERE "operator_id" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "chats" DROP COLUMN "device";
--> statement-breakpoint
ALTER TABLE "services" DROP COLUMN "greeting";
--> statement-breakpoint
ALTER TABLE "services" DROP COLUMN "satisfaction_message";
--> statement-breakpoint
ALTER TABLE "services" DROP COLUMN "allowed_origins";
