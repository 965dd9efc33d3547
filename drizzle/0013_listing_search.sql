CREATE TABLE "bazaar-vid_community_listing_counts" (
	"facet" varchar(20) NOT NULL,
	"value" text NOT NULL,
	"category" varchar(100) NOT NULL,
	"templates" integer NOT NULL,
	CONSTRAINT "bazaar-vid_community_listing_counts_pkey" PRIMARY KEY("facet","value","category")
);
--> statement-breakpoint
CREATE TABLE "bazaar-vid_community_template_search" (
	"template_id" uuid PRIMARY KEY NOT NULL,
	"listed" boolean NOT NULL,
	"category" varchar(100),
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"formats" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"document" "tsvector" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_template_search" ADD CONSTRAINT "bazaar-vid_community_template_search_template_id_bazaar-vid_community_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."bazaar-vid_community_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "community_template_search_document_idx" ON "bazaar-vid_community_template_search" USING gin ("document") WHERE "bazaar-vid_community_template_search"."listed";