-- reverse: modify "events" table
ALTER TABLE "events" DROP COLUMN "last_ends_at";
