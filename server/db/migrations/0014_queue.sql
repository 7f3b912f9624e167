ALTER TABLE "chats" DROP CONSTRAINT "chats_state";--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "max_queue_length" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "queue_timeout_ms" integer DEFAULT 600000 NOT NULL;--> statement-breakpoint
CREATE INDEX "chats_queue_idx" ON "chats" USING btree ("service_id","requested_at","id") WHERE "chats"."state" = 'queued';--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_state" CHECK ("chats"."state" in ('queued', 'waiting', 'active', 'ended_by_customer', 'closed'));--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_max_queue_length" CHECK ("services"."max_queue_length" >= 0);--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_queue_timeout" CHECK ("services"."queue_timeout_ms" > 0);