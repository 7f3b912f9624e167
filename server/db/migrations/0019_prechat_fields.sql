ALTER TABLE "services" ADD COLUMN "ask_name" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "ask_email" boolean DEFAULT false NOT NULL;