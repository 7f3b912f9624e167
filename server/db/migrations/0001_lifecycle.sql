CREATE TABLE "operator_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_id" uuid NOT NULL,
	"process_id" text NOT NULL,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "customer_ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "customer_active_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "processed" boolean GENERATED ALWAYS AS (first_opened_at is not null and first_reply_at is not null) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "rating" integer;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "rating_comment" text;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "rated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "operator_read_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "customer_read_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "event" text;--> statement-breakpoint
ALTER TABLE "operators" ADD COLUMN "chat_limit" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "identity_secret" text DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "operator_connections" ADD CONSTRAINT "operator_connections_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "operator_connections_operator_idx" ON "operator_connections" USING btree ("operator_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "operator_connections_process_idx" ON "operator_connections" USING btree ("process_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_service_external_idx" ON "customers" USING btree ("service_id","external_id");