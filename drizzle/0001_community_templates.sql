CREATE TABLE "bazaar-vid_community_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" varchar(255) NOT NULL,
	"title" varchar(255) NOT NULL,
	"description" text,
	"owner_user_id" varchar(255),
	"source_project_id" uuid,
	"thumbnail_url" text,
	"supported_formats" jsonb DEFAULT '["landscape","portrait","square"]'::jsonb,
	"tags" jsonb DEFAULT '[]'::jsonb,
	"category" varchar(100),
	"visibility" varchar(50) DEFAULT 'public',
	"status" varchar(50) DEFAULT 'active',
	"views_count" bigint DEFAULT 0 NOT NULL,
	"favorites_count" bigint DEFAULT 0 NOT NULL,
	"uses_count" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bazaar-vid_community_templates_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_templates" ADD CONSTRAINT "bazaar-vid_community_templates_owner_user_id_bazaar-vid_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."bazaar-vid_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_templates" ADD CONSTRAINT "bazaar-vid_community_templates_source_project_id_bazaar-vid_project_id_fk" FOREIGN KEY ("source_project_id") REFERENCES "public"."bazaar-vid_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_templates_owner_idx" ON "bazaar-vid_community_templates" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "community_templates_visibility_idx" ON "bazaar-vid_community_templates" USING btree ("visibility","status");--> statement-breakpoint
CREATE INDEX "community_templates_created_idx" ON "bazaar-vid_community_templates" USING btree ("created_at" DESC NULLS FIRST);