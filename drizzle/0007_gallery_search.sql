-- Gallery search and listing indexes (issue 3). Hand-written (drizzle-kit
-- generate --custom): drizzle's schema cannot express an index on a function
-- call, so these indexes live only here; docs/gallery.md explains them.
-- Every statement is additive and idempotent (IF NOT EXISTS / OR REPLACE).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change), so it cannot sit in
-- an index expression. This wrapper names the dictionary explicitly and is
-- declared IMMUTABLE: the usual, documented trick. Function bodies name their
-- schema: PostgreSQL 17+ builds indexes with a restricted search_path.
CREATE OR REPLACE FUNCTION "bazaar_unaccent"(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
-- The weighted search document: title (A) > tags (B) > description (C).
-- 'simple' (no stemming) so prefix queries such as `anim:*` match "animation".
CREATE OR REPLACE FUNCTION "bazaar_template_search_document"(title text, tags jsonb, description text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
		SELECT setweight(to_tsvector('simple'::regconfig, public."bazaar_unaccent"(coalesce(title, ''))), 'A')
			|| setweight(to_tsvector('simple'::regconfig, public."bazaar_unaccent"(coalesce(tags::text, ''))), 'B')
			|| setweight(to_tsvector('simple'::regconfig, public."bazaar_unaccent"(coalesce(description, ''))), 'C')
	$$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "community_templates_search_idx" ON "bazaar-vid_community_templates"
	USING gin ("bazaar_template_search_document"("title", "tags", "description"))
	WHERE "visibility" = 'public' AND "status" = 'active';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "community_templates_tags_idx" ON "bazaar-vid_community_templates"
	USING gin ("tags" jsonb_path_ops)
	WHERE "visibility" = 'public' AND "status" = 'active';--> statement-breakpoint
-- Keyset orders of the listed templates, one per sort (all descending, id breaks ties).
CREATE INDEX IF NOT EXISTS "community_templates_listed_new_idx" ON "bazaar-vid_community_templates"
	USING btree ("created_at" DESC, "id" DESC)
	WHERE "visibility" = 'public' AND "status" = 'active';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "community_templates_listed_popular_idx" ON "bazaar-vid_community_templates"
	USING btree (("views_count" + 3 * "favorites_count" + 5 * "uses_count") DESC, "id" DESC)
	WHERE "visibility" = 'public' AND "status" = 'active';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "community_templates_listed_most_used_idx" ON "bazaar-vid_community_templates"
	USING btree ("uses_count" DESC, "id" DESC)
	WHERE "visibility" = 'public' AND "status" = 'active';--> statement-breakpoint
-- Trending reads the last 7 days of every template: a range on day.
CREATE INDEX IF NOT EXISTS "community_metrics_daily_day_idx" ON "bazaar-vid_community_metrics_daily" USING btree ("day");
