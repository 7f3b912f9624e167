-- Words in the conversation (chat history, docs/decisions.md 39). pg_trgm gives no grams for 1- and
-- 2-character Japanese words, and none for any Japanese where the ctype is C; PGlite has no
-- pg_bigm or pgroonga. So: the text normalised (NFKC, lower case), then cut into runs of CJK
-- characters (kana, kanji, hangul) and runs of other letters and digits; a CJK run gives its single
-- characters and bigrams, another run its trigrams. Both back-ends run the same functions.
CREATE FUNCTION search_text(body text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN lower(normalize(body, NFKC));--> statement-breakpoint
-- The text's grams: every CJK single character and bigram, every other run's trigrams, so that any
-- word finds its grams in the index. A query's grams (search_query_grams) are only the longest its
-- runs give: a CJK run of one character, its character; a longer one, its bigrams.
CREATE FUNCTION search_grams(body text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN array(
    SELECT DISTINCT substr(run.word, position, size)
    FROM regexp_matches(search_text(body),
           '[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+|[^[:space:][:punct:]\u1100-\u11ff\u3000-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+',
           'g') AS found(parts),
         LATERAL (SELECT found.parts[1] AS word,
                         found.parts[1] ~ '^[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]' AS cjk) run,
         LATERAL unnest(CASE WHEN run.cjk THEN ARRAY[1, 2] ELSE ARRAY[3] END) AS size,
         LATERAL generate_series(1, char_length(run.word) - size + 1) AS position
  );--> statement-breakpoint
CREATE FUNCTION search_query_grams(words text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN array(
    SELECT DISTINCT substr(run.word, position, size)
    FROM regexp_matches(search_text(words),
           '[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+|[^[:space:][:punct:]\u1100-\u11ff\u3000-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+',
           'g') AS found(parts),
         LATERAL (SELECT found.parts[1] AS word,
                         found.parts[1] ~ '^[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]' AS cjk) run,
         LATERAL (SELECT CASE WHEN run.cjk THEN least(char_length(run.word), 2) ELSE 3 END) AS sizes(size),
         LATERAL generate_series(1, char_length(run.word) - size + 1) AS position
  );--> statement-breakpoint
CREATE INDEX "chats_requested_idx" ON "chats" USING btree ("requested_at","id");--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin (search_grams("body")) WHERE "messages"."author" <> 'system';

