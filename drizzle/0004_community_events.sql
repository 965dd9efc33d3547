CREATE TABLE "bazaar-vid_community_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"user_id" varchar(255),
	"event_type" varchar(50) NOT NULL,
	"source" varchar(50),
	"project_id" uuid,
	"scene_count" integer,
	"referrer" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_events" ADD CONSTRAINT "bazaar-vid_community_events_template_id_bazaar-vid_community_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."bazaar-vid_community_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_events_template_idx" ON "bazaar-vid_community_events" USING btree ("template_id","created_at");--> statement-breakpoint
CREATE INDEX "community_events_type_idx" ON "bazaar-vid_community_events" USING btree ("event_type","created_at");