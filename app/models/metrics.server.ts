/**
 * Derived numbers. `community_events` is the truth; the counters on
 * `community_templates` are a cache that this module recomputes.
 */
import { sql } from 'drizzle-orm'
import { type Database, db } from '#app/db/client.server.ts'
import { communityEvents, communityFavorites, communityTemplates } from '#app/db/schema.ts'

/**
 * Recomputes the cached counters from the truth: views and uses from events,
 * favorites from the favorite rows that exist. Returns how many templates changed.
 */
export async function backfillTemplateCounters(database: Database = db) {
	const updated = await database.execute(sql`
		update ${communityTemplates} as t set
			views_count = coalesce(e.views, 0),
			uses_count = coalesce(e.uses, 0),
			favorites_count = coalesce(f.favorites, 0)
		from ${communityTemplates} as t2
		left join (
			select template_id,
				count(*) filter (where event_type = 'view') as views,
				count(*) filter (where event_type = 'use') as uses
			from ${communityEvents}
			where event_type in ('view', 'use')
			group by template_id
		) e on e.template_id = t2.id
		left join (
			select template_id, count(*) as favorites from ${communityFavorites} group by template_id
		) f on f.template_id = t2.id
		where t.id = t2.id
			and (t.views_count, t.uses_count, t.favorites_count)
				is distinct from (coalesce(e.views, 0), coalesce(e.uses, 0), coalesce(f.favorites, 0))
	`)
	return updated
}
