-- reverse: create index "person_stakeholder_group" to table: "people"
DROP INDEX `person_stakeholder_group`;
-- reverse: create index "people_email_key" to table: "people"
DROP INDEX `people_email_key`;
-- reverse: set sequence for "new_people" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "new_people";
-- reverse: create "new_people" table
DROP TABLE `new_people`;
