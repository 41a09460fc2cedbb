-- Custom SQL migration file, put your code below! --
-- The search vocabulary (search_words, lib/search/spelling.ts): every word of every subject,
-- lower-cased and unstemmed ('simple'), letters only, 3+ long. One INSERT per statement (a COPY of
-- a million tickets adds its words once, not per row), in word order so that two transactions
-- adding the same new words wait for each other instead of deadlocking.
CREATE FUNCTION search_words_add(subjects text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM unnest(subjects) s, unnest(tsvector_to_array(to_tsvector('simple'::regconfig, s))) w
  WHERE w ~ '^[[:alpha:]]{3,}$' ORDER BY w
  ON CONFLICT (word) DO NOTHING
$$;--> statement-breakpoint
CREATE FUNCTION tickets_search_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_words_add(array(SELECT subject FROM new_tickets));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION tickets_search_words_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_words_add(ARRAY[NEW.subject]);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tickets_search_words_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_tickets
  FOR EACH STATEMENT EXECUTE FUNCTION tickets_search_words_inserted();--> statement-breakpoint
CREATE TRIGGER tickets_search_words_update AFTER UPDATE OF subject ON tickets
  FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject) EXECUTE FUNCTION tickets_search_words_updated();--> statement-breakpoint
-- The words of the tickets already there.
SELECT search_words_add(array(SELECT subject FROM tickets));
