CREATE TABLE "team_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"state" text DEFAULT 'requested' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_user_id" uuid,
	"by_name" text NOT NULL,
	"how" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_number_counters" (
	"prefix" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_registration_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"region_code" char(12) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_number" text NOT NULL,
	"real_name" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hmac" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_masked" text NOT NULL,
	"region_code" char(12) NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"guardian_name" text,
	"guardian_phone_enc" text,
	"guardian_phone_masked" text,
	"created_via" text NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_memberships" ADD CONSTRAINT "team_memberships_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_consents" ADD CONSTRAINT "volunteer_consents_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_teams" ADD CONSTRAINT "volunteer_teams_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "team_memberships_live_uq" ON "team_memberships" USING btree ("team_id","volunteer_id") WHERE "team_memberships"."state" in ('requested', 'approved');--> statement-breakpoint
CREATE INDEX "team_memberships_volunteer_idx" ON "team_memberships" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteer_consents_vol_idx" ON "volunteer_consents" USING btree ("volunteer_id","at");--> statement-breakpoint
CREATE INDEX "volunteer_reg_attempts_ip_at_idx" ON "volunteer_registration_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_teams_org_name_uq" ON "volunteer_teams" USING btree ("organization_id","name");--> statement-breakpoint
CREATE INDEX "volunteer_teams_region_idx" ON "volunteer_teams" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_id_hmac_uq" ON "volunteers" USING btree ("id_number_hmac");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_number_uq" ON "volunteers" USING btree ("volunteer_number");--> statement-breakpoint
CREATE INDEX "volunteers_region_idx" ON "volunteers" USING btree ("region_code");