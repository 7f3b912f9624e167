ALTER TABLE "services" ADD COLUMN "identity_secret_issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "previous_identity_secret" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "previous_identity_secret_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "allowed_origins" text[] DEFAULT '{}'::text[] NOT NULL;