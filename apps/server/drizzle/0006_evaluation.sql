CREATE TABLE "evaluation_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"region_code" char(12) NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decision_reason" text,
	"submitted_by" uuid,
	"submitted_by_name" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"region_code" char(12) NOT NULL,
	"year" integer NOT NULL,
	"scheme" jsonb NOT NULL,
	"cutoffs" jsonb DEFAULT '{"excellent":90,"good":80,"qualified":60}'::jsonb NOT NULL,
	"posting_days" integer DEFAULT 7 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"status_reason" text,
	"evaluator_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"excluded" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_on" date,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_rounds_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "evaluation_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"evaluator_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"region_code" char(12) NOT NULL,
	"metrics" jsonb,
	"metrics_at" timestamp with time zone,
	"result" jsonb,
	"total" numeric(4, 1),
	"level" text,
	"strengths" jsonb,
	"weaknesses" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluation_appeals" ADD CONSTRAINT "evaluation_appeals_round_id_evaluation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."evaluation_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_appeals" ADD CONSTRAINT "evaluation_appeals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_scores" ADD CONSTRAINT "evaluation_scores_round_id_evaluation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."evaluation_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_scores" ADD CONSTRAINT "evaluation_scores_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_targets" ADD CONSTRAINT "evaluation_targets_round_id_evaluation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."evaluation_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_targets" ADD CONSTRAINT "evaluation_targets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_appeals_round_org_uq" ON "evaluation_appeals" USING btree ("round_id","organization_id");--> statement-breakpoint
CREATE INDEX "evaluation_rounds_region_idx" ON "evaluation_rounds" USING btree ("region_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_scores_uq" ON "evaluation_scores" USING btree ("round_id","organization_id","evaluator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_targets_round_org_uq" ON "evaluation_targets" USING btree ("round_id","organization_id");--> statement-breakpoint
CREATE INDEX "evaluation_targets_org_idx" ON "evaluation_targets" USING btree ("organization_id");