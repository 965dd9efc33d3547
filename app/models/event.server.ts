/**
 * The one place events are written, whichever surface they come from.
 * Events carry an optional client-made id so a retried beacon is stored once.
 */
import { isbot } from 'isbot'
import { type Database, db } from '#app/db/client.server.ts'
import { communityEvents, type EventSource, type EventType } from '#app/db/schema.ts'

export const MAX_REFERRER_LENGTH = 1024
export const MAX_USER_AGENT_LENGTH = 512

export interface EventInput {
	id?: string
	templateId: string
	type: EventType
	source?: EventSource
	userId?: string | null
	projectId?: string | null
	sceneCount?: number | null
}

export interface RequestContext {
	userId?: string | null
	referrer?: string | null
	userAgent?: string | null
}

export function requestContext(request: Request, userId?: string | null): RequestContext {
	return { userId: userId ?? null, referrer: request.headers.get('referer'), userAgent: request.headers.get('user-agent') }
}

export function isCrawler(userAgent: string | null | undefined) {
	return isbot(userAgent ?? '')
}

function toRow(event: EventInput, context: RequestContext) {
	return {
		...(event.id ? { id: event.id } : {}),
		templateId: event.templateId,
		eventType: event.type,
		source: event.source ?? 'direct',
		userId: event.userId ?? context.userId ?? null,
		projectId: event.projectId ?? null,
		sceneCount: event.sceneCount ?? null,
		referrer: context.referrer?.slice(0, MAX_REFERRER_LENGTH) ?? null,
		userAgent: context.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
	}
}

/**
 * Stores events (bots are dropped) and answers once they are committed.
 * Pass a transaction as `database` to write them together with other changes.
 */
export async function recordEvents(events: EventInput[], context: RequestContext = {}, database: Database = db) {
	if (events.length === 0 || isCrawler(context.userAgent)) return { stored: 0, duplicates: 0, ignored: events.length }
	const inserted = await database
		.insert(communityEvents)
		.values(events.map((event) => toRow(event, context)))
		.onConflictDoNothing({ target: communityEvents.id })
		.returning({ id: communityEvents.id })
	return { stored: inserted.length, duplicates: events.length - inserted.length, ignored: 0 }
}
