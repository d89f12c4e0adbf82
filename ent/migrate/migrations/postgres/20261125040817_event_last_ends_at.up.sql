-- modify "events" table
ALTER TABLE "events" ADD COLUMN "last_ends_at" timestamptz NULL;
