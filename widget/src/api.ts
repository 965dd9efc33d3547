/**
 * The widget's HTTP client for `/api/v1/`. Bearer token only (no cookies:
 * `credentials: 'omit'`), errors turned into one `ApiError` shape the panel
 * can show: offline, 401, 429 with its wait, the API's own error codes.
 */
import type { ApiErrorBody, PanelEvent, TemplateDetail, TemplateList, TemplateSort, UseRequest, UseResult } from './types.ts'

export class ApiError extends Error {
	constructor(
		/** HTTP status, or 0 when the request never got an answer. */
		readonly status: number,
		/** The API's `error.code`, or `offline` / `network` / `http_<status>`. */
		readonly code: string,
		message: string,
		/** Seconds to wait before retrying (429's `Retry-After`). */
		readonly retryAfter?: number,
	) {
		super(message)
	}
}

export interface ListQuery {
	q?: string
	category?: string
	format?: string
	sort?: TemplateSort
	cursor?: string | null
	limit?: number
}

export class BazaarApi {
	constructor(
		readonly base: string,
		readonly token: string | null,
	) {}

	/** `base` may carry a path prefix (`https://example.com/community`), so paths are appended, not resolved. */
	url(path: string) {
		return `${this.base.replace(/\/+$/, '')}${path}`
	}

	async #request<T>(path: string, init: RequestInit = {}): Promise<T> {
		const headers = new Headers(init.headers)
		headers.set('Accept', 'application/json')
		if (this.token) headers.set('Authorization', `Bearer ${this.token}`)
		let response: Response
		try {
			response = await fetch(this.url(path), { ...init, headers, credentials: 'omit', mode: 'cors' })
		} catch (error) {
			if ((error as Error).name === 'AbortError') throw error
			const offline = typeof navigator !== 'undefined' && navigator.onLine === false
			throw new ApiError(0, offline ? 'offline' : 'network', offline ? 'You are offline.' : 'The template server cannot be reached.')
		}
		if (response.status === 204 || response.status === 202) return undefined as T
		const body = (await response.json().catch(() => null)) as (ApiErrorBody & T) | null
		if (!response.ok) {
			const retryAfter = parseRetryAfter(response.headers.get('Retry-After'))
			throw new ApiError(
				response.status,
				body?.error?.code ?? `http_${response.status}`,
				body?.error?.message ?? `The server answered ${response.status}.`,
				retryAfter,
			)
		}
		return body as T
	}

	listTemplates(query: ListQuery, signal?: AbortSignal) {
		const params = new URLSearchParams()
		for (const [name, value] of Object.entries(query)) {
			if (value !== undefined && value !== null && value !== '') params.set(name, String(value))
		}
		return this.#request<TemplateList>(`/api/v1/templates?${params}`, { signal })
	}

	getTemplate(idOrSlug: string, signal?: AbortSignal) {
		return this.#request<TemplateDetail>(`/api/v1/templates/${encodeURIComponent(idOrSlug)}`, { signal })
	}

	/** Favorite (`on`) or unfavorite; idempotent on the server. */
	setFavorite(templateId: string, on: boolean) {
		return this.#request<unknown>(`/api/v1/templates/${encodeURIComponent(templateId)}/favorite?source=in_app_panel`, { method: on ? 'PUT' : 'DELETE' })
	}

	async useTemplate(templateId: string, body: UseRequest): Promise<UseResult> {
		const answer = await this.#request<unknown>(`/api/v1/templates/${encodeURIComponent(templateId)}/use`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		})
		return readUseResult(answer)
	}

	/**
	 * Logs events without waiting for them and survives the page going away:
	 * `fetch` with `keepalive` (so the token reaches the server and the event
	 * gets its user), `sendBeacon` as the fallback. Each event carries a
	 * client-made id, so a retry is stored once.
	 */
	sendEvents(events: PanelEvent[]) {
		const body = JSON.stringify({ events })
		const headers: Record<string, string> = { 'Content-Type': 'application/json' }
		if (this.token) headers.Authorization = `Bearer ${this.token}`
		const url = this.url('/api/v1/events')
		const beacon = () => navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain' }))
		try {
			fetch(url, { method: 'POST', body, headers, keepalive: true, credentials: 'omit', mode: 'cors' }).catch(beacon)
		} catch {
			beacon()
		}
	}
}

export function parseRetryAfter(value: string | null): number | undefined {
	if (!value) return undefined
	const seconds = Number(value)
	if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
	const date = Date.parse(value)
	return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

type UseAnswer = {
	projectId?: string
	project?: { id?: string }
	sceneIds?: string[]
	createdSceneIds?: string[]
	scenes?: Array<{ id?: string }>
}

/** The created project and scene ids, whichever of the likely shapes the API answers with. */
export function readUseResult(answer: unknown): UseResult {
	const value = (answer ?? {}) as UseAnswer
	const sceneIds = value.sceneIds ?? value.createdSceneIds ?? value.scenes?.map((scene) => scene.id).filter((id): id is string => typeof id === 'string') ?? []
	return { projectId: value.projectId ?? value.project?.id ?? null, sceneIds }
}
