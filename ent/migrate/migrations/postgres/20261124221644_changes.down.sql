-- reverse: modify "people" table
ALTER TABLE "people" ALTER COLUMN "stakeholder_group" SET NOT NULL;
