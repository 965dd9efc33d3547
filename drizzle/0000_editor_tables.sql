-- The editor (bazaar-vid) owns these three tables and has them already in its
-- database: everything here is IF NOT EXISTS (duplicate constraints ignored),
-- so this migration is a no-op there and builds the editor's own shapes elsewhere.
-- docs/decisions/003-editor-tables-as-the-editor-has-them.md tells why this file
-- was rewritten in place.
CREATE TABLE IF NOT EXISTS "bazaar-vid_project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"userId" varchar(255) NOT NULL,
	"title" varchar(255) NOT NULL,
	"props" jsonb NOT NULL,
	"isWelcome" boolean DEFAULT true NOT NULL,
	"createdAt" timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
	"audio" jsonb,
	"isFavorite" boolean DEFAULT false NOT NULL,
	"audio_updated_at" timestamp with time zone,
	"revision" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "bazaar-vid_scene" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"projectId" uuid NOT NULL,
	"order" integer DEFAULT 0 NOT NULL,
	"name" varchar(255) DEFAULT 'Scene' NOT NULL,
	"tsxCode" text NOT NULL,
	"props" jsonb,
	"duration" integer DEFAULT 150 NOT NULL,
	"publishedUrl" text,
	"publishedHash" text,
	"publishedAt" timestamp with time zone,
	"createdAt" timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
	"layout_json" text,
	"slug" varchar(255),
	"dominantColors" jsonb,
	"firstH1Text" text,
	"lastFocused" boolean DEFAULT false,
	"js_code" text,
	"js_compiled_at" timestamp with time zone,
	"compilation_error" text,
	"deleted_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "bazaar-vid_user" (
	"id" varchar(255) PRIMARY KEY NOT NULL,
	"name" varchar(255),
	"email" varchar(255) NOT NULL,
	"emailVerified" timestamp with time zone,
	"image" text,
	"isAdmin" boolean DEFAULT false NOT NULL,
	"createdAt" timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
	"updatedAt" timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
	"stripe_customer_id" text,
	CONSTRAINT "bazaar-vid_user_stripe_customer_id_unique" UNIQUE("stripe_customer_id")
);
--> statement-breakpoint
DO $$ BEGIN
 ALTER TABLE "bazaar-vid_project" ADD CONSTRAINT "bazaar-vid_project_userId_bazaar-vid_user_id_fk" FOREIGN KEY ("userId") REFERENCES "public"."bazaar-vid_user"("id") ON DELETE no action ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;--> statement-breakpoint
DO $$ BEGIN
 ALTER TABLE "bazaar-vid_scene" ADD CONSTRAINT "bazaar-vid_scene_projectId_bazaar-vid_project_id_fk" FOREIGN KEY ("projectId") REFERENCES "public"."bazaar-vid_project"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "project_user_idx" ON "bazaar-vid_project" USING btree ("userId");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "project_title_idx" ON "bazaar-vid_project" USING btree ("title");--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "project_unique_name" ON "bazaar-vid_project" USING btree ("userId","title");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "scene_project_idx" ON "bazaar-vid_scene" USING btree ("projectId");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "scene_order_idx" ON "bazaar-vid_scene" USING btree ("projectId","order");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "scene_publish_idx" ON "bazaar-vid_scene" USING btree ("projectId","publishedHash");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_scene_compilation_status" ON "bazaar-vid_scene" USING btree ("js_compiled_at") WHERE js_code IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "idx_scene_needs_compilation" ON "bazaar-vid_scene" USING btree ("id") WHERE js_code IS NULL AND compilation_error IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "scene_deleted_at_idx" ON "bazaar-vid_scene" USING btree ("deleted_at");
