CREATE TABLE "bazaar-vid_community_template_scenes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"scene_index" integer NOT NULL,
	"title" varchar(255),
	"tsx_code" text NOT NULL,
	"duration" integer NOT NULL,
	"preview_frame" integer DEFAULT 15,
	"code_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_template_scenes_template_id_scene_index_key" UNIQUE("template_id","scene_index")
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_template_scenes" ADD CONSTRAINT "bazaar-vid_community_template_scenes_template_id_bazaar-vid_community_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."bazaar-vid_community_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_template_scenes_template_idx" ON "bazaar-vid_community_template_scenes" USING btree ("template_id");