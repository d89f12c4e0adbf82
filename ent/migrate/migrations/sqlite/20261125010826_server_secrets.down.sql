-- reverse: create index "server_secrets_name_key" to table: "server_secrets"
DROP INDEX `server_secrets_name_key`;
-- reverse: set sequence for "server_secrets" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "server_secrets";
-- reverse: create "server_secrets" table
DROP TABLE `server_secrets`;
