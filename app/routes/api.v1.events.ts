/**
 * POST /api/v1/events: a batch of up to 50 events, as JSON from `fetch` or as
 * the text/plain body `navigator.sendBeacon` sends. Valid events are stored,
 * invalid ones come back by index with their reasons.
 */
import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { EVENT_SOURCES, EVENT_TYPES } from '#app/vocabulary.ts'
import { type EventInput, recordEventOutcomes, requestContext } from '#app/models/event.server.ts'
import { type ApiIssue, apiError, formatZodIssues, rateLimited, readJsonBody } from '#app/utils/http.server.ts'
import { clientAddress, consumeRateLimit, type RateLimitRule } from '#app/utils/rate-limit.server.ts'
import { getOptionalApiUserId } from '#app/models/auth.server.ts'

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

export async function loader() {
	return apiError('method_not_allowed', 'Send events with POST', { headers: { Allow: 'POST' } })
}

export async function action({ request, context }: ActionFunctionArgs) {
	if (request.method !== 'POST') return apiError('method_not_allowed', 'Send events with POST', { headers: { Allow: 'POST' } })

	const userId = await getOptionalApiUserId(request)
	const visitorKey = `${userId ?? 'anonymous'}@${clientAddress(context)}`
	const limit = await consumeRateLimit(EVENT_WRITE_RATE_LIMIT, visitorKey)
	if (!limit.allowed) {
		return rateLimited('Too many event batches; try again later', limit.retryAfterSeconds)
	}

	const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
	if (contentType && !ACCEPTED_CONTENT_TYPES.has(contentType)) {
		return apiError('unsupported_media_type', 'Send the events as application/json or text/plain')
	}
	const read = await readJsonBody(request, { maxBytes: MAX_EVENTS_BODY_BYTES })
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
		// The batch these events shared was not committed: the client may retry with the same ids.
		console.error('Recording events failed:', error)
		return apiError('service_unavailable', 'The events could not be stored; retry with the same ids')
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
	return Response.json(answer, { status: 202, headers: { 'Cache-Control': 'no-store' } })
}

function noneValid(rejected: EventsAnswer['rejected']) {
	const issues = rejected.flatMap(({ index, issues }) => issues.map((issue) => ({ path: `events.${index}.${issue.path}`, message: issue.message })))
	return apiError('bad_request', 'No valid event in the batch', { issues })
}
