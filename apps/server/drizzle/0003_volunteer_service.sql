CREATE TABLE "point_balances" (
	"volunteer_id" uuid PRIMARY KEY NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"earned" integer DEFAULT 0 NOT NULL,
	"spent" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_balances_nonneg_ck" CHECK ("point_balances"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "point_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"debit_account" text NOT NULL,
	"credit_account" text NOT NULL,
	"idem_key" text NOT NULL,
	"reason" text NOT NULL,
	"cause_type" text NOT NULL,
	"cause_id" uuid,
	"reverses" uuid,
	"credited_on" date NOT NULL,
	"expires_on" date,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_entries_points_ck" CHECK ("point_entries"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"pickup_code" text NOT NULL,
	"state" text DEFAULT 'issued' NOT NULL,
	"entry_id" uuid,
	"idem_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"picked_up_at" timestamp with time zone,
	"verified_by" uuid,
	"verified_by_name" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reward_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"provider_kind" text NOT NULL,
	"provider_name" text NOT NULL,
	"region_code" char(12) NOT NULL,
	"pickup_place" text NOT NULL,
	"price_points" integer NOT NULL,
	"stock" integer NOT NULL,
	"per_person_limit" integer,
	"status" text DEFAULT 'listed' NOT NULL,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reward_items_stock_ck" CHECK ("reward_items"."stock" >= 0),
	CONSTRAINT "reward_items_price_ck" CHECK ("reward_items"."price_points" > 0)
);
--> statement-breakpoint
CREATE TABLE "activity_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"signup_id" uuid,
	"checked_in_at" timestamp with time zone NOT NULL,
	"check_in_step" integer NOT NULL,
	"check_in_via" text NOT NULL,
	"checked_out_at" timestamp with time zone,
	"check_out_step" integer,
	"check_out_via" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_backfills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"to_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"reason" text NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_by_name" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"record_id" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"minutes" integer NOT NULL,
	"records" integer NOT NULL,
	"organization_id" uuid,
	"issuer_name" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"status" text DEFAULT 'valid' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_monthly" (
	"region_code" char(12) NOT NULL,
	"month" char(7) NOT NULL,
	"category" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"records" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_record_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"proposed" jsonb NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"new_record_id" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"activity_id" uuid,
	"organization_id" uuid NOT NULL,
	"region_code" char(12) NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"place" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"service_date" date NOT NULL,
	"minutes" integer NOT NULL,
	"source" text NOT NULL,
	"organizer_name" text NOT NULL,
	"leader_name" text,
	"recorder_id" uuid,
	"recorder_name" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"supersedes_id" uuid,
	"status" text DEFAULT 'valid' NOT NULL,
	"backfill_id" uuid,
	CONSTRAINT "service_records_minutes_ck" CHECK ("service_records"."minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "volunteer_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"awarded_by" text NOT NULL,
	"awarded_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_credit_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"event_id" uuid,
	"restriction_id" uuid,
	"reason" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_credit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"minutes" integer,
	"title" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"voided_at" timestamp with time zone,
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_restrictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"from_at" timestamp with time zone NOT NULL,
	"until_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid,
	"lifted_by_name" text,
	"lift_reason" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_totals" (
	"volunteer_id" uuid PRIMARY KEY NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"checkin_minutes" integer DEFAULT 0 NOT NULL,
	"backfill_minutes" integer DEFAULT 0 NOT NULL,
	"records" integer DEFAULT 0 NOT NULL,
	"last_service_date" date
);
--> statement-breakpoint
CREATE TABLE "volunteer_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"course" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"minutes" integer NOT NULL,
	"organizer" text NOT NULL,
	"held_on" date NOT NULL,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "volunteer_id" uuid;--> statement-breakpoint
ALTER TABLE "point_balances" ADD CONSTRAINT "point_balances_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_item_id_reward_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."reward_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendance" ADD CONSTRAINT "activity_attendance_activity_id_service_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."service_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendance" ADD CONSTRAINT "activity_attendance_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attendance" ADD CONSTRAINT "activity_attendance_signup_id_activity_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."activity_signups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_backfills" ADD CONSTRAINT "service_backfills_activity_id_service_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."service_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_backfills" ADD CONSTRAINT "service_backfills_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD CONSTRAINT "service_certificates_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_record_amendments" ADD CONSTRAINT "service_record_amendments_record_id_service_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."service_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_record_amendments" ADD CONSTRAINT "service_record_amendments_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_activity_id_service_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."service_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_awards" ADD CONSTRAINT "volunteer_awards_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credit_appeals" ADD CONSTRAINT "volunteer_credit_appeals_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credit_appeals" ADD CONSTRAINT "volunteer_credit_appeals_event_id_volunteer_credit_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."volunteer_credit_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credit_appeals" ADD CONSTRAINT "volunteer_credit_appeals_restriction_id_volunteer_restrictions_id_fk" FOREIGN KEY ("restriction_id") REFERENCES "public"."volunteer_restrictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credit_events" ADD CONSTRAINT "volunteer_credit_events_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_restrictions" ADD CONSTRAINT "volunteer_restrictions_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_totals" ADD CONSTRAINT "volunteer_totals_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "point_entries_idem_uq" ON "point_entries" USING btree ("idem_key");--> statement-breakpoint
CREATE INDEX "point_entries_volunteer_idx" ON "point_entries" USING btree ("volunteer_id","at");--> statement-breakpoint
CREATE INDEX "point_entries_expiry_idx" ON "point_entries" USING btree ("expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_idem_uq" ON "redemptions" USING btree ("idem_key");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_pickup_uq" ON "redemptions" USING btree ("pickup_code");--> statement-breakpoint
CREATE INDEX "redemptions_volunteer_idx" ON "redemptions" USING btree ("volunteer_id","created_at");--> statement-breakpoint
CREATE INDEX "redemptions_item_idx" ON "redemptions" USING btree ("item_id","state");--> statement-breakpoint
CREATE INDEX "reward_items_region_idx" ON "reward_items" USING btree ("region_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_attendance_uq" ON "activity_attendance" USING btree ("activity_id","volunteer_id");--> statement-breakpoint
CREATE INDEX "activity_attendance_volunteer_idx" ON "activity_attendance" USING btree ("volunteer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_backfills_pending_uq" ON "service_backfills" USING btree ("activity_id","volunteer_id") WHERE "service_backfills"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "service_backfills_activity_idx" ON "service_backfills" USING btree ("activity_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "service_certificates_number_uq" ON "service_certificates" USING btree ("number");--> statement-breakpoint
CREATE INDEX "service_certificates_volunteer_idx" ON "service_certificates" USING btree ("volunteer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_monthly_pk" ON "service_monthly" USING btree ("region_code","month","category","organization_id");--> statement-breakpoint
CREATE INDEX "service_monthly_month_idx" ON "service_monthly" USING btree ("month");--> statement-breakpoint
CREATE UNIQUE INDEX "service_record_amendments_pending_uq" ON "service_record_amendments" USING btree ("record_id") WHERE "service_record_amendments"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "service_record_amendments_volunteer_idx" ON "service_record_amendments" USING btree ("volunteer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_records_live_uq" ON "service_records" USING btree ("activity_id","volunteer_id") WHERE "service_records"."status" = 'valid' and "service_records"."activity_id" is not null;--> statement-breakpoint
CREATE INDEX "service_records_volunteer_idx" ON "service_records" USING btree ("volunteer_id","started_at");--> statement-breakpoint
CREATE INDEX "service_records_region_date_idx" ON "service_records" USING btree ("region_code","service_date");--> statement-breakpoint
CREATE INDEX "service_records_org_idx" ON "service_records" USING btree ("organization_id","service_date");--> statement-breakpoint
CREATE INDEX "volunteer_awards_volunteer_idx" ON "volunteer_awards" USING btree ("volunteer_id","awarded_on");--> statement-breakpoint
CREATE INDEX "volunteer_credit_appeals_volunteer_idx" ON "volunteer_credit_appeals" USING btree ("volunteer_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_credit_events_source_uq" ON "volunteer_credit_events" USING btree ("volunteer_id","kind","source_type","source_id") WHERE "volunteer_credit_events"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "volunteer_credit_events_volunteer_idx" ON "volunteer_credit_events" USING btree ("volunteer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "volunteer_restrictions_volunteer_idx" ON "volunteer_restrictions" USING btree ("volunteer_id","until_at");--> statement-breakpoint
CREATE INDEX "volunteer_trainings_volunteer_idx" ON "volunteer_trainings" USING btree ("volunteer_id","held_on");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_volunteer_id_unique" UNIQUE("volunteer_id");