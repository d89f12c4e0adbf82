-- add column "last_ends_at" to table: "events"
ALTER TABLE `events` ADD COLUMN `last_ends_at` datetime NULL;
