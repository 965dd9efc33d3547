-- The gallery's listing tables (0013) follow community_templates through
-- triggers. Hand-written (drizzle-kit generate --custom): drizzle's schema cannot
-- express functions or triggers. docs/gallery.md ("Search at scale") explains
-- them. Additive: new functions and triggers, and the first fill of the two new
-- tables from the templates already there. The triggers are made before that
-- fill, in the same transaction (all pending migrations run in one), and
-- CREATE TRIGGER locks the templates against writes until it commits, so no
-- change made meanwhile can be missed.
-- Function bodies name their schema (the gallery search functions of 0007 do too).

-- What a listed template counts under: 'listed', each of its formats and each of
-- its tags (strings only, each once: what `@>` can match), all under its category
-- ('' for none).
CREATE OR REPLACE FUNCTION "bazaar_listing_facets"(template_category text, template_tags jsonb, template_formats jsonb)
	RETURNS TABLE (facet text, value text, category text)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
		SELECT 'listed', '', coalesce(template_category, '')
		UNION
		SELECT 'format', element #>> '{}', coalesce(template_category, '')
		FROM jsonb_array_elements(CASE WHEN jsonb_typeof(template_formats) = 'array' THEN template_formats ELSE '[]'::jsonb END) AS element
		WHERE jsonb_typeof(element) = 'string'
		UNION
		SELECT 'tag', element #>> '{}', coalesce(template_category, '')
		FROM jsonb_array_elements(CASE WHEN jsonb_typeof(template_tags) = 'array' THEN template_tags ELSE '[]'::jsonb END) AS element
		WHERE jsonb_typeof(element) = 'string'
	$$;--> statement-breakpoint

-- Inserts: one statement-level trigger, so a bulk load (the bench's 100,000 rows)
-- writes the search rows and the counts once, not once per template. Counts are
-- upserted in key order, so two transactions take their row locks in the same order.
CREATE OR REPLACE FUNCTION "bazaar_listing_templates_inserted"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO public."bazaar-vid_community_template_search" (template_id, listed, category, tags, formats, document)
		SELECT t.id, coalesce(t.visibility = 'public' AND t.status = 'active', false), t.category,
			coalesce(t.tags, '[]'::jsonb), coalesce(t.supported_formats, '[]'::jsonb),
			public."bazaar_template_search_document"(t.title, t.tags, t.description)
		FROM inserted_templates AS t;
		INSERT INTO public."bazaar-vid_community_listing_counts" AS counts (facet, value, category, templates)
		SELECT f.facet, f.value, f.category, count(*)
		FROM inserted_templates AS t, public."bazaar_listing_facets"(t.category, t.tags, t.supported_formats) AS f
		WHERE t.visibility = 'public' AND t.status = 'active'
		GROUP BY 1, 2, 3
		ORDER BY 1, 2, 3
		ON CONFLICT (facet, value, category) DO UPDATE SET templates = counts.templates + excluded.templates;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_templates_listing_inserted" AFTER INSERT ON "bazaar-vid_community_templates"
	REFERENCING NEW TABLE AS inserted_templates
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_listing_templates_inserted"();--> statement-breakpoint

-- Deletes: the search rows go with their template (ON DELETE CASCADE); the counts go down.
CREATE OR REPLACE FUNCTION "bazaar_listing_templates_deleted"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO public."bazaar-vid_community_listing_counts" AS counts (facet, value, category, templates)
		SELECT f.facet, f.value, f.category, -count(*)
		FROM deleted_templates AS t, public."bazaar_listing_facets"(t.category, t.tags, t.supported_formats) AS f
		WHERE t.visibility = 'public' AND t.status = 'active'
		GROUP BY 1, 2, 3
		ORDER BY 1, 2, 3
		ON CONFLICT (facet, value, category) DO UPDATE SET templates = counts.templates + excluded.templates;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_templates_listing_deleted" AFTER DELETE ON "bazaar-vid_community_templates"
	REFERENCING OLD TABLE AS deleted_templates
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_listing_templates_deleted"();--> statement-breakpoint

-- Updates: per row, and only when something the listing holds changed (the WHEN
-- clause), so the counters' updates (favorites, uses, the nightly views) never
-- call it.
CREATE OR REPLACE FUNCTION "bazaar_listing_template_updated"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO public."bazaar-vid_community_template_search" AS search (template_id, listed, category, tags, formats, document)
		VALUES (NEW.id, coalesce(NEW.visibility = 'public' AND NEW.status = 'active', false), NEW.category,
			coalesce(NEW.tags, '[]'::jsonb), coalesce(NEW.supported_formats, '[]'::jsonb),
			public."bazaar_template_search_document"(NEW.title, NEW.tags, NEW.description))
		ON CONFLICT (template_id) DO UPDATE SET listed = excluded.listed, category = excluded.category,
			tags = excluded.tags, formats = excluded.formats, document = excluded.document;
		INSERT INTO public."bazaar-vid_community_listing_counts" AS counts (facet, value, category, templates)
		SELECT changes.facet, changes.value, changes.category, sum(changes.delta)
		FROM (
			SELECT f.facet, f.value, f.category, -1 AS delta
			FROM public."bazaar_listing_facets"(OLD.category, OLD.tags, OLD.supported_formats) AS f
			WHERE OLD.visibility = 'public' AND OLD.status = 'active'
			UNION ALL
			SELECT f.facet, f.value, f.category, 1
			FROM public."bazaar_listing_facets"(NEW.category, NEW.tags, NEW.supported_formats) AS f
			WHERE NEW.visibility = 'public' AND NEW.status = 'active'
		) AS changes
		GROUP BY 1, 2, 3
		HAVING sum(changes.delta) <> 0
		ORDER BY 1, 2, 3
		ON CONFLICT (facet, value, category) DO UPDATE SET templates = counts.templates + excluded.templates;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_templates_listing_updated" AFTER UPDATE ON "bazaar-vid_community_templates"
	FOR EACH ROW
	WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description
		OR OLD.tags IS DISTINCT FROM NEW.tags OR OLD.category IS DISTINCT FROM NEW.category
		OR OLD.supported_formats IS DISTINCT FROM NEW.supported_formats
		OR OLD.visibility IS DISTINCT FROM NEW.visibility OR OLD.status IS DISTINCT FROM NEW.status)
	EXECUTE FUNCTION public."bazaar_listing_template_updated"();--> statement-breakpoint

-- The first fill, from the templates already there.
INSERT INTO "bazaar-vid_community_template_search" (template_id, listed, category, tags, formats, document)
SELECT t.id, coalesce(t.visibility = 'public' AND t.status = 'active', false), t.category,
	coalesce(t.tags, '[]'::jsonb), coalesce(t.supported_formats, '[]'::jsonb),
	"bazaar_template_search_document"(t.title, t.tags, t.description)
FROM "bazaar-vid_community_templates" AS t
ON CONFLICT (template_id) DO NOTHING;--> statement-breakpoint
INSERT INTO "bazaar-vid_community_listing_counts" (facet, value, category, templates)
SELECT f.facet, f.value, f.category, count(*)
FROM "bazaar-vid_community_templates" AS t, "bazaar_listing_facets"(t.category, t.tags, t.supported_formats) AS f
WHERE t.visibility = 'public' AND t.status = 'active'
GROUP BY 1, 2, 3
ON CONFLICT (facet, value, category) DO NOTHING;
