-- Stored trending scores (docs/decisions/014-stored-trending-scores.md). The tables
-- and the index are drizzle-kit's; the functions, triggers and first fill below are
-- hand-written (drizzle's schema cannot express them). Additive: new tables, an
-- index, functions, triggers, and the first fill of the new tables.
CREATE TABLE "bazaar-vid_community_trending_scores" (
	"template_id" uuid PRIMARY KEY NOT NULL,
	"score" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bazaar-vid_community_trending_window" (
	"single" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"since" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bazaar-vid_community_trending_scores" ADD CONSTRAINT "bazaar-vid_community_trending_scores_template_id_bazaar-vid_community_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."bazaar-vid_community_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bazaar-vid_community_trending_scores_score_idx" ON "bazaar-vid_community_trending_scores" USING btree ("score" DESC NULLS LAST,"template_id" DESC NULLS LAST);--> statement-breakpoint

-- How much one event of a type weighs in trending. Inlined where it is called
-- (a SQL function of one CASE), so summing with it costs what the CASE did.
CREATE OR REPLACE FUNCTION "bazaar_trending_weight"(event_type varchar) RETURNS integer
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
		SELECT CASE event_type
			WHEN 'view' THEN 1 WHEN 'click' THEN 1 WHEN 'prompt' THEN 2
			WHEN 'favorite' THEN 4 WHEN 'use' THEN 8 WHEN 'mix' THEN 8
			ELSE 0 END
	$$;--> statement-breakpoint

-- Any write to the daily metrics adds what it changed to the scores, whoever
-- writes (the aggregation, the seed, a bench's bulk load, a test, an operator's
-- SQL, the cascade from a deleted template): + the rows written, - the rows
-- removed, counting only days from the window's first on. Adding differences
-- rather than recounting keeps two writers of the same template right: each
-- adds its own part under the score row's lock, whatever the other has not yet
-- committed. A score that falls to 0 loses its row (the gallery reads a
-- missing row as 0). The window's row is read FOR SHARE: a refresh moving the
-- window (FOR UPDATE) waits for this writer to commit, or this writer for the
-- refresh, and then adds to the moved window's scores.
CREATE OR REPLACE FUNCTION "bazaar_trending_metrics_changed"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	DECLARE
		window_since date;
	BEGIN
		SELECT since INTO window_since FROM public."bazaar-vid_community_trending_window" FOR SHARE;
		IF window_since IS NULL THEN
			RETURN NULL;
		END IF;
		IF TG_OP = 'TRUNCATE' THEN
			DELETE FROM public."bazaar-vid_community_trending_scores";
			RETURN NULL;
		END IF;
		-- Templates in key order, so two writers take the score rows' locks in the same order.
		-- A template deleted in this statement (the cascade to its metrics) gets no row.
		IF TG_OP = 'INSERT' THEN
			INSERT INTO public."bazaar-vid_community_trending_scores" AS scores (template_id, score)
			SELECT template_id, sum(count * public.bazaar_trending_weight(event_type)) FROM new_rows
			WHERE day >= window_since GROUP BY template_id
			HAVING sum(count * public.bazaar_trending_weight(event_type)) <> 0
			ORDER BY template_id
			ON CONFLICT (template_id) DO UPDATE SET score = scores.score + excluded.score;
		ELSIF TG_OP = 'DELETE' THEN
			INSERT INTO public."bazaar-vid_community_trending_scores" AS scores (template_id, score)
			SELECT template_id, -sum(count * public.bazaar_trending_weight(event_type)) FROM old_rows
			WHERE day >= window_since
				AND EXISTS (SELECT 1 FROM public."bazaar-vid_community_templates" AS templates WHERE templates.id = old_rows.template_id)
			GROUP BY template_id HAVING sum(count * public.bazaar_trending_weight(event_type)) <> 0
			ORDER BY template_id
			ON CONFLICT (template_id) DO UPDATE SET score = scores.score + excluded.score;
		ELSE
			INSERT INTO public."bazaar-vid_community_trending_scores" AS scores (template_id, score)
			SELECT changes.template_id, sum(changes.delta) FROM (
				SELECT template_id, count * public.bazaar_trending_weight(event_type) AS delta FROM new_rows WHERE day >= window_since
				UNION ALL
				SELECT template_id, -count * public.bazaar_trending_weight(event_type) FROM old_rows WHERE day >= window_since
			) AS changes
			GROUP BY changes.template_id HAVING sum(changes.delta) <> 0
			ORDER BY changes.template_id
			ON CONFLICT (template_id) DO UPDATE SET score = scores.score + excluded.score;
		END IF;
		-- Through the score index: only what fell to 0 (a delete, an update lowering a count).
		-- A negative delta always lands on an existing row (it removes what was added), so no
		-- row is ever inserted below 0 for long.
		DELETE FROM public."bazaar-vid_community_trending_scores" WHERE score <= 0;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_metrics_daily_trending_inserted" AFTER INSERT ON "bazaar-vid_community_metrics_daily"
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_trending_metrics_changed"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_metrics_daily_trending_deleted" AFTER DELETE ON "bazaar-vid_community_metrics_daily"
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_trending_metrics_changed"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_metrics_daily_trending_updated" AFTER UPDATE ON "bazaar-vid_community_metrics_daily"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_trending_metrics_changed"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_metrics_daily_trending_emptied" AFTER TRUNCATE ON "bazaar-vid_community_metrics_daily"
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_trending_metrics_changed"();--> statement-breakpoint

-- Moves the window to start on `new_since` and recounts every score from the
-- daily metrics, when it starts elsewhere (the nightly aggregation calls it
-- each run; a window already there is left as the triggers keep it). Answers
-- whether it moved. The window's row is locked first (FOR UPDATE), in its own
-- statement, so the recount's snapshot holds every metrics write that
-- committed before it, and any later writer adds to the new window.
CREATE OR REPLACE FUNCTION "bazaar_refresh_trending_scores"(new_since date) RETURNS boolean
	LANGUAGE plpgsql
	AS $$
	DECLARE
		current_since date;
	BEGIN
		SELECT since INTO current_since FROM public."bazaar-vid_community_trending_window" FOR UPDATE;
		IF current_since = new_since THEN
			RETURN false;
		END IF;
		INSERT INTO public."bazaar-vid_community_trending_window" (single, since) VALUES (true, new_since)
		ON CONFLICT (single) DO UPDATE SET since = excluded.since;
		WITH recounted AS (
			SELECT template_id, sum(count * public.bazaar_trending_weight(event_type)) AS score
			FROM public."bazaar-vid_community_metrics_daily" WHERE day >= new_since
			GROUP BY template_id HAVING sum(count * public.bazaar_trending_weight(event_type)) > 0
		),
		gone AS (
			DELETE FROM public."bazaar-vid_community_trending_scores" AS scores
			WHERE NOT EXISTS (SELECT 1 FROM recounted WHERE recounted.template_id = scores.template_id)
		)
		INSERT INTO public."bazaar-vid_community_trending_scores" AS scores (template_id, score)
		SELECT template_id, score FROM recounted ORDER BY template_id
		ON CONFLICT (template_id) DO UPDATE SET score = excluded.score WHERE scores.score <> excluded.score;
		RETURN true;
	END
	$$;--> statement-breakpoint

-- The first fill: the last 7 UTC days, as the gallery counted them until now.
SELECT "bazaar_refresh_trending_scores"((now() AT TIME ZONE 'utc')::date - 6);
