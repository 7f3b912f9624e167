ALTER TABLE "chat_assignments" ADD CONSTRAINT "chat_assignments_reason" CHECK ("chat_assignments"."reason" in ('requested', 'transferred', 'reassigned'));--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_state" CHECK ("chats"."state" in ('waiting', 'active', 'ended_by_customer', 'closed'));--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_channel" CHECK ("chats"."channel" in ('help_center', 'widget', 'inquiry_form'));--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_language" CHECK ("chats"."language" in ('ja', 'en', 'ko'));--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_device_type" CHECK ("chats"."device_type" in ('desktop', 'mobile', 'tablet', 'other'));--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author" CHECK ("messages"."author" in ('customer', 'operator', 'system'));--> statement-breakpoint
ALTER TABLE "operators" ADD CONSTRAINT "operators_role" CHECK ("operators"."role" in ('administrator', 'operator'));--> statement-breakpoint
ALTER TABLE "operators" ADD CONSTRAINT "operators_status" CHECK ("operators"."status" in ('online', 'break', 'offline'));--> statement-breakpoint
ALTER TABLE "service_texts" ADD CONSTRAINT "service_texts_language" CHECK ("service_texts"."language" in ('ja', 'en', 'ko'));--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_default_language" CHECK ("services"."default_language" in ('ja', 'en', 'ko'));