-- reverse: add column "last_ends_at" to table: "events"
ALTER TABLE `events` DROP COLUMN `last_ends_at`;
