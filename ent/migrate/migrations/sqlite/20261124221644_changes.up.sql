-- disable the enforcement of foreign-keys constraints
PRAGMA foreign_keys = off;
-- create "new_people" table
CREATE TABLE `new_people` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `email` text NULL, `phone` text NULL, `stakeholder_group` text NULL DEFAULT ('OTHER'), `access_needs` text NULL, `hide_from_attendee_lists` bool NOT NULL DEFAULT (false), `is_admin` bool NOT NULL DEFAULT (false), `password_hash` text NULL, `erased_at` datetime NULL);
-- set sequence for "new_people" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("new_people", 64424509440);
-- copy rows from old table "people" to new temporary table "new_people"
INSERT INTO `new_people` (`id`, `created_at`, `updated_at`, `name`, `email`, `phone`, `stakeholder_group`, `access_needs`, `hide_from_attendee_lists`, `is_admin`, `password_hash`, `erased_at`) SELECT `id`, `created_at`, `updated_at`, `name`, `email`, `phone`, `stakeholder_group`, `access_needs`, `hide_from_attendee_lists`, `is_admin`, `password_hash`, `erased_at` FROM `people`;
-- drop "people" table after copying rows
DROP TABLE `people`;
-- rename temporary table "new_people" to "people"
ALTER TABLE `new_people` RENAME TO `people`;
-- create index "people_email_key" to table: "people"
CREATE UNIQUE INDEX `people_email_key` ON `people` (`email`);
-- create index "person_stakeholder_group" to table: "people"
CREATE INDEX `person_stakeholder_group` ON `people` (`stakeholder_group`);
-- enable back the enforcement of foreign-keys constraints
PRAGMA foreign_keys = on;
