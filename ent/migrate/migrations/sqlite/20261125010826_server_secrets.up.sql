-- create "server_secrets" table
CREATE TABLE `server_secrets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `value` blob NOT NULL, `created_at` datetime NOT NULL);
-- set sequence for "server_secrets" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("server_secrets", 81604378624);
-- create index "server_secrets_name_key" to table: "server_secrets"
CREATE UNIQUE INDEX `server_secrets_name_key` ON `server_secrets` (`name`);
