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
CREATE TABLE "dormant_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"region_code" char(12) NOT NULL,
	"status" text DEFAULT 'warned' NOT NULL,
	"last_sign_on" date NOT NULL,
	"last_sign" text NOT NULL,
	"warned_on" date NOT NULL,
	"proposed_on" date,
	"cleared_on" date,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspector_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL
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
CREATE TABLE "rectification_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"region_code" char(12) NOT NULL,
	"spot_check_id" uuid,
	"requirement" text NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_on" date,
	"completion_note" text,
	"verified_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_check_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"region_code" char(12) NOT NULL,
	"year" integer NOT NULL,
	"ratio" text NOT NULL,
	"filters" jsonb NOT NULL,
	"seed" text NOT NULL,
	"organization_pool" jsonb NOT NULL,
	"inspector_pool" jsonb NOT NULL,
	"sample_size" integer NOT NULL,
	"status" text DEFAULT 'drawn' NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spot_check_plans_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"region_code" char(12) NOT NULL,
	"draw_order" integer NOT NULL,
	"inspector_ids" jsonb NOT NULL,
	"status" text DEFAULT 'drawn' NOT NULL,
	"result" text,
	"findings" text,
	"checked_on" date,
	"recorded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "annual_report_history" ADD CONSTRAINT "annual_report_history_report_id_annual_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."annual_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_listings" ADD CONSTRAINT "credit_listings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dormant_cases" ADD CONSTRAINT "dormant_cases_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspector_conflicts" ADD CONSTRAINT "inspector_conflicts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_tasks" ADD CONSTRAINT "rectification_tasks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_plan_id_spot_check_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."spot_check_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annual_report_history_report_idx" ON "annual_report_history" USING btree ("report_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "annual_reports_org_year_uq" ON "annual_reports" USING btree ("organization_id","report_year");--> statement-breakpoint
CREATE INDEX "annual_reports_year_region_idx" ON "annual_reports" USING btree ("report_year","region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_listings_org_key_uq" ON "credit_listings" USING btree ("organization_id","idem_key");--> statement-breakpoint
CREATE INDEX "credit_listings_region_idx" ON "credit_listings" USING btree ("region_code","list");--> statement-breakpoint
CREATE INDEX "credit_listings_org_idx" ON "credit_listings" USING btree ("organization_id","entered_on");--> statement-breakpoint
CREATE UNIQUE INDEX "dormant_cases_open_uq" ON "dormant_cases" USING btree ("organization_id") WHERE cleared_on is null;--> statement-breakpoint
CREATE INDEX "dormant_cases_region_idx" ON "dormant_cases" USING btree ("region_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "inspector_conflicts_uq" ON "inspector_conflicts" USING btree ("user_id","organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_job_day_uq" ON "job_runs" USING btree ("job","day");--> statement-breakpoint
CREATE INDEX "rectification_tasks_org_idx" ON "rectification_tasks" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "spot_check_plans_region_idx" ON "spot_check_plans" USING btree ("region_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "spot_checks_plan_org_uq" ON "spot_checks" USING btree ("plan_id","organization_id");--> statement-breakpoint
CREATE INDEX "spot_checks_org_idx" ON "spot_checks" USING btree ("organization_id");