-- The search's inverted index as a btree (docs/decisions/012-search-terms-index.md).
-- Hand-written from drizzle-kit's CREATE TABLE (its schema cannot express a column's
-- collation, a primary key's INCLUDE, functions or triggers). Additive: a new table,
-- functions and triggers, and the first fill from the search rows already there
-- (after the triggers, in the same transaction, as 0014 does).
-- One row per listed template and each lexeme of its search document ('word') or
-- each of its tags ('tag'). The primary key INCLUDEs everything a search reads, so
-- a search's matches come from an index-only scan. "term" sorts bytewise
-- (COLLATE "C"): every lexeme that starts with a prefix sits in one range, and
-- starts_with() and tsquery prefix matching compare bytes too.
CREATE TABLE "bazaar-vid_community_template_terms" (
	"kind" varchar(4) NOT NULL,
	"term" text COLLATE "C" NOT NULL,
	"template_id" uuid NOT NULL,
	"category" varchar(100) NOT NULL,
	"formats" smallint NOT NULL,
	"rank" real,
	CONSTRAINT "bazaar-vid_community_template_terms_pkey" PRIMARY KEY("kind","term","template_id")
		INCLUDE ("category", "formats", "rank")
);--> statement-breakpoint

-- How many listed templates hold each lexeme, per category and formats: a one-word
-- search's counts without counting the word's rows. Rows are never removed (0 stays).
CREATE TABLE "bazaar-vid_community_template_term_counts" (
	"term" text COLLATE "C" NOT NULL,
	"category" varchar(100) NOT NULL,
	"formats" smallint NOT NULL,
	"templates" integer NOT NULL,
	CONSTRAINT "bazaar-vid_community_template_term_counts_pkey" PRIMARY KEY("term","category","formats")
);--> statement-breakpoint

-- A template's formats as bits, 1 << the format's place in FORMATS (app/vocabulary.ts):
-- what `formats @> '["portrait"]'` asks, as `formats & 2 <> 0`.
CREATE OR REPLACE FUNCTION "bazaar_format_bits"(formats jsonb) RETURNS smallint
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
		SELECT ((CASE WHEN formats @> '["landscape"]' THEN 1 ELSE 0 END)
			| (CASE WHEN formats @> '["portrait"]' THEN 2 ELSE 0 END)
			| (CASE WHEN formats @> '["square"]' THEN 4 ELSE 0 END))::smallint
	$$;--> statement-breakpoint

-- The rows of one search row. A word's rank is ts_rank of the document for the
-- lexeme alone (a tsquery made from the lexeme as it is, quoted, not parsed again):
-- ts_rank of a one-word prefix search adds one such part per lexeme of the document
-- that the prefix matches, so where it matches one lexeme, this is its rank exactly.
CREATE OR REPLACE FUNCTION "bazaar_template_terms"(template uuid, template_category text, template_tags jsonb, template_formats jsonb, search_document tsvector)
	RETURNS TABLE (kind text, term text, template_id uuid, category text, formats smallint, rank real)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
		SELECT 'word', word.lexeme, $1, coalesce($2, ''), public."bazaar_format_bits"($4),
			ts_rank($5, ('''' || replace(replace(word.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery)
		FROM unnest($5) AS word
		UNION ALL
		SELECT DISTINCT 'tag', element #>> '{}', $1, coalesce($2, ''), public."bazaar_format_bits"($4), null::real
		FROM jsonb_array_elements(CASE WHEN jsonb_typeof($3) = 'array' THEN $3 ELSE '[]'::jsonb END) AS element
		WHERE jsonb_typeof(element) = 'string'
	$$;--> statement-breakpoint

-- The lexemes that start with `prefix`, in order, at most `most` of them: a skip
-- over the primary key, one descent per lexeme, however many templates hold each.
CREATE OR REPLACE FUNCTION "bazaar_word_terms"(prefix text, most integer) RETURNS SETOF text
	LANGUAGE sql STABLE PARALLEL SAFE
	AS $$
		WITH RECURSIVE found(term, n) AS (
			(SELECT t.term, 1 FROM public."bazaar-vid_community_template_terms" AS t
			WHERE t.kind = 'word' AND t.term >= prefix ORDER BY t.term LIMIT 1)
			UNION ALL
			SELECT following.term, found.n + 1
			FROM found, LATERAL (
				SELECT t.term FROM public."bazaar-vid_community_template_terms" AS t
				WHERE t.kind = 'word' AND t.term > found.term ORDER BY t.term LIMIT 1
			) AS following
			WHERE found.n < most AND starts_with(found.term, prefix)
		)
		SELECT term FROM found WHERE starts_with(term, prefix)
	$$;--> statement-breakpoint

-- The triggers follow community_template_search (itself kept from the templates by
-- 0014): statement-level, so a bulk load writes the terms once. Only listed rows have
-- terms and are counted. Counts are upserted in key order, so two transactions take
-- their row locks in the same order (after 0014's listing counts, in every trigger).
CREATE OR REPLACE FUNCTION "bazaar_search_rows_inserted"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		INSERT INTO public."bazaar-vid_community_template_terms" (kind, term, template_id, category, formats, rank)
		SELECT terms.* FROM inserted_rows AS s,
			public."bazaar_template_terms"(s.template_id, s.category, s.tags, s.formats, s.document) AS terms
		WHERE s.listed;
		INSERT INTO public."bazaar-vid_community_template_term_counts" AS counts (term, category, formats, templates)
		SELECT word.lexeme, coalesce(s.category, ''), public."bazaar_format_bits"(s.formats), count(*)
		FROM inserted_rows AS s, unnest(s.document) AS word
		WHERE s.listed
		GROUP BY 1, 2, 3
		ORDER BY 1, 2, 3
		ON CONFLICT (term, category, formats) DO UPDATE SET templates = counts.templates + excluded.templates;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_template_search_terms_inserted" AFTER INSERT ON "bazaar-vid_community_template_search"
	REFERENCING NEW TABLE AS inserted_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_search_rows_inserted"();--> statement-breakpoint

-- Deletes (and the old side of updates): the rows are found by key from the old search row.
CREATE OR REPLACE FUNCTION "bazaar_search_rows_deleted"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		DELETE FROM public."bazaar-vid_community_template_terms" AS terms
		USING (
			SELECT gone.kind, gone.term, gone.template_id FROM deleted_rows AS s,
				public."bazaar_template_terms"(s.template_id, s.category, s.tags, s.formats, s.document) AS gone
			WHERE s.listed
		) AS gone
		WHERE terms.kind = gone.kind AND terms.term = gone.term AND terms.template_id = gone.template_id;
		INSERT INTO public."bazaar-vid_community_template_term_counts" AS counts (term, category, formats, templates)
		SELECT word.lexeme, coalesce(s.category, ''), public."bazaar_format_bits"(s.formats), -count(*)
		FROM deleted_rows AS s, unnest(s.document) AS word
		WHERE s.listed
		GROUP BY 1, 2, 3
		ORDER BY 1, 2, 3
		ON CONFLICT (term, category, formats) DO UPDATE SET templates = counts.templates + excluded.templates;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_template_search_terms_deleted" AFTER DELETE ON "bazaar-vid_community_template_search"
	REFERENCING OLD TABLE AS deleted_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_search_rows_deleted"();--> statement-breakpoint

-- Updates (0014's upsert of a changed template): the old rows go, the new ones come.
CREATE OR REPLACE FUNCTION "bazaar_search_rows_updated"() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
	BEGIN
		DELETE FROM public."bazaar-vid_community_template_terms" AS terms
		USING (
			SELECT gone.kind, gone.term, gone.template_id FROM old_rows AS s,
				public."bazaar_template_terms"(s.template_id, s.category, s.tags, s.formats, s.document) AS gone
			WHERE s.listed
		) AS gone
		WHERE terms.kind = gone.kind AND terms.term = gone.term AND terms.template_id = gone.template_id;
		INSERT INTO public."bazaar-vid_community_template_terms" (kind, term, template_id, category, formats, rank)
		SELECT terms.* FROM new_rows AS s,
			public."bazaar_template_terms"(s.template_id, s.category, s.tags, s.formats, s.document) AS terms
		WHERE s.listed;
		INSERT INTO public."bazaar-vid_community_template_term_counts" AS counts (term, category, formats, templates)
		SELECT changes.term, changes.category, changes.formats, sum(changes.delta)
		FROM (
			SELECT word.lexeme AS term, coalesce(s.category, '') AS category, public."bazaar_format_bits"(s.formats) AS formats, -1 AS delta
			FROM old_rows AS s, unnest(s.document) AS word WHERE s.listed
			UNION ALL
			SELECT word.lexeme, coalesce(s.category, ''), public."bazaar_format_bits"(s.formats), 1
			FROM new_rows AS s, unnest(s.document) AS word WHERE s.listed
		) AS changes
		GROUP BY 1, 2, 3
		HAVING sum(changes.delta) <> 0
		ORDER BY 1, 2, 3
		ON CONFLICT (term, category, formats) DO UPDATE SET templates = counts.templates + excluded.templates;
		RETURN NULL;
	END
	$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "community_template_search_terms_updated" AFTER UPDATE ON "bazaar-vid_community_template_search"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION public."bazaar_search_rows_updated"();--> statement-breakpoint

-- The first fill, from the search rows already there, in key order: into the empty
-- index, its pages fill up instead of splitting in half (104 MB rather than 138 on
-- the bench's 100,000 templates). The triggers insert in the order rows come: into
-- an index that already spans every key, sorted inserts split each page in half
-- and never come back to it (183 MB when the bench's seed did).
INSERT INTO "bazaar-vid_community_template_terms" (kind, term, template_id, category, formats, rank)
SELECT terms.* FROM "bazaar-vid_community_template_search" AS s,
	"bazaar_template_terms"(s.template_id, s.category, s.tags, s.formats, s.document) AS terms
WHERE s.listed
ORDER BY 1, 2, 3
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "bazaar-vid_community_template_term_counts" (term, category, formats, templates)
SELECT word.lexeme, coalesce(s.category, ''), "bazaar_format_bits"(s.formats), count(*)
FROM "bazaar-vid_community_template_search" AS s, unnest(s.document) AS word
WHERE s.listed
GROUP BY 1, 2, 3
ON CONFLICT DO NOTHING;
