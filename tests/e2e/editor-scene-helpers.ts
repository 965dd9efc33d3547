/**
 * Helpers for the editor-scene specs: put scenes in a demo creator's project
 * (through the app's own Drizzle schema, so column names follow it), publish
 * them with a real `POST /publish` as that creator, and open a scene's preview
 * document while recording every request and every CSP refusal that aims
 * outside our origin.
 */
import { randomUUID } from 'node:crypto'
import { type Page, expect, request as playwrightRequest } from '@playwright/test'
import { and, asc, eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { communityTemplateScenes, communityTemplates, projects, scenes } from '../../app/db/schema.ts'

const PORT = Number(process.env.E2E_PORT ?? 3210)

export interface Publisher {
	base: string
	db: ReturnType<typeof drizzle>
	close: () => Promise<void>
}

export async function usePublisher(): Promise<Publisher> {
	const databaseUrl = new URL(process.env.E2E_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
	databaseUrl.pathname = `/bazaar_e2e_${PORT}`
	const client = postgres(databaseUrl.toString(), { max: 2, onnotice: () => {} })
	return { base: `http://localhost:${PORT}`, db: drizzle(client), close: () => client.end() }
}

export interface SceneToPublish {
	name: string
	tsxCode: string
	duration: number
}

export interface PublishedTemplate {
	templateId: string
	slug: string
	storedCode: string[]
}

/** Makes a project of `demoUserId` holding these scenes and publishes all of them through POST /publish, signed in as that creator. */
export async function publishScenes(publisher: Publisher, demoEmail: string, demoUserId: string, title: string, toPublish: SceneToPublish[]): Promise<PublishedTemplate> {
	const [project] = await publisher.db
		.insert(projects)
		.values({ userId: demoUserId, title: `${title} (project ${randomUUID().slice(0, 8)})`, props: {} })
		.returning({ id: projects.id })
	const created = await publisher.db
		.insert(scenes)
		.values(toPublish.map((scene, order) => ({ projectId: project!.id, order, name: scene.name, tsxCode: scene.tsxCode, duration: scene.duration })))
		.returning({ id: scenes.id, order: scenes.order })
	const sceneIds = created.sort((a, b) => a.order - b.order).map((scene) => scene.id)

	const http = await playwrightRequest.newContext({ baseURL: publisher.base, extraHTTPHeaders: { Origin: publisher.base } })
	try {
		const login = await http.post('/login', { form: { email: demoEmail, returnTo: '/' }, maxRedirects: 0 })
		expect(login.status(), await login.text()).toBe(302)
		const form = new URLSearchParams({ projectId: project!.id, title, description: 'Scenes in the Bazaar editor’s own style.', category: 'intros', tags: 'editor, corpus', visibility: 'unlisted' })
		form.append('formats', 'landscape')
		for (const id of sceneIds) form.append('sceneIds', id)
		const response = await http.post('/publish', { data: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 })
		expect(response.status(), `POST /publish answered ${response.status()}: ${(await response.text()).slice(0, 2000)}`).toBe(302)
		const slug = new URL(response.headers().location!, publisher.base).pathname.replace(/^\/t\//, '')
		const [template] = await publisher.db.select({ id: communityTemplates.id }).from(communityTemplates).where(eq(communityTemplates.slug, slug))
		const stored = await publisher.db
			.select({ tsxCode: communityTemplateScenes.tsxCode })
			.from(communityTemplateScenes)
			.where(eq(communityTemplateScenes.templateId, template!.id))
			.orderBy(asc(communityTemplateScenes.sceneIndex))
		return { templateId: template!.id, slug, storedCode: stored.map((row) => row.tsxCode) }
	} finally {
		await http.dispose()
	}
}

/**
 * The template this creator already published under this title with exactly
 * these scenes, if any: Playwright runs `beforeAll` again in a fresh worker
 * after a failed test, and publishing again would spend the creator's hourly
 * publish quota for nothing.
 */
export async function findPublished(publisher: Publisher, demoUserId: string, title: string, codes: string[]): Promise<PublishedTemplate | undefined> {
	const candidates = await publisher.db
		.select({ id: communityTemplates.id, slug: communityTemplates.slug })
		.from(communityTemplates)
		.where(and(eq(communityTemplates.ownerUserId, demoUserId), eq(communityTemplates.title, title)))
	for (const candidate of candidates) {
		const stored = await publisher.db
			.select({ tsxCode: communityTemplateScenes.tsxCode })
			.from(communityTemplateScenes)
			.where(eq(communityTemplateScenes.templateId, candidate.id))
			.orderBy(asc(communityTemplateScenes.sceneIndex))
		const storedCode = stored.map((row) => row.tsxCode)
		if (JSON.stringify(storedCode) === JSON.stringify(codes)) return { templateId: candidate.id, slug: candidate.slug, storedCode }
	}
	return undefined
}

export interface OpenedPreview {
	/** `ready` or `error`, as the runtime first settled. */
	state: string
	/** Requests (and CSP refusals) aimed outside our origin, collected for as long as the page stays open. */
	foreignRequests: string[]
}

/** Opens one scene's preview document (a still at its preview frame) and waits until the runtime settles. */
export async function openPreview(page: Page, templateId: string, sceneIndex: number, query = 'autoplay=0'): Promise<OpenedPreview> {
	const foreignRequests: string[] = []
	page.on('request', (request) => {
		const url = request.url()
		if (!url.startsWith(`http://localhost:${PORT}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url)
	})
	page.on('console', (message) => {
		if (/Refused to (load|connect|frame)/.test(message.text())) foreignRequests.push(`CSP: ${message.text()}`)
	})
	await page.goto(`/preview/${templateId}/${sceneIndex}?${query}`)
	await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.previewState ?? ''))
	return { state: (await page.evaluate(() => document.documentElement.dataset.previewState))!, foreignRequests }
}
