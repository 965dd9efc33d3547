CREATE TABLE "bazaar-vid_community_metrics_daily" (
	"template_id" uuid NOT NULL,
	"day" date NOT NULL,
	"event_type" varchar(50) NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "bazaar-vid_community_metrics_daily_pkey" PRIMARY KEY("template_id","day","event_type")
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_metrics_daily" ADD CONSTRAINT "bazaar-vid_community_metrics_daily_template_id_bazaar-vid_community_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."bazaar-vid_community_templates"("id") ON DELETE cascade ON UPDATE no action;