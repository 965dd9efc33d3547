/**
 * `<bazaar-template-panel>`: browse, preview, favorite and use community
 * templates from any page. A plain custom element with Shadow DOM; attributes
 * are its API (see widget/README.md), results reach the host as bubbling,
 * composed CustomEvents. Template text is untrusted: it only ever goes into
 * the DOM through textContent/attributes, and template code only runs inside
 * the sandboxed preview iframe.
 */
import { ApiError, BazaarApi } from './api.ts'
import { STYLES } from './styles.ts'
import { CATEGORIES, type EventSource, type EventType, FORMATS, SORTS, type TemplateDetail, type TemplateFormat, type TemplateSort, type TemplateSummary } from './types.ts'

const SEARCH_DEBOUNCE_MS = 300
const DEFAULT_PAGE_SIZE = 12
const MAX_PAGE_SIZE = 50
const SKELETON_CARDS = 6
const SOURCES: readonly EventSource[] = ['in_app_panel', 'community_site', 'direct']
/** Attributes whose change means the list must be fetched again. */
const LIST_ATTRIBUTES = new Set(['api-base', 'token', 'format', 'page-size'])

type Child = Node | string | null | undefined | false

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string | number | boolean | null | undefined> = {}, ...children: Child[]) {
	const element = document.createElement(tag)
	for (const [name, value] of Object.entries(props)) {
		if (value === null || value === undefined || value === false) continue
		if (name === 'text') element.textContent = String(value)
		else element.setAttribute(name, value === true ? '' : String(value))
	}
	element.append(...(children.filter(Boolean) as Array<Node | string>))
	return element
}

function randomId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
	// Insecure contexts (plain http on a non-localhost host) lack randomUUID.
	const bytes = crypto.getRandomValues(new Uint8Array(16))
	bytes[6] = (bytes[6]! & 0x0f) | 0x40
	bytes[8] = (bytes[8]! & 0x3f) | 0x80
	const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function hueOf(text: string) {
	let hash = 0
	for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) | 0
	return Math.abs(hash) % 360
}

function plural(count: number, word: string) {
	return `${count} ${word}${count === 1 ? '' : 's'}`
}

let sheet: CSSStyleSheet | undefined
/** One constructed stylesheet shared by every panel; not subject to the host's CSP for inline styles. */
function panelStyles() {
	if (!sheet) {
		sheet = new CSSStyleSheet()
		sheet.replaceSync(STYLES)
	}
	return sheet
}

const SHELL = `<div class="panel" part="panel">
<form class="bar" part="toolbar" role="search">
<input type="search" name="q" part="search" placeholder="Search templates" aria-label="Search templates" autocomplete="off">
<select name="category" part="category" aria-label="Category"><option value="">All categories</option>${CATEGORIES.map((category) => `<option value="${category.slug}">${category.label.replace('&', '&amp;')}</option>`).join('')}</select>
<select name="sort" part="sort" aria-label="Sort by">${SORTS.map((sort) => `<option value="${sort.value}">${sort.label}</option>`).join('')}</select>
</form>
<p class="note" part="notice" role="alert" hidden></p>
<p class="sr" role="status" aria-live="polite"></p>
<ul class="grid" part="grid" aria-label="Templates"></ul>
<div class="empty" part="empty" hidden><p>No templates match these filters.</p><button type="button" class="btn" data-clear>Clear filters</button></div>
<button type="button" class="btn more" part="more" hidden>Load more</button>
</div>
<dialog part="dialog" aria-labelledby="dlg-title">
<div class="dlg">
<div class="head"><div><h2 id="dlg-title"></h2><p class="m" data-meta></p></div><button type="button" class="btn" data-close aria-label="Close preview">✕</button></div>
<div class="frame"><iframe part="preview" sandbox="allow-scripts" title="Scene preview" referrerpolicy="no-referrer"></iframe></div>
<div class="nav" part="scene-nav"><button type="button" class="btn" data-prev aria-label="Previous scene">‹</button><span aria-live="polite" data-scene></span><button type="button" class="btn" data-next aria-label="Next scene">›</button></div>
<fieldset hidden><legend>Scenes to mix</legend></fieldset>
<div class="acts" part="actions">
<button type="button" class="btn primary" part="action use" data-use>Use</button>
<button type="button" class="btn" part="action mix" data-mix>Mix…</button>
<button type="button" class="btn" part="action prompt" data-prompt>Use as prompt</button>
<button type="button" class="btn" part="action favorite" data-favorite aria-pressed="false">☆ Favorite</button>
</div>
<p class="m" role="status" data-result></p>
</div>
</dialog>`

export class TemplatePanelElement extends HTMLElement {
	static observedAttributes = ['api-base', 'token', 'project-id', 'format', 'source', 'page-size']

	#root: ShadowRoot
	#items: TemplateSummary[] = []
	#cursor: string | null = null
	#listAbort: AbortController | null = null
	#listScheduled = false
	#searchTimer: ReturnType<typeof setTimeout> | undefined
	#retryTimer: ReturnType<typeof setTimeout> | undefined
	#detail: TemplateDetail | null = null
	#detailAbort: AbortController | null = null
	#sceneIndex = 0
	#favorited = false
	#busy = false
	#opener: HTMLElement | null = null
	#offline = false
	#onOnline = () => {
		if (this.#offline) this.#reload()
	}
	#onOffline = () => this.#showNotice('You are offline. The templates will load again when the connection is back.', 'error')

	constructor() {
		super()
		this.#root = this.attachShadow({ mode: 'open' })
		this.#root.adoptedStyleSheets = [panelStyles()]
		this.#root.innerHTML = SHELL
		const form = this.#$<HTMLFormElement>('form')
		form.addEventListener('submit', (event) => {
			event.preventDefault()
			clearTimeout(this.#searchTimer)
			this.#reload()
		})
		this.#$('input').addEventListener('input', () => {
			clearTimeout(this.#searchTimer)
			this.#searchTimer = setTimeout(() => this.#reload(), SEARCH_DEBOUNCE_MS)
		})
		for (const select of this.#root.querySelectorAll('select')) select.addEventListener('change', () => this.#reload())
		this.#$('[data-clear]').addEventListener('click', () => {
			form.reset()
			this.#reload()
		})
		this.#$('.more').addEventListener('click', () => this.#loadPage())
		const dialog = this.#dialog
		dialog.addEventListener('close', () => this.#onDialogClosed())
		dialog.addEventListener('click', (event) => {
			if (event.target === dialog) dialog.close()
		})
		this.#$('[data-close]').addEventListener('click', () => dialog.close())
		this.#$('[data-prev]').addEventListener('click', () => this.#showScene(this.#sceneIndex - 1))
		this.#$('[data-next]').addEventListener('click', () => this.#showScene(this.#sceneIndex + 1))
		this.#$('[data-use]').addEventListener('click', () => this.#use('use'))
		this.#$('[data-mix]').addEventListener('click', () => this.#use('mix'))
		this.#$('[data-prompt]').addEventListener('click', () => this.#prompt())
		this.#$('[data-favorite]').addEventListener('click', () => this.#toggleFavorite())
	}

	// ---- attributes: the public API -------------------------------------------------

	/** Where the API lives; defaults to the origin this script was loaded from. */
	get apiBase(): string {
		const value = this.getAttribute('api-base')
		try {
			if (value) {
				const url = new URL(value, document.baseURI)
				return (url.origin + url.pathname).replace(/\/+$/, '')
			}
		} catch {
			// Unparsable: fall back to the default below.
		}
		return new URL(import.meta.url).origin
	}
	set apiBase(value: string) {
		this.setAttribute('api-base', value)
	}
	get token(): string | null {
		return this.getAttribute('token') || null
	}
	set token(value: string | null) {
		if (value) this.setAttribute('token', value)
		else this.removeAttribute('token')
	}
	get projectId(): string | null {
		return this.getAttribute('project-id') || null
	}
	set projectId(value: string | null) {
		if (value) this.setAttribute('project-id', value)
		else this.removeAttribute('project-id')
	}
	get format(): TemplateFormat | null {
		const value = this.getAttribute('format') as TemplateFormat | null
		return value && FORMATS.includes(value) ? value : null
	}
	set format(value: TemplateFormat | null) {
		if (value) this.setAttribute('format', value)
		else this.removeAttribute('format')
	}
	get source(): EventSource {
		const value = this.getAttribute('source') as EventSource | null
		return value && SOURCES.includes(value) ? value : 'in_app_panel'
	}
	set source(value: EventSource) {
		this.setAttribute('source', value)
	}
	get pageSize(): number {
		const value = Number.parseInt(this.getAttribute('page-size') ?? '', 10)
		return Number.isFinite(value) && value > 0 ? Math.min(value, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE
	}
	set pageSize(value: number) {
		this.setAttribute('page-size', String(value))
	}

	connectedCallback() {
		window.addEventListener('online', this.#onOnline)
		window.addEventListener('offline', this.#onOffline)
		this.#scheduleReload()
	}

	disconnectedCallback() {
		window.removeEventListener('online', this.#onOnline)
		window.removeEventListener('offline', this.#onOffline)
		clearTimeout(this.#searchTimer)
		clearTimeout(this.#retryTimer)
		this.#listAbort?.abort()
		this.#detailAbort?.abort()
		if (this.#dialog.open) this.#dialog.close()
	}

	attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null) {
		if (oldValue === newValue || !this.isConnected) return
		if (name === 'token') this.#renderActions()
		if (LIST_ATTRIBUTES.has(name)) this.#scheduleReload()
	}

	/** Several attributes set in a row cause one fetch, not one each. */
	#scheduleReload() {
		if (this.#listScheduled) return
		this.#listScheduled = true
		queueMicrotask(() => {
			this.#listScheduled = false
			if (this.isConnected) this.#reload()
		})
	}

	#$<T extends Element = HTMLElement>(selector: string) {
		return this.#root.querySelector(selector) as unknown as T
	}
	get #dialog() {
		return this.#$<HTMLDialogElement>('dialog')
	}
	#api() {
		return new BazaarApi(this.apiBase, this.token)
	}
	#emit(type: string, detail: unknown) {
		this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
	}
	#log(type: EventType, templateId: string, extra: { projectId?: string; sceneCount?: number } = {}) {
		this.#api().sendEvents([{ id: randomId(), templateId, type, source: this.source, ...extra }])
	}

	// ---- the list ------------------------------------------------------------------

	#reload() {
		clearTimeout(this.#retryTimer)
		this.#items = []
		this.#cursor = null
		this.#$('.grid').replaceChildren(
			...Array.from({ length: SKELETON_CARDS }, () => h('li', { class: 'card sk', 'aria-hidden': 'true' }, h('div', {}, h('span', { class: 'poster' }), h('i'), h('i')))),
		)
		void this.#loadPage()
	}

	async #loadPage() {
		this.#listAbort?.abort()
		const abort = (this.#listAbort = new AbortController())
		const grid = this.#$('.grid')
		const more = this.#$<HTMLButtonElement>('.more')
		const form = this.#$<HTMLFormElement>('form')
		grid.setAttribute('aria-busy', 'true')
		more.disabled = true
		this.#announce('Loading templates…')
		try {
			const page = await this.#api().listTemplates(
				{
					q: (form.elements.namedItem('q') as HTMLInputElement).value.trim(),
					category: (form.elements.namedItem('category') as HTMLSelectElement).value,
					sort: (form.elements.namedItem('sort') as HTMLSelectElement).value as TemplateSort,
					format: this.format ?? undefined,
					cursor: this.#cursor,
					limit: this.pageSize,
				},
				abort.signal,
			)
			if (abort.signal.aborted) return
			this.#offline = false
			this.#hideNotice()
			if (!this.#cursor) grid.replaceChildren()
			this.#items.push(...page.items)
			grid.append(...page.items.map((item) => this.#card(item)))
			this.#cursor = page.nextCursor
			more.hidden = !page.nextCursor
			this.#$('.empty').hidden = this.#items.length > 0
			this.#announce(this.#items.length ? `${plural(this.#items.length, 'template')} shown${page.nextCursor ? ', more available' : ''}` : 'No templates match these filters')
		} catch (error) {
			if (abort.signal.aborted || (error as Error).name === 'AbortError') return
			if (!this.#cursor) grid.replaceChildren()
			this.#$('.empty').hidden = true
			this.#announce('')
			this.#handleError(error, 'list')
		} finally {
			if (this.#listAbort === abort) {
				grid.removeAttribute('aria-busy')
				more.disabled = false
			}
		}
	}

	#card(item: TemplateSummary) {
		const poster = item.thumbnailUrl
			? h('img', { src: new URL(item.thumbnailUrl, this.apiBase + '/').toString(), alt: '', loading: 'lazy', decoding: 'async' })
			: h('span', { class: 'ph', 'aria-hidden': 'true', text: (item.title.trim()[0] ?? '?').toUpperCase() })
		if (!item.thumbnailUrl) poster.style.setProperty('--h', String(hueOf(item.id)))
		const button = h(
			'button',
			{ type: 'button', 'aria-haspopup': 'dialog' },
			h('span', { class: 'poster', part: 'poster' }, poster),
			h('span', { class: 't', part: 'card-title', text: item.title }),
			h('span', { class: 'm', part: 'card-meta', text: [item.creatorName && `by ${item.creatorName}`, plural(item.sceneCount, 'scene')].filter(Boolean).join(' · ') }),
		)
		button.addEventListener('click', () => this.#open(item, button))
		return h('li', { class: 'card', part: 'card', 'data-template-id': item.id }, button)
	}

	#announce(text: string) {
		this.#$('.sr').textContent = text
	}

	#showNotice(text: string, kind: 'error' | 'info', retryInSeconds?: number) {
		const notice = this.#$('.note')
		notice.dataset.kind = kind
		notice.replaceChildren(h('span', { text }))
		if (retryInSeconds !== undefined) {
			const retry = h('button', { type: 'button', class: 'btn', text: 'Retry' })
			retry.addEventListener('click', () => this.#reload())
			notice.append(retry)
		}
		notice.hidden = false
	}
	#hideNotice() {
		// Emptied too: a hidden role=alert must not keep a stale message (such as "offline").
		const notice = this.#$('.note')
		notice.hidden = true
		notice.replaceChildren()
	}

	/** One place that turns failures into a visible state, a `bazaar-error` and, on 401, a token request. */
	#handleError(error: unknown, action: string, templateId?: string) {
		const failure = error instanceof ApiError ? error : new ApiError(0, 'unknown', error instanceof Error ? error.message : String(error))
		let message = failure.message
		if (failure.code === 'offline') {
			this.#offline = true
			message = 'You are offline. The templates will load again when the connection is back.'
		} else if (failure.status === 0) {
			message = 'The template server cannot be reached right now.'
		} else if (failure.status === 401) {
			message = this.token ? 'Your session has expired. Asking the editor for a new one…' : 'Sign in from the editor to do this.'
			this.#emit('bazaar-token-expired', { action, templateId: templateId ?? null, status: 401 })
		} else if (failure.status === 429) {
			const wait = failure.retryAfter ?? 30
			message = `Too many requests. Try again in ${plural(wait, 'second')}.`
			if (action === 'list') {
				clearTimeout(this.#retryTimer)
				this.#retryTimer = setTimeout(() => this.#reload(), wait * 1000)
			}
		}
		if (action === 'list') this.#showNotice(message, 'error', failure.status === 0 || failure.status >= 500 || failure.status === 429 ? failure.retryAfter ?? 0 : undefined)
		else this.#result(message)
		this.#emit('bazaar-error', { action, templateId: templateId ?? null, status: failure.status, code: failure.code, message, retryAfter: failure.retryAfter ?? null })
	}

	// ---- the preview dialog ----------------------------------------------------------

	async #open(item: TemplateSummary, opener: HTMLElement) {
		this.#opener = opener
		this.#detail = null
		this.#favorited = Boolean(item.favorited)
		this.#$('#dlg-title').textContent = item.title
		this.#$('[data-meta]').textContent = item.creatorName ? `by ${item.creatorName}` : ''
		this.#$('fieldset').hidden = true
		this.#$('.frame').dataset.format = this.format ?? item.formats[0] ?? 'landscape'
		this.#result('')
		this.#renderActions()
		this.#$('[data-scene]').textContent = 'Loading scenes…'
		if (!this.#dialog.open) this.#dialog.showModal()
		this.#$('[data-close]').focus()
		this.#log('click', item.id)
		this.#detailAbort?.abort()
		const abort = (this.#detailAbort = new AbortController())
		try {
			const detail = await this.#api().getTemplate(item.id, abort.signal)
			if (abort.signal.aborted) return
			this.#detail = detail
			if (detail.favorited !== undefined) this.#favorited = detail.favorited
			this.#renderActions()
			this.#renderMixChoices()
			this.#showScene(0)
			this.#log('view', detail.id)
		} catch (error) {
			if (abort.signal.aborted || (error as Error).name === 'AbortError') return
			this.#$('[data-scene]').textContent = ''
			this.#handleError(error, 'preview', item.id)
		}
	}

	#showScene(index: number) {
		const scenes = this.#detail?.scenes ?? []
		if (scenes.length === 0) {
			this.#$('[data-scene]').textContent = 'This template has no scenes.'
			return
		}
		this.#sceneIndex = Math.max(0, Math.min(index, scenes.length - 1))
		const scene = scenes[this.#sceneIndex]!
		const iframe = this.#$<HTMLIFrameElement>('iframe')
		const version = this.#detail!.version ?? 1
		iframe.src = `${this.apiBase}/preview/${encodeURIComponent(this.#detail!.id)}/${scene.index}${version > 1 ? `?v=${version}` : ''}`
		iframe.title = `Preview of scene ${this.#sceneIndex + 1}${scene.title ? `: ${scene.title}` : ''}`
		this.#$('[data-scene]').textContent = `Scene ${this.#sceneIndex + 1} of ${scenes.length}${scene.title ? ` · ${scene.title}` : ''}`
		this.#$<HTMLButtonElement>('[data-prev]').disabled = this.#sceneIndex === 0
		this.#$<HTMLButtonElement>('[data-next]').disabled = this.#sceneIndex === scenes.length - 1
	}

	#renderMixChoices() {
		const fieldset = this.#$('fieldset')
		fieldset.replaceChildren(
			h('legend', { text: 'Scenes to mix' }),
			...(this.#detail?.scenes ?? []).map((scene, position) =>
				h('label', {}, h('input', { type: 'checkbox', name: 'scene', value: scene.index }), ` ${position + 1}. ${scene.title ?? 'Untitled scene'}`),
			),
		)
	}

	#renderActions() {
		const readOnly = !this.token
		const ready = Boolean(this.#detail)
		for (const selector of ['[data-use]', '[data-mix]', '[data-favorite]']) {
			this.#$<HTMLButtonElement>(selector).disabled = readOnly || !ready || this.#busy
		}
		this.#$<HTMLButtonElement>('[data-prompt]').disabled = !ready || this.#busy
		const favorite = this.#$('[data-favorite]')
		favorite.setAttribute('aria-pressed', String(this.#favorited))
		favorite.textContent = this.#favorited ? '★ Favorited' : '☆ Favorite'
		this.#$('[data-use]').textContent = this.projectId ? 'Add to project' : 'Use'
		if (readOnly && ready) this.#result('Read-only: open the panel from the editor, signed in, to use or favorite templates.')
	}

	#result(text: string) {
		this.#$('[data-result]').textContent = text
	}

	#onDialogClosed() {
		this.#detailAbort?.abort()
		this.#$<HTMLIFrameElement>('iframe').removeAttribute('src')
		this.#detail = null
		// The list may have been re-rendered while the dialog was open (a search typed
		// just before the click lands after it): focus the same template's new card then.
		const opener = this.#opener
		const templateId = opener?.closest<HTMLElement>('[data-template-id]')?.dataset.templateId
		const card = opener?.isConnected
			? opener
			: templateId
				? this.#root.querySelector<HTMLElement>(`[data-template-id="${CSS.escape(templateId)}"] button`)
				: null
		if (opener) (card ?? this.#$<HTMLInputElement>('input')).focus()
		this.#opener = null
	}

	// ---- actions ---------------------------------------------------------------------

	async #use(mode: 'use' | 'mix') {
		const detail = this.#detail
		if (!detail || this.#busy) return
		let sceneIndexes: number[] | undefined
		if (mode === 'mix') {
			const fieldset = this.#$<HTMLFieldSetElement>('fieldset')
			if (fieldset.hidden) {
				fieldset.hidden = false
				this.#$('[data-mix]').textContent = 'Add chosen scenes'
				;(fieldset.querySelector('input') as HTMLInputElement | null)?.focus()
				return
			}
			sceneIndexes = Array.from(fieldset.querySelectorAll<HTMLInputElement>('input:checked'), (input) => Number(input.value))
			if (sceneIndexes.length === 0) {
				this.#result('Choose at least one scene to mix.')
				return
			}
		}
		this.#busy = true
		this.#renderActions()
		this.#result(mode === 'mix' ? 'Adding the chosen scenes…' : 'Adding the scenes…')
		try {
			const projectId = this.projectId ?? undefined
			const result = await this.#api().useTemplate(detail.id, { mode, projectId, sceneIndexes, source: this.source })
			const indexes = sceneIndexes ?? detail.scenes.map((scene) => scene.index)
			this.#result(`${plural(result.sceneIds.length || indexes.length, 'scene')} added to ${projectId ? 'your project' : 'a new project'}.`)
			this.#emit(`bazaar-template-${mode}`, {
				templateId: detail.id,
				slug: detail.slug,
				title: detail.title,
				mode,
				projectId: result.projectId ?? projectId ?? null,
				sceneIds: result.sceneIds,
				sceneIndexes: indexes,
			})
		} catch (error) {
			this.#handleError(error, mode, detail.id)
		} finally {
			this.#busy = false
			this.#renderActions()
			if (mode === 'mix') this.#$('[data-mix]').textContent = 'Add chosen scenes'
		}
	}

	#prompt() {
		const detail = this.#detail
		if (!detail) return
		const titles = detail.scenes.map((scene, position) => scene.title ?? `Scene ${position + 1}`)
		const prompt = `Make a video like the community template “${detail.title}”${detail.description ? `: ${detail.description}` : ''}. Scenes: ${titles.join(', ')}.`
		this.#log('prompt', detail.id, { sceneCount: detail.scenes.length, ...(this.projectId ? { projectId: this.projectId } : {}) })
		this.#emit('bazaar-template-prompt', {
			templateId: detail.id,
			slug: detail.slug,
			title: detail.title,
			projectId: this.projectId,
			prompt,
			scenes: detail.scenes.map(({ index, title, tsxCode, duration }) => ({ index, title, tsxCode, duration })),
		})
		this.#result('Sent to the editor as a prompt.')
	}

	async #toggleFavorite() {
		const detail = this.#detail
		if (!detail || this.#busy) return
		const next = !this.#favorited
		this.#busy = true
		this.#renderActions()
		try {
			await this.#api().setFavorite(detail.id, next)
			this.#favorited = next
			this.#result(next ? 'Added to your favorites.' : 'Removed from your favorites.')
			this.#emit('bazaar-template-favorite', { templateId: detail.id, slug: detail.slug, title: detail.title, favorited: next })
		} catch (error) {
			this.#handleError(error, next ? 'favorite' : 'unfavorite', detail.id)
		} finally {
			this.#busy = false
			this.#renderActions()
		}
	}
}
