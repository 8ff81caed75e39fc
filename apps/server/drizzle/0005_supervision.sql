CREATE TABLE "annual_report_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"reason" text,
	"content" jsonb NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annual_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"report_year" integer NOT NULL,
	"tier" text NOT NULL,
	"region_code" char(12) NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"deadline" date NOT NULL,
	"first_submitted_on" date,
	"submitted_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"region_code" char(12) NOT NULL,
	"list" text NOT NULL,
	"cause" text NOT NULL,
	"idem_key" text NOT NULL,
	"entry" text NOT NULL,
	"basis" text NOT NULL,
	"reason" text NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"entered_on" date NOT NULL,
	"entered_by" uuid,
	"left_on" date,
	"leave_reason" text,
	"left_by" uuid,
	"voided" boolean DEFAULT false NOT NULL,
	"void_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"day" date NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"summary" jsonb
);
--> statement-breakpoint
ALTER TABLE "annual_report_history" ADD CONSTRAINT "annual_report_history_report_id_annual_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."annual_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_listings" ADD CONSTRAINT "credit_listings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annual_report_history_report_idx" ON "annual_report_history" USING btree ("report_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "annual_reports_org_year_uq" ON "annual_reports" USING btree ("organization_id","report_year");--> statement-breakpoint
CREATE INDEX "annual_reports_year_region_idx" ON "annual_reports" USING btree ("report_year","region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_listings_org_key_uq" ON "credit_listings" USING btree ("organization_id","idem_key");--> statement-breakpoint
CREATE INDEX "credit_listings_region_idx" ON "credit_listings" USING btree ("region_code","list");--> statement-breakpoint
CREATE INDEX "credit_listings_org_idx" ON "credit_listings" USING btree ("organization_id","entered_on");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_job_day_uq" ON "job_runs" USING btree ("job","day");