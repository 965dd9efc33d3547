CREATE TABLE "bazaar-vid_community_media_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"content_type" varchar(255) NOT NULL,
	"byte_size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bazaar-vid_community_scene_media" (
	"code_hash" text NOT NULL,
	"source_url" text NOT NULL,
	"media_sha256" text NOT NULL,
	"copied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bazaar-vid_community_scene_media_pkey" PRIMARY KEY("code_hash","source_url")
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_scene_media" ADD CONSTRAINT "bazaar-vid_community_scene_media_media_sha256_bazaar-vid_community_media_files_sha256_fk" FOREIGN KEY ("media_sha256") REFERENCES "public"."bazaar-vid_community_media_files"("sha256") ON DELETE no action ON UPDATE no action;