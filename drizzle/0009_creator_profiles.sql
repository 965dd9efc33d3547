CREATE TABLE "bazaar-vid_community_creator_profiles" (
	"user_id" varchar(255) PRIMARY KEY NOT NULL,
	"handle" varchar(30) NOT NULL,
	"handle_chosen" boolean DEFAULT false NOT NULL,
	"bio" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_creator_profiles" ADD CONSTRAINT "bazaar-vid_community_creator_profiles_user_id_bazaar-vid_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."bazaar-vid_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "community_creator_profiles_handle_idx" ON "bazaar-vid_community_creator_profiles" USING btree (lower("handle"));