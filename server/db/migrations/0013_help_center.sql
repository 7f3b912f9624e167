CREATE TABLE "faq_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"texts" jsonb NOT NULL,
	"position" integer NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faq_entries_texts" CHECK (jsonb_typeof("faq_entries"."texts") = 'object' and "faq_entries"."texts" - array['ja', 'en', 'ko']::text[] = '{}'::jsonb)
);
--> statement-breakpoint
CREATE TABLE "help_centers" (
	"service_id" uuid PRIMARY KEY NOT NULL,
	"introduction" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_centers_introduction" CHECK (jsonb_typeof("help_centers"."introduction") = 'object' and "help_centers"."introduction" - array['ja', 'en', 'ko']::text[] = '{}'::jsonb)
);
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_subject";--> statement-breakpoint
ALTER TABLE "faq_entries" ADD CONSTRAINT "faq_entries_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_centers" ADD CONSTRAINT "help_centers_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "faq_entries_service_idx" ON "faq_entries" USING btree ("service_id","position");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_subject" CHECK ("audit_log"."subject" in ('service', 'operator', 'membership', 'category', 'canned_response', 'help_center', 'faq_entry', 'setting'));