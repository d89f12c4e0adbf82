-- reverse: create index "server_secrets_name_key" to table: "server_secrets"
DROP INDEX "server_secrets_name_key";
-- reverse: create "server_secrets" table
DROP TABLE "server_secrets";
