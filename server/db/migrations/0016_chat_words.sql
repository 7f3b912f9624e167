CREATE TABLE "chat_words" (
	"chat_id" uuid PRIMARY KEY NOT NULL,
	"grams" text[] NOT NULL
);
--> statement-breakpoint
DROP INDEX "messages_search_idx";--> statement-breakpoint
ALTER TABLE "chat_words" ADD CONSTRAINT "chat_words_chat_id_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_words_grams_idx" ON "chat_words" USING gin ("grams");--> statement-breakpoint
CREATE INDEX "chats_unclosed_idx" ON "chats" USING btree ("id") WHERE "chats"."state" <> 'closed';--> statement-breakpoint
-- A chat's grams: those of every message people wrote in it (system messages are nobody's words).
CREATE FUNCTION chat_grams(chat uuid) RETURNS text[]
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN array(
    SELECT DISTINCT gram
    FROM messages, unnest(search_grams(messages.body)) AS gram
    WHERE messages.chat_id = chat AND messages.author <> 'system'
  );--> statement-breakpoint
-- Written by the database when a chat closes, whichever code closes it: the grams cost the close,
-- not every message as it is sent (the message path has no room for them).
CREATE FUNCTION index_chat_words() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO chat_words (chat_id, grams) VALUES (NEW.id, chat_grams(NEW.id))
    ON CONFLICT (chat_id) DO UPDATE SET grams = excluded.grams;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER chats_closed_words AFTER UPDATE OF state ON chats
  FOR EACH ROW WHEN (NEW.state = 'closed' AND OLD.state IS DISTINCT FROM 'closed')
  EXECUTE FUNCTION index_chat_words();--> statement-breakpoint
-- The chats closed before this migration.
INSERT INTO chat_words (chat_id, grams) SELECT id, chat_grams(id) FROM chats WHERE state = 'closed';
