-- modify "people" table
ALTER TABLE "people" ALTER COLUMN "stakeholder_group" DROP NOT NULL;
