-- Custom SQL migration file, put your code below! --
-- GIN operator classes for plain columns (status, team), so a filtered search intersects the
-- filter and the words inside one index (0008). PostgreSQL ships it in contrib; PGlite loads it in
-- db/client.ts.
CREATE EXTENSION IF NOT EXISTS btree_gin;
