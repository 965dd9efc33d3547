-- A digest per UTC day of what the nightly aggregation last wrote into
-- community_metrics_daily (docs/events.md, "The nightly aggregation";
-- decision 011). The table is drizzle-kit's; the triggers below are
-- hand-written (drizzle's schema cannot express them). Additive: a new table,
-- new functions and triggers, and the first fill of the new table.
CREATE TABLE "bazaar-vid_community_metrics_digests" (
	"day" date PRIMARY KEY NOT NULL,
	"events" bigint,
	"groups" integer,
	"checksum" bigint
);
--> statement-breakpoint

-- Any write to a day's metrics rows makes that day's digest unknown (a row with
-- null digest: the next run compares that day row by row). Whoever writes, the
-- aggregation itself included (it then records the digest of what it wrote),
-- the demo seed, a bench's bulk load, a test, an operator's SQL, the cascade
-- from a deleted template: a digest can only be known while nothing has touched
-- its day since the aggregation recorded it. Days in ascending order, so two
-- writers take the digest rows' locks in the same order.
CREATE OR REPLACE FUNCTION "bazaar_metrics_days_written"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO public."bazaar-vid_community_metrics_digests" AS digests (day)
		SELECT DISTINCT day FROM written_rows ORDER BY day
		ON CONFLICT (day) DO UPDATE SET events = NULL, groups = NULL, checksum = NULL;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
-- An update may move a row to another day: both days.
CREATE OR REPLACE FUNCTION "bazaar_metrics_days_updated"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO public."bazaar-vid_community_metrics_digests" AS digests (day)
		SELECT day FROM old_rows UNION SELECT day FROM new_rows ORDER BY day
		ON CONFLICT (day) DO UPDATE SET events = NULL, groups = NULL, checksum = NULL;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
-- Emptying the table touches every day that had rows, and each of those has a digest row.
CREATE OR REPLACE FUNCTION "bazaar_metrics_emptied"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO public."bazaar-vid_community_metrics_digests" AS digests (day)
		SELECT day FROM public."bazaar-vid_community_metrics_digests" ORDER BY day
		ON CONFLICT (day) DO UPDATE SET events = NULL, groups = NULL, checksum = NULL;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
-- Statement-level: a run or a bulk load that writes 500,000 rows marks each of its days once.
CREATE OR REPLACE TRIGGER "community_metrics_daily_inserted" AFTER INSERT ON "bazaar-vid_community_metrics_daily"
	REFERENCING NEW TABLE AS written_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_metrics_days_written"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_metrics_daily_deleted" AFTER DELETE ON "bazaar-vid_community_metrics_daily"
	REFERENCING OLD TABLE AS written_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_metrics_days_written"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_metrics_daily_updated" AFTER UPDATE ON "bazaar-vid_community_metrics_daily"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_metrics_days_updated"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_metrics_daily_emptied" AFTER TRUNCATE ON "bazaar-vid_community_metrics_daily"
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_metrics_emptied"();--> statement-breakpoint

-- The days already aggregated, with their digests unknown: the first run after
-- this migration compares each of them row by row (as every run did before) and
-- records their digests. After the triggers, in the same transaction (all
-- pending migrations run in one, and CREATE TRIGGER holds off writes to the
-- metrics until it commits), so no day written meanwhile can be missed.
INSERT INTO "bazaar-vid_community_metrics_digests" (day)
SELECT DISTINCT day FROM "bazaar-vid_community_metrics_daily" ORDER BY day;
