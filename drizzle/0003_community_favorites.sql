CREATE TABLE "bazaar-vid_community_favorites" (
	"user_id" varchar(255) NOT NULL,
	"template_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bazaar-vid_community_favorites_pkey" PRIMARY KEY("user_id","template_id")
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_favorites" ADD CONSTRAINT "bazaar-vid_community_favorites_user_id_bazaar-vid_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."bazaar-vid_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_favorites" ADD CONSTRAINT "bazaar-vid_community_favorites_template_id_bazaar-vid_community_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."bazaar-vid_community_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_favorites_template_idx" ON "bazaar-vid_community_favorites" USING btree ("template_id");