CREATE TABLE "bazaar-vid_community_template_renders" (
	"template_id" uuid PRIMARY KEY NOT NULL,
	"status" varchar(20) DEFAULT 'pending' NOT NULL,
	"scenes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failing_scene_index" integer,
	"failure_message" text,
	"social_image_sha256" text,
	"motion_sha256" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rendered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_template_renders" ADD CONSTRAINT "bazaar-vid_community_template_renders_template_id_bazaar-vid_community_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."bazaar-vid_community_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_template_renders_status_idx" ON "bazaar-vid_community_template_renders" USING btree ("status");