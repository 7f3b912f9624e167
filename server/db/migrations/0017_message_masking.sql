ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_subject";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "masked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "messages_masked_idx" ON "messages" USING btree ("chat_id") WHERE "messages"."masked_at" is not null;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_subject" CHECK ("audit_log"."subject" in ('service', 'operator', 'membership', 'category', 'canned_response', 'help_center', 'faq_entry', 'setting', 'message'));