DROP INDEX "processing_types_sibling_name_idx";--> statement-breakpoint
ALTER TABLE "processing_types" ADD COLUMN "names" jsonb;--> statement-breakpoint
-- Today's one name becomes the name in the service's default language.
UPDATE "processing_types" SET "names" = jsonb_build_object("services"."default_language", "processing_types"."name") FROM "services" WHERE "services"."id" = "processing_types"."service_id";--> statement-breakpoint
ALTER TABLE "processing_types" ALTER COLUMN "names" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "processing_types_sibling_name_ja_idx" ON "processing_types" USING btree ("service_id",coalesce("parent_id", "service_id"),("names" ->> 'ja')) WHERE "processing_types"."retired_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "processing_types_sibling_name_en_idx" ON "processing_types" USING btree ("service_id",coalesce("parent_id", "service_id"),("names" ->> 'en')) WHERE "processing_types"."retired_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "processing_types_sibling_name_ko_idx" ON "processing_types" USING btree ("service_id",coalesce("parent_id", "service_id"),("names" ->> 'ko')) WHERE "processing_types"."retired_at" is null;--> statement-breakpoint
ALTER TABLE "processing_types" DROP COLUMN "name";--> statement-breakpoint
ALTER TABLE "processing_types" ADD CONSTRAINT "processing_types_names" CHECK (jsonb_typeof("processing_types"."names") = 'object' and "processing_types"."names" - array['ja', 'en', 'ko']::text[] = '{}'::jsonb);
