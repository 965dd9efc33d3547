-- The editor (bazaar-vid) owns these three tables and may have created them
-- already: everything here is IF NOT EXISTS so the migration is a no-op there.
CREATE TABLE IF NOT EXISTS "bazaar-vid_project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" varchar(255) NOT NULL,
	"title" varchar(255) NOT NULL,
	"props" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_unique_name" UNIQUE("user_id","title")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "bazaar-vid_scene" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"order" integer DEFAULT 0 NOT NULL,
	"name" varchar(255) DEFAULT 'Scene' NOT NULL,
	"tsx_code" text NOT NULL,
	"duration" integer DEFAULT 150 NOT NULL,
	"props" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "bazaar-vid_user" (
	"id" varchar(255) PRIMARY KEY NOT NULL,
	"name" varchar(255),
	"email" varchar(255),
	"image" varchar(255),
	"is_admin" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
DO $$ BEGIN
 ALTER TABLE "bazaar-vid_project" ADD CONSTRAINT "bazaar-vid_project_user_id_bazaar-vid_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."bazaar-vid_user"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;--> statement-breakpoint
DO $$ BEGIN
 ALTER TABLE "bazaar-vid_scene" ADD CONSTRAINT "bazaar-vid_scene_project_id_bazaar-vid_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."bazaar-vid_project"("id") ON DELETE cascade ON UPDATE no action;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "project_user_idx" ON "bazaar-vid_project" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "scene_project_idx" ON "bazaar-vid_scene" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "scene_order_idx" ON "bazaar-vid_scene" USING btree ("project_id","order");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "user_email_idx" ON "bazaar-vid_user" USING btree ("email");