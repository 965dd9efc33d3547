/**
 * POST /api/v1/events: a batch of up to 50 events, as JSON from `fetch` or as
 * the text/plain body `navigator.sendBeacon` sends. Valid events are stored,
 * invalid ones come back by index with their reasons (receiveEventBatch).
 * The server answers this POST itself without Remix's router, calling the same
 * function (server/events-intake.ts); this action answers it everywhere else.
 */
import type { ActionFunctionArgs } from '@remix-run/node'
import { MAX_EVENTS_BODY_BYTES, receiveEventBatch } from '#app/models/event-intake.server.ts'
import { apiError, readBytesWithCap } from '#app/utils/http.server.ts'

export async function loader() {
	return apiError('method_not_allowed', 'Send events with POST', { headers: { Allow: 'POST' } })
}

export async function action({ request, context }: ActionFunctionArgs) {
	if (request.method !== 'POST') return apiError('method_not_allowed', 'Send events with POST', { headers: { Allow: 'POST' } })
	const answer = await receiveEventBatch({ headers: request.headers, body: await readBytesWithCap(request, MAX_EVENTS_BODY_BYTES), context })
	if (answer instanceof Response) return answer
	return Response.json(answer.body, { status: answer.status, headers: { 'Cache-Control': 'no-store' } })
}
