-- reverse: create "commitment_actions" table
DROP TABLE `commitment_actions`;
-- reverse: create index "session_person_id" to table: "sessions"
DROP INDEX `session_person_id`;
-- reverse: create index "sessions_token_hash_key" to table: "sessions"
DROP INDEX `sessions_token_hash_key`;
-- reverse: set sequence for "sessions" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "sessions";
-- reverse: create "sessions" table
DROP TABLE `sessions`;
-- reverse: create index "programmerole_person_id" to table: "programme_roles"
DROP INDEX `programmerole_person_id`;
-- reverse: create index "programmerole_programme_id_person_id_role" to table: "programme_roles"
DROP INDEX `programmerole_programme_id_person_id_role`;
-- reverse: set sequence for "programme_roles" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "programme_roles";
-- reverse: create "programme_roles" table
DROP TABLE `programme_roles`;
-- reverse: create index "programmes_slug_key" to table: "programmes"
DROP INDEX `programmes_slug_key`;
-- reverse: set sequence for "programmes" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "programmes";
-- reverse: create "programmes" table
DROP TABLE `programmes`;
-- reverse: create index "person_stakeholder_group" to table: "people"
DROP INDEX `person_stakeholder_group`;
-- reverse: create index "people_email_key" to table: "people"
DROP INDEX `people_email_key`;
-- reverse: set sequence for "people" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "people";
-- reverse: create "people" table
DROP TABLE `people`;
-- reverse: create index "outboxmessage_status_next_attempt_at" to table: "outbox_messages"
DROP INDEX `outboxmessage_status_next_attempt_at`;
-- reverse: create index "outbox_messages_dedupe_key_key" to table: "outbox_messages"
DROP INDEX `outbox_messages_dedupe_key_key`;
-- reverse: set sequence for "outbox_messages" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "outbox_messages";
-- reverse: create "outbox_messages" table
DROP TABLE `outbox_messages`;
-- reverse: set sequence for "organisations" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "organisations";
-- reverse: create "organisations" table
DROP TABLE `organisations`;
-- reverse: create index "occurrenceoverride_event_id_recurrence_id" to table: "occurrence_overrides"
DROP INDEX `occurrenceoverride_event_id_recurrence_id`;
-- reverse: set sequence for "occurrence_overrides" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "occurrence_overrides";
-- reverse: create "occurrence_overrides" table
DROP TABLE `occurrence_overrides`;
-- reverse: create index "minutes_event_id_occurrence_start_revision" to table: "minutes"
DROP INDEX `minutes_event_id_occurrence_start_revision`;
-- reverse: set sequence for "minutes" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "minutes";
-- reverse: create "minutes" table
DROP TABLE `minutes`;
-- reverse: create index "membership_organisation_id" to table: "memberships"
DROP INDEX `membership_organisation_id`;
-- reverse: create index "membership_person_id_organisation_id" to table: "memberships"
DROP INDEX `membership_person_id_organisation_id`;
-- reverse: set sequence for "memberships" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "memberships";
-- reverse: create "memberships" table
DROP TABLE `memberships`;
-- reverse: create index "magic_links_token_hash_key" to table: "magic_links"
DROP INDEX `magic_links_token_hash_key`;
-- reverse: set sequence for "magic_links" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "magic_links";
-- reverse: create "magic_links" table
DROP TABLE `magic_links`;
-- reverse: create index "invitation_event_id_response" to table: "invitations"
DROP INDEX `invitation_event_id_response`;
-- reverse: create index "invitation_person_id" to table: "invitations"
DROP INDEX `invitation_person_id`;
-- reverse: create index "invitation_event_id_person_id_scope_key" to table: "invitations"
DROP INDEX `invitation_event_id_person_id_scope_key`;
-- reverse: create index "invitations_token_hash_key" to table: "invitations"
DROP INDEX `invitations_token_hash_key`;
-- reverse: set sequence for "invitations" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "invitations";
-- reverse: create "invitations" table
DROP TABLE `invitations`;
-- reverse: create index "feedtoken_person_id" to table: "feed_tokens"
DROP INDEX `feedtoken_person_id`;
-- reverse: create index "feed_tokens_token_hash_key" to table: "feed_tokens"
DROP INDEX `feed_tokens_token_hash_key`;
-- reverse: set sequence for "feed_tokens" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "feed_tokens";
-- reverse: create "feed_tokens" table
DROP TABLE `feed_tokens`;
-- reverse: create index "event_starts_at" to table: "events"
DROP INDEX `event_starts_at`;
-- reverse: create index "event_programme_id_starts_at" to table: "events"
DROP INDEX `event_programme_id_starts_at`;
-- reverse: create index "events_uid_key" to table: "events"
DROP INDEX `events_uid_key`;
-- reverse: set sequence for "events" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "events";
-- reverse: create "events" table
DROP TABLE `events`;
-- reverse: create index "commitment_ends_on" to table: "commitments"
DROP INDEX `commitment_ends_on`;
-- reverse: create index "commitment_organisation_id" to table: "commitments"
DROP INDEX `commitment_organisation_id`;
-- reverse: create index "commitment_programme_id_status" to table: "commitments"
DROP INDEX `commitment_programme_id_status`;
-- reverse: set sequence for "commitments" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "commitments";
-- reverse: create "commitments" table
DROP TABLE `commitments`;
-- reverse: create index "auditentry_programme_id_created_at" to table: "audit_entries"
DROP INDEX `auditentry_programme_id_created_at`;
-- reverse: create index "auditentry_entity_type_entity_id" to table: "audit_entries"
DROP INDEX `auditentry_entity_type_entity_id`;
-- reverse: set sequence for "audit_entries" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "audit_entries";
-- reverse: create "audit_entries" table
DROP TABLE `audit_entries`;
-- reverse: create index "attendance_person_id" to table: "attendances"
DROP INDEX `attendance_person_id`;
-- reverse: create index "attendance_event_id_occurrence_start_person_id" to table: "attendances"
DROP INDEX `attendance_event_id_occurrence_start_person_id`;
-- reverse: set sequence for "attendances" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "attendances";
-- reverse: create "attendances" table
DROP TABLE `attendances`;
-- reverse: set sequence for "action_updates" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "action_updates";
-- reverse: create "action_updates" table
DROP TABLE `action_updates`;
-- reverse: create index "actionitem_owner_person_id" to table: "action_items"
DROP INDEX `actionitem_owner_person_id`;
-- reverse: create index "actionitem_owner_organisation_id" to table: "action_items"
DROP INDEX `actionitem_owner_organisation_id`;
-- reverse: create index "actionitem_due_date" to table: "action_items"
DROP INDEX `actionitem_due_date`;
-- reverse: create index "actionitem_programme_id_status" to table: "action_items"
DROP INDEX `actionitem_programme_id_status`;
-- reverse: set sequence for "action_items" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "action_items";
-- reverse: create "action_items" table
DROP TABLE `action_items`;
-- reverse: create index "apitoken_person_id" to table: "api_tokens"
DROP INDEX `apitoken_person_id`;
-- reverse: create index "api_tokens_token_hash_key" to table: "api_tokens"
DROP INDEX `api_tokens_token_hash_key`;
-- reverse: create "api_tokens" table
DROP TABLE `api_tokens`;
