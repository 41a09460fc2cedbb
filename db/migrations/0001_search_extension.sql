-- Custom SQL migration file, put your code below! --
-- Trigram matching for search (typos in subjects and customer names). PostgreSQL ships it in
-- contrib; PGlite loads it in db/client.ts. Must exist before 0002 creates the trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
