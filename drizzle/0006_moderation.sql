CREATE TABLE "bazaar-vid_community_moderation_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"moderator_user_id" varchar(255),
	"action" varchar(50) NOT NULL,
	"reason" text NOT NULL,
	"reports_resolved" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bazaar-vid_community_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"reporter_user_id" varchar(255) NOT NULL,
	"reason" varchar(50) NOT NULL,
	"details" text,
	"status" varchar(50) DEFAULT 'open' NOT NULL,
	"resolution_action_id" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_moderation_actions" ADD CONSTRAINT "bazaar-vid_community_moderation_actions_template_id_bazaar-vid_community_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."bazaar-vid_community_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_moderation_actions" ADD CONSTRAINT "bazaar-vid_community_moderation_actions_moderator_user_id_bazaar-vid_user_id_fk" FOREIGN KEY ("moderator_user_id") REFERENCES "public"."bazaar-vid_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_reports" ADD CONSTRAINT "bazaar-vid_community_reports_template_id_bazaar-vid_community_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."bazaar-vid_community_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_reports" ADD CONSTRAINT "bazaar-vid_community_reports_reporter_user_id_bazaar-vid_user_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."bazaar-vid_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_reports" ADD CONSTRAINT "bazaar-vid_community_reports_resolution_action_id_bazaar-vid_community_moderation_actions_id_fk" FOREIGN KEY ("resolution_action_id") REFERENCES "public"."bazaar-vid_community_moderation_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_moderation_actions_template_idx" ON "bazaar-vid_community_moderation_actions" USING btree ("template_id","created_at");--> statement-breakpoint
CREATE INDEX "community_moderation_actions_created_idx" ON "bazaar-vid_community_moderation_actions" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "community_reports_one_open_idx" ON "bazaar-vid_community_reports" USING btree ("template_id","reporter_user_id") WHERE "bazaar-vid_community_reports"."status" = 'open';--> statement-breakpoint
CREATE INDEX "community_reports_status_idx" ON "bazaar-vid_community_reports" USING btree ("status","created_at");