/**
 * What follows a change to what a template shows the public: published,
 * scenes replaced by a new version, metadata edited (visibility included).
 * Publishing, updating scenes and editing all call `templateContentChanged`
 * after their transaction commits, so anything that must react to a change
 * (derived creator handles, the anonymous page cache; render jobs as they
 * arrive) is added here once and fires for every path.
 */
import { type Database, db } from '#app/db/client.server.ts'
import { invalidatePageCache } from '#app/utils/page-cache.server.ts'
import { ensureCreatorHandles } from './creator-profile.server.ts'
import { requestTemplateRender } from './template-render.server.ts'

export type TemplateChangeKind = 'published' | 'scenes-updated' | 'metadata-changed'

export interface TemplateChange {
	templateId: string
	ownerUserId: string
	kind: TemplateChangeKind
}

export async function templateContentChanged(change: TemplateChange, database: Database = db) {
	// A creator with a (newly) public template gets a handle derived from their name.
	await ensureCreatorHandles({ userIds: [change.ownerUserId] }, database)
	// The gallery, the template's page, its creator's page and the API lists all show it.
	await invalidatePageCache()
	// Posters, the social image (title and creator are on it) and the verification follow every change.
	// The change is committed already: a queue that cannot take the job must not turn it into an error page.
	await requestTemplateRender(change.templateId, database).catch((error: unknown) => {
		console.error(`Render of ${change.templateId} not queued: ${error instanceof Error ? error.message : String(error)}`)
	})
}
