CREATE TABLE "bazaar-vid_community_template_version_scenes" (
	"version_id" uuid NOT NULL,
	"scene_index" integer NOT NULL,
	"title" varchar(255),
	"tsx_code" text NOT NULL,
	"duration" integer NOT NULL,
	"preview_frame" integer,
	"code_hash" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bazaar-vid_community_template_version_scenes_pkey" PRIMARY KEY("version_id","scene_index")
);
--> statement-breakpoint
CREATE TABLE "bazaar-vid_community_template_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"note" text,
	"scene_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_template_version_scenes" ADD CONSTRAINT "bazaar-vid_community_template_version_scenes_version_id_bazaar-vid_community_template_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."bazaar-vid_community_template_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_template_versions" ADD CONSTRAINT "bazaar-vid_community_template_versions_template_id_bazaar-vid_community_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."bazaar-vid_community_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "community_template_versions_template_version_idx" ON "bazaar-vid_community_template_versions" USING btree ("template_id","version");