-- create "api_tokens" table
CREATE TABLE `api_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `token_hash` text NOT NULL, `name` text NOT NULL, `last_used_at` datetime NULL, `revoked_at` datetime NULL, `person_id` integer NOT NULL, CONSTRAINT `api_tokens_people_api_tokens` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE NO ACTION);
-- create index "api_tokens_token_hash_key" to table: "api_tokens"
CREATE UNIQUE INDEX `api_tokens_token_hash_key` ON `api_tokens` (`token_hash`);
-- create index "apitoken_person_id" to table: "api_tokens"
CREATE INDEX `apitoken_person_id` ON `api_tokens` (`person_id`);
-- create "action_items" table
CREATE TABLE `action_items` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `occurrence_start` datetime NULL, `title` text NOT NULL, `description` text NULL, `due_date` datetime NULL, `status` text NOT NULL DEFAULT ('OPEN'), `progress` integer NOT NULL DEFAULT (0), `completed_at` datetime NULL, `event_id` integer NULL, `owner_organisation_id` integer NULL, `owner_person_id` integer NULL, `programme_id` integer NOT NULL, CONSTRAINT `action_items_events_actions` FOREIGN KEY (`event_id`) REFERENCES `events` (`id`) ON DELETE SET NULL, CONSTRAINT `action_items_organisations_owned_actions` FOREIGN KEY (`owner_organisation_id`) REFERENCES `organisations` (`id`) ON DELETE SET NULL, CONSTRAINT `action_items_people_owned_actions` FOREIGN KEY (`owner_person_id`) REFERENCES `people` (`id`) ON DELETE SET NULL, CONSTRAINT `action_items_programmes_actions` FOREIGN KEY (`programme_id`) REFERENCES `programmes` (`id`) ON DELETE NO ACTION);
-- set sequence for "action_items" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("action_items", 4294967296);
-- create index "actionitem_programme_id_status" to table: "action_items"
CREATE INDEX `actionitem_programme_id_status` ON `action_items` (`programme_id`, `status`);
-- create index "actionitem_due_date" to table: "action_items"
CREATE INDEX `actionitem_due_date` ON `action_items` (`due_date`);
-- create index "actionitem_owner_organisation_id" to table: "action_items"
CREATE INDEX `actionitem_owner_organisation_id` ON `action_items` (`owner_organisation_id`);
-- create index "actionitem_owner_person_id" to table: "action_items"
CREATE INDEX `actionitem_owner_person_id` ON `action_items` (`owner_person_id`);
-- create "action_updates" table
CREATE TABLE `action_updates` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `note` text NULL, `old_status` text NULL, `new_status` text NULL, `old_progress` integer NULL, `new_progress` integer NULL, `action_id` integer NOT NULL, `author_id` integer NULL, CONSTRAINT `action_updates_action_items_updates` FOREIGN KEY (`action_id`) REFERENCES `action_items` (`id`) ON DELETE NO ACTION, CONSTRAINT `action_updates_people_author` FOREIGN KEY (`author_id`) REFERENCES `people` (`id`) ON DELETE SET NULL);
-- set sequence for "action_updates" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("action_updates", 8589934592);
-- create "attendances" table
CREATE TABLE `attendances` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `occurrence_start` datetime NOT NULL, `status` text NOT NULL DEFAULT ('PRESENT'), `method` text NOT NULL DEFAULT ('DOOR'), `walk_in` bool NOT NULL DEFAULT (false), `checked_in_at` datetime NULL, `checked_in_by_id` integer NULL, `deputy_id` integer NULL, `event_id` integer NOT NULL, `person_id` integer NOT NULL, CONSTRAINT `attendances_people_checked_in_by` FOREIGN KEY (`checked_in_by_id`) REFERENCES `people` (`id`) ON DELETE SET NULL, CONSTRAINT `attendances_people_deputy` FOREIGN KEY (`deputy_id`) REFERENCES `people` (`id`) ON DELETE SET NULL, CONSTRAINT `attendances_events_attendances` FOREIGN KEY (`event_id`) REFERENCES `events` (`id`) ON DELETE NO ACTION, CONSTRAINT `attendances_people_attendances` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE NO ACTION);
-- set sequence for "attendances" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("attendances", 12884901888);
-- create index "attendance_event_id_occurrence_start_person_id" to table: "attendances"
CREATE UNIQUE INDEX `attendance_event_id_occurrence_start_person_id` ON `attendances` (`event_id`, `occurrence_start`, `person_id`);
-- create index "attendance_person_id" to table: "attendances"
CREATE INDEX `attendance_person_id` ON `attendances` (`person_id`);
-- create "audit_entries" table
CREATE TABLE `audit_entries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `actor_id` integer NULL, `operation` text NOT NULL, `entity_type` text NOT NULL, `entity_id` integer NOT NULL, `programme_id` integer NULL, `changes` json NULL, `request_id` text NULL);
-- set sequence for "audit_entries" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("audit_entries", 17179869184);
-- create index "auditentry_entity_type_entity_id" to table: "audit_entries"
CREATE INDEX `auditentry_entity_type_entity_id` ON `audit_entries` (`entity_type`, `entity_id`);
-- create index "auditentry_programme_id_created_at" to table: "audit_entries"
CREATE INDEX `auditentry_programme_id_created_at` ON `audit_entries` (`programme_id`, `created_at`);
-- create "commitments" table
CREATE TABLE `commitments` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `title` text NOT NULL, `amount` text NULL, `currency` text NULL, `hours` text NULL, `hours_period` text NULL, `starts_on` datetime NOT NULL, `ends_on` datetime NULL, `status` text NOT NULL DEFAULT ('PROPOSED'), `review_on` datetime NULL, `conditions` text NULL, `evidence` text NULL, `predecessor_id` integer NULL, `organisation_id` integer NOT NULL, `beneficiary_id` integer NULL, `programme_id` integer NOT NULL, CONSTRAINT `commitments_commitments_successors` FOREIGN KEY (`predecessor_id`) REFERENCES `commitments` (`id`) ON DELETE SET NULL, CONSTRAINT `commitments_organisations_commitments` FOREIGN KEY (`organisation_id`) REFERENCES `organisations` (`id`) ON DELETE NO ACTION, CONSTRAINT `commitments_organisations_benefiting_commitments` FOREIGN KEY (`beneficiary_id`) REFERENCES `organisations` (`id`) ON DELETE SET NULL, CONSTRAINT `commitments_programmes_commitments` FOREIGN KEY (`programme_id`) REFERENCES `programmes` (`id`) ON DELETE NO ACTION);
-- set sequence for "commitments" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("commitments", 21474836480);
-- create index "commitment_programme_id_status" to table: "commitments"
CREATE INDEX `commitment_programme_id_status` ON `commitments` (`programme_id`, `status`);
-- create index "commitment_organisation_id" to table: "commitments"
CREATE INDEX `commitment_organisation_id` ON `commitments` (`organisation_id`);
-- create index "commitment_ends_on" to table: "commitments"
CREATE INDEX `commitment_ends_on` ON `commitments` (`ends_on`);
-- create "events" table
CREATE TABLE `events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `uid` text NOT NULL, `kind` text NOT NULL, `title` text NOT NULL, `description` text NULL, `time_zone` text NULL, `starts_at` datetime NOT NULL, `ends_at` datetime NOT NULL, `all_day` bool NOT NULL DEFAULT (false), `rrule` text NULL, `exdates` json NULL, `venue_name` text NULL, `venue_address` text NULL, `venue_access` text NULL, `online_url` text NULL, `capacity` integer NULL, `status` text NOT NULL DEFAULT ('SCHEDULED'), `sequence` integer NOT NULL DEFAULT (0), `cancelled_at` datetime NULL, `split_from_id` integer NULL, `programme_id` integer NOT NULL, CONSTRAINT `events_events_continuations` FOREIGN KEY (`split_from_id`) REFERENCES `events` (`id`) ON DELETE SET NULL, CONSTRAINT `events_programmes_events` FOREIGN KEY (`programme_id`) REFERENCES `programmes` (`id`) ON DELETE NO ACTION);
-- set sequence for "events" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("events", 25769803776);
-- create index "events_uid_key" to table: "events"
CREATE UNIQUE INDEX `events_uid_key` ON `events` (`uid`);
-- create index "event_programme_id_starts_at" to table: "events"
CREATE INDEX `event_programme_id_starts_at` ON `events` (`programme_id`, `starts_at`);
-- create index "event_starts_at" to table: "events"
CREATE INDEX `event_starts_at` ON `events` (`starts_at`);
-- create "feed_tokens" table
CREATE TABLE `feed_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `token_hash` text NOT NULL, `name` text NOT NULL, `last_used_at` datetime NULL, `revoked_at` datetime NULL, `person_id` integer NOT NULL, CONSTRAINT `feed_tokens_people_feed_tokens` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE NO ACTION);
-- set sequence for "feed_tokens" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("feed_tokens", 30064771072);
-- create index "feed_tokens_token_hash_key" to table: "feed_tokens"
CREATE UNIQUE INDEX `feed_tokens_token_hash_key` ON `feed_tokens` (`token_hash`);
-- create index "feedtoken_person_id" to table: "feed_tokens"
CREATE INDEX `feedtoken_person_id` ON `feed_tokens` (`person_id`);
-- create "invitations" table
CREATE TABLE `invitations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `occurrence_start` datetime NULL, `scope_key` text NOT NULL DEFAULT (''), `role` text NOT NULL DEFAULT ('PARTICIPANT'), `response` text NOT NULL DEFAULT ('PENDING'), `responded_at` datetime NULL, `waitlist_position` integer NULL, `access_needs` text NULL, `token_hash` text NOT NULL, `withdrawn_at` datetime NULL, `reminded_at` datetime NULL, `event_id` integer NOT NULL, `person_id` integer NOT NULL, CONSTRAINT `invitations_events_invitations` FOREIGN KEY (`event_id`) REFERENCES `events` (`id`) ON DELETE NO ACTION, CONSTRAINT `invitations_people_invitations` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE NO ACTION);
-- set sequence for "invitations" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("invitations", 34359738368);
-- create index "invitations_token_hash_key" to table: "invitations"
CREATE UNIQUE INDEX `invitations_token_hash_key` ON `invitations` (`token_hash`);
-- create index "invitation_event_id_person_id_scope_key" to table: "invitations"
CREATE UNIQUE INDEX `invitation_event_id_person_id_scope_key` ON `invitations` (`event_id`, `person_id`, `scope_key`);
-- create index "invitation_person_id" to table: "invitations"
CREATE INDEX `invitation_person_id` ON `invitations` (`person_id`);
-- create index "invitation_event_id_response" to table: "invitations"
CREATE INDEX `invitation_event_id_response` ON `invitations` (`event_id`, `response`);
-- create "magic_links" table
CREATE TABLE `magic_links` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `token_hash` text NOT NULL, `expires_at` datetime NOT NULL, `used_at` datetime NULL, `person_id` integer NOT NULL, CONSTRAINT `magic_links_people_magic_links` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE NO ACTION);
-- set sequence for "magic_links" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("magic_links", 38654705664);
-- create index "magic_links_token_hash_key" to table: "magic_links"
CREATE UNIQUE INDEX `magic_links_token_hash_key` ON `magic_links` (`token_hash`);
-- create "memberships" table
CREATE TABLE `memberships` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `job_title` text NULL, `organisation_id` integer NOT NULL, `person_id` integer NOT NULL, CONSTRAINT `memberships_organisations_memberships` FOREIGN KEY (`organisation_id`) REFERENCES `organisations` (`id`) ON DELETE NO ACTION, CONSTRAINT `memberships_people_memberships` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE NO ACTION);
-- set sequence for "memberships" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("memberships", 42949672960);
-- create index "membership_person_id_organisation_id" to table: "memberships"
CREATE UNIQUE INDEX `membership_person_id_organisation_id` ON `memberships` (`person_id`, `organisation_id`);
-- create index "membership_organisation_id" to table: "memberships"
CREATE INDEX `membership_organisation_id` ON `memberships` (`organisation_id`);
-- create "minutes" table
CREATE TABLE `minutes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `occurrence_start` datetime NOT NULL, `revision` integer NOT NULL, `body` text NOT NULL, `event_id` integer NOT NULL, `author_id` integer NULL, CONSTRAINT `minutes_events_minutes` FOREIGN KEY (`event_id`) REFERENCES `events` (`id`) ON DELETE NO ACTION, CONSTRAINT `minutes_people_author` FOREIGN KEY (`author_id`) REFERENCES `people` (`id`) ON DELETE SET NULL);
-- set sequence for "minutes" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("minutes", 47244640256);
-- create index "minutes_event_id_occurrence_start_revision" to table: "minutes"
CREATE UNIQUE INDEX `minutes_event_id_occurrence_start_revision` ON `minutes` (`event_id`, `occurrence_start`, `revision`);
-- create "occurrence_overrides" table
CREATE TABLE `occurrence_overrides` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `recurrence_id` datetime NOT NULL, `starts_at` datetime NULL, `ends_at` datetime NULL, `cancelled` bool NOT NULL DEFAULT (false), `title` text NULL, `venue_name` text NULL, `venue_address` text NULL, `online_url` text NULL, `sequence` integer NOT NULL DEFAULT (0), `checkin_code` text NULL, `event_id` integer NOT NULL, CONSTRAINT `occurrence_overrides_events_overrides` FOREIGN KEY (`event_id`) REFERENCES `events` (`id`) ON DELETE NO ACTION);
-- set sequence for "occurrence_overrides" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("occurrence_overrides", 51539607552);
-- create index "occurrenceoverride_event_id_recurrence_id" to table: "occurrence_overrides"
CREATE UNIQUE INDEX `occurrenceoverride_event_id_recurrence_id` ON `occurrence_overrides` (`event_id`, `recurrence_id`);
-- create "organisations" table
CREATE TABLE `organisations` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `sector` text NOT NULL, `description` text NULL, `contact_name` text NULL, `contact_email` text NULL, `contact_phone` text NULL, `website` text NULL);
-- set sequence for "organisations" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("organisations", 55834574848);
-- create "outbox_messages" table
CREATE TABLE `outbox_messages` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `kind` text NOT NULL, `recipient` text NOT NULL, `subject` text NOT NULL, `body_text` text NOT NULL, `body_html` text NULL, `ics` text NULL, `ics_method` text NULL, `status` text NOT NULL DEFAULT ('PENDING'), `attempts` integer NOT NULL DEFAULT (0), `next_attempt_at` datetime NOT NULL, `locked_until` datetime NULL, `sent_at` datetime NULL, `last_error` text NULL, `dedupe_key` text NULL);
-- set sequence for "outbox_messages" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("outbox_messages", 60129542144);
-- create index "outbox_messages_dedupe_key_key" to table: "outbox_messages"
CREATE UNIQUE INDEX `outbox_messages_dedupe_key_key` ON `outbox_messages` (`dedupe_key`);
-- create index "outboxmessage_status_next_attempt_at" to table: "outbox_messages"
CREATE INDEX `outboxmessage_status_next_attempt_at` ON `outbox_messages` (`status`, `next_attempt_at`);
-- create "people" table
CREATE TABLE `people` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `email` text NULL, `phone` text NULL, `stakeholder_group` text NULL DEFAULT ('OTHER'), `access_needs` text NULL, `hide_from_attendee_lists` bool NOT NULL DEFAULT (false), `is_admin` bool NOT NULL DEFAULT (false), `password_hash` text NULL, `erased_at` datetime NULL);
-- set sequence for "people" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("people", 64424509440);
-- create index "people_email_key" to table: "people"
CREATE UNIQUE INDEX `people_email_key` ON `people` (`email`);
-- create index "person_stakeholder_group" to table: "people"
CREATE INDEX `person_stakeholder_group` ON `people` (`stakeholder_group`);
-- create "programmes" table
CREATE TABLE `programmes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `slug` text NOT NULL, `description` text NULL, `time_zone` text NOT NULL DEFAULT ('Europe/London'), `public` bool NOT NULL DEFAULT (false), `funding_threshold` text NULL, `reporting_currency` text NOT NULL DEFAULT ('GBP'));
-- set sequence for "programmes" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("programmes", 68719476736);
-- create index "programmes_slug_key" to table: "programmes"
CREATE UNIQUE INDEX `programmes_slug_key` ON `programmes` (`slug`);
-- create "programme_roles" table
CREATE TABLE `programme_roles` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `role` text NOT NULL, `person_id` integer NOT NULL, `programme_id` integer NOT NULL, CONSTRAINT `programme_roles_people_programme_roles` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE NO ACTION, CONSTRAINT `programme_roles_programmes_roles` FOREIGN KEY (`programme_id`) REFERENCES `programmes` (`id`) ON DELETE NO ACTION);
-- set sequence for "programme_roles" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("programme_roles", 73014444032);
-- create index "programmerole_programme_id_person_id_role" to table: "programme_roles"
CREATE UNIQUE INDEX `programmerole_programme_id_person_id_role` ON `programme_roles` (`programme_id`, `person_id`, `role`);
-- create index "programmerole_person_id" to table: "programme_roles"
CREATE INDEX `programmerole_person_id` ON `programme_roles` (`person_id`);
-- create "sessions" table
CREATE TABLE `sessions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `token_hash` text NOT NULL, `expires_at` datetime NOT NULL, `last_seen_at` datetime NULL, `user_agent` text NULL, `ip` text NULL, `person_id` integer NOT NULL, CONSTRAINT `sessions_people_sessions` FOREIGN KEY (`person_id`) REFERENCES `people` (`id`) ON DELETE NO ACTION);
-- set sequence for "sessions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("sessions", 77309411328);
-- create index "sessions_token_hash_key" to table: "sessions"
CREATE UNIQUE INDEX `sessions_token_hash_key` ON `sessions` (`token_hash`);
-- create index "session_person_id" to table: "sessions"
CREATE INDEX `session_person_id` ON `sessions` (`person_id`);
-- create "commitment_actions" table
CREATE TABLE `commitment_actions` (`commitment_id` integer NOT NULL, `action_item_id` integer NOT NULL, PRIMARY KEY (`commitment_id`, `action_item_id`), CONSTRAINT `commitment_actions_commitment_id` FOREIGN KEY (`commitment_id`) REFERENCES `commitments` (`id`) ON DELETE CASCADE, CONSTRAINT `commitment_actions_action_item_id` FOREIGN KEY (`action_item_id`) REFERENCES `action_items` (`id`) ON DELETE CASCADE);
