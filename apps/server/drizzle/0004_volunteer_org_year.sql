CREATE TABLE "volunteer_org_year" (
	"organization_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"records" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_org_year_pk" ON "volunteer_org_year" USING btree ("organization_id","year","volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteers_region_status_idx" ON "volunteers" USING btree ("region_code","status");