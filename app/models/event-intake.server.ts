/**
 * A batch of events sent to POST /api/v1/events: who sends it, within what
 * limits, which events are valid (zod), what is stored, and the answer.
 *
 * Two callers, one behaviour: the route's action (app/routes/api.v1.events.ts)
 * and the server's direct intake (server/events-intake.ts), which reaches this
 * function through the build's entry module so that it runs the very copy of
 * recordEventOutcomes, and so of its group commit, that the routes run.
 *
 * The usual answer, the 202, is plain data rather than a `Response`: for one
 * event per request, making a web Request body and Response (their streams)
 * cost more than everything else the request does (docs/performance.md), so
 * the server writes it to the socket itself. Every refusal is a `Response`,
 * as elsewhere in the API.
 */
import { z } from 'zod'
import { clientAddress, consumeRateLimit, type RateLimitRule } from '#app/utils/rate-limit.server.ts'
import { OUTAGE_RETRY_AFTER_SECONDS } from '#app/utils/database-outage.server.ts'
import { type ApiIssue, apiError, formatZodIssues, isDatabaseUnavailable, parseJsonBody, rateLimited } from '#app/utils/http.server.ts'
import { EVENT_SOURCES, EVENT_TYPES } from '#app/vocabulary.ts'
import { getOptionalApiUserId } from './auth.server.ts'
import { type EventInput, recordEventOutcomes, requestContext } from './event.server.ts'

export const MAX_EVENTS_PER_REQUEST = 50
/** 50 events of a few hundred bytes each fit easily; anything larger is not a beacon. */
export const MAX_EVENTS_BODY_BYTES = 64 * 1024
/** Per visitor and IP: two batches a second on average is far above what a page sends. */
export const EVENT_WRITE_RATE_LIMIT: RateLimitRule = { name: 'event-writes', points: 120, durationSeconds: 60 }

const ACCEPTED_CONTENT_TYPES = new Set(['application/json', 'text/plain'])

export const EventSchema = z.object({
	id: z.uuid().optional(),
	templateId: z.uuid(),
	type: z.enum(EVENT_TYPES),
	source: z.enum(EVENT_SOURCES).optional(),
	projectId: z.uuid().nullish(),
	sceneCount: z.number().int().min(0).max(10_000).nullish(),
})

const EnvelopeSchema = z.object({
	events: z.array(z.unknown()).min(1, 'Send at least one event').max(MAX_EVENTS_PER_REQUEST, `At most ${MAX_EVENTS_PER_REQUEST} events per request`),
})

export interface EventsAnswer {
	accepted: number
	duplicates: number
	ignored: number
	rejected: Array<{ index: number; issues: ApiIssue[] }>
}

export interface EventBatch {
	/** The request's headers: who sends it (session cookie, editor token), the content type, the referrer and the user agent. */
	headers: Headers
	/** The body as read by the caller, at most MAX_EVENTS_BODY_BYTES of it; null when it was larger. */
	body: Uint8Array | null
	/** The load context's client address (`clientAddress()`), for the rate limit. */
	context: unknown
}

/** The 202 as data (`status` and `body`; it is never cached), or a refusal as a JSON `Response`. */
export type EventBatchAnswer = { status: 202; body: EventsAnswer } | Response

/** Answers an event batch; resolves once the stored events are committed. Throws a 401 `Response` for a bad editor token. */
export async function receiveEventBatch({ headers, body, context }: EventBatch): Promise<EventBatchAnswer> {
	// Nothing else of the request is read: the server hands over no web Request (server/events-intake.ts).
	const request = { headers }
	const userId = await getOptionalApiUserId(request)
	const limit = await consumeRateLimit(EVENT_WRITE_RATE_LIMIT, `${userId ?? 'anonymous'}@${clientAddress(context)}`)
	if (!limit.allowed) return rateLimited('Too many event batches; try again later', limit.retryAfterSeconds)

	const contentType = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
	if (contentType && !ACCEPTED_CONTENT_TYPES.has(contentType)) {
		return apiError('unsupported_media_type', 'Send the events as application/json or text/plain')
	}
	const read = parseJsonBody(body, { maxBytes: MAX_EVENTS_BODY_BYTES })
	if (!read.ok) return read.response
	const envelope = EnvelopeSchema.safeParse(read.body)
	if (!envelope.success) return apiError('bad_request', 'Send { "events": [...] }', { issues: formatZodIssues(envelope.error) })

	const rejected: EventsAnswer['rejected'] = []
	const valid: Array<{ index: number; event: EventInput }> = []
	envelope.data.events.forEach((candidate, index) => {
		const parsed = EventSchema.safeParse(candidate)
		if (parsed.success) valid.push({ index, event: parsed.data })
		else rejected.push({ index, issues: formatZodIssues(parsed.error) })
	})
	if (valid.length === 0) return noneValid(rejected)

	let outcomes
	try {
		outcomes = await recordEventOutcomes(
			valid.map(({ event }) => event),
			requestContext(request, userId),
		)
	} catch (error) {
		// An unreachable database is the outage answer of every route (503 with Retry-After, logged once in a while).
		if (isDatabaseUnavailable(error)) throw error
		// The batch these events shared was not committed: the client may retry with the same ids.
		console.error('Recording events failed:', error)
		return apiError('service_unavailable', 'The events could not be stored; retry with the same ids', { headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) } })
	}

	const answer: EventsAnswer = { accepted: 0, duplicates: 0, ignored: 0, rejected }
	outcomes.forEach((outcome, position) => {
		if (outcome === 'stored') answer.accepted++
		else if (outcome === 'duplicate') answer.duplicates++
		else if (outcome === 'ignored') answer.ignored++
		else rejected.push({ index: valid[position]!.index, issues: [{ path: 'templateId', message: 'No such template' }] })
	})
	rejected.sort((a, b) => a.index - b.index)
	if (answer.accepted + answer.duplicates + answer.ignored === 0) return noneValid(rejected)
	return { status: 202, body: answer }
}

function noneValid(rejected: EventsAnswer['rejected']) {
	const issues = rejected.flatMap(({ index, issues }) => issues.map((issue) => ({ path: `events.${index}.${issue.path}`, message: issue.message })))
	return apiError('bad_request', 'No valid event in the batch', { issues })
}
