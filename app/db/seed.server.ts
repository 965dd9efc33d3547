/**
 * Demo content: users, their projects, templates with real Remotion scenes,
 * favorites and 60 days of synthetic events. Everything has a stable id
 * derived from its name and is inserted with ON CONFLICT DO NOTHING, in one
 * transaction, so seeding twice creates nothing twice and a crash leaves nothing half-done.
 * The renders the repository ships for the demo (seeds/demo-renders/, made by
 * `npm run posters:demo`) come with it: posters without waiting for a worker.
 */
import { count } from 'drizzle-orm'
import { ensureCreatorHandles } from '#app/models/creator-profile.server.ts'
import { importShippedDemoRenders } from '#app/models/demo-renders.server.ts'
import { aggregateMetrics, utcDay } from '#app/models/metrics.server.ts'
import { editorProjectProps } from '#app/models/project.server.ts'
import { sha256Hex, uuidFromName } from '#app/utils/ids.ts'
import { type Database, db } from './client.server.ts'
import { DEMO_TEMPLATES, DEMO_USERS, type DemoTemplate } from './demo-content.ts'
import {
	communityEvents,
	communityFavorites,
	communityTemplateScenes,
	communityTemplates,
	type NewCommunityEvent,
	projects,
	scenes,
	users,
} from './schema.ts'
import type { EventSource, EventType } from '#app/vocabulary.ts'

const EVENT_DAYS = 60
const DAY_MS = 86_400_000
const INSERT_CHUNK = 1000

export interface SeedSummary {
	users: number
	projects: number
	templates: number
	scenes: number
	favorites: number
	events: number
	/** Templates given the render the repository ships for them. */
	renders: number
}

/** A small deterministic PRNG (mulberry32) so demo data is the same on every machine. */
export function seededRandom(seedText: string) {
	let seed = Number.parseInt(sha256Hex(seedText).slice(0, 8), 16)
	return () => {
		seed = (seed + 0x6d2b79f5) | 0
		let t = seed
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

export const demoUserId = (key: string) => DEMO_USERS.find((user) => user.key === key)?.id ?? `demo-${key}`
export const demoTemplateId = (template: Pick<DemoTemplate, 'slug'>) => uuidFromName(`template:${template.slug}`)
export const demoSceneId = (template: Pick<DemoTemplate, 'slug'>, index: number) => uuidFromName(`scene:${template.slug}:${index}`)

function syntheticEvents(template: DemoTemplate, now: Date): NewCommunityEvent[] {
	const random = seededRandom(`events:${template.slug}`)
	const templateId = demoTemplateId(template)
	const userIds = DEMO_USERS.map((user) => user.id)
	const todayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS
	const events: NewCommunityEvent[] = []
	const firstDay = Math.min(EVENT_DAYS - 1, template.ageDays)
	for (let daysAgo = firstDay; daysAgo >= 0; daysAgo--) {
		const dayStart = todayStart - daysAgo * DAY_MS
		// Newer days get a little more traffic, with noise, so charts and trending have shape.
		const trend = 0.6 + 0.8 * (1 - daysAgo / EVENT_DAYS)
		const views = Math.round(template.popularity * 24 * trend * (0.5 + random()))
		const perDay: Array<[EventType, number]> = [
			['view', views],
			['click', Math.round(views * (0.25 + random() * 0.15))],
			['favorite', Math.round(views * 0.05 * random() * 2)],
			['unfavorite', Math.round(views * 0.01 * random())],
			['use', Math.round(views * 0.06 * random() * 2)],
			['mix', Math.round(views * 0.02 * random())],
			['prompt', Math.round(views * 0.02 * random())],
		]
		for (const [eventType, total] of perDay) {
			for (let n = 0; n < total; n++) {
				const maxOffset = daysAgo === 0 ? Math.max(1, now.getTime() - dayStart) : DAY_MS
				const createdAt = new Date(dayStart + Math.floor(random() * maxOffset))
				const source: EventSource =
					eventType === 'mix' || eventType === 'prompt' ? 'in_app_panel' : random() < 0.7 ? 'community_site' : random() < 0.7 ? 'in_app_panel' : 'direct'
				const signedIn = eventType !== 'view' && eventType !== 'click'
				events.push({
					id: uuidFromName(`event:${template.slug}:${daysAgo}:${eventType}:${n}`),
					templateId,
					eventType,
					source,
					userId: signedIn ? userIds[Math.floor(random() * userIds.length)]! : null,
					sceneCount: eventType === 'use' ? template.scenes.length : eventType === 'mix' ? 1 : null,
					referrer: source === 'community_site' ? 'https://www.google.com/' : null,
					userAgent: 'Mozilla/5.0 (demo data)',
					createdAt,
				})
			}
		}
	}
	return events
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
	for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
		await insert(rows.slice(start, start + INSERT_CHUNK))
	}
}

export interface SeedOptions {
	now?: Date
	/** Import the shipped demo renders (off for `npm run posters:demo`, which makes them, and for bench:render). */
	renders?: boolean
}

export async function seedDemoContent(database: Database = db, { now = new Date(), renders = true }: SeedOptions = {}): Promise<SeedSummary> {
	const summary: SeedSummary = { users: 0, projects: 0, templates: 0, scenes: 0, favorites: 0, events: 0, renders: 0 }
	await database.transaction(async (tx) => {
		const insertedUsers = await tx
			.insert(users)
			.values(DEMO_USERS.map(({ id, name, email, image, isAdmin }) => ({ id, name, email, image, isAdmin })))
			.onConflictDoNothing()
			.returning({ id: users.id })
		summary.users = insertedUsers.length

		for (const template of DEMO_TEMPLATES) {
			const ownerId = demoUserId(template.ownerKey)
			const projectId = uuidFromName(`project:${template.slug}`)
			const createdAt = new Date(now.getTime() - template.ageDays * DAY_MS)
			const project = await tx
				.insert(projects)
				.values({
					id: projectId,
					userId: ownerId,
					title: template.title,
					props: editorProjectProps(
						template.title,
						template.formats[0] ?? 'landscape',
						template.scenes.map((scene, index) => ({ id: demoSceneId(template, index), name: scene.title, duration: scene.duration })),
					),
					isWelcome: false,
					createdAt,
					updatedAt: createdAt,
				})
				.onConflictDoNothing()
				.returning({ id: projects.id })
			summary.projects += project.length
			await tx
				.insert(scenes)
				.values(
					template.scenes.map((scene, index) => ({
						id: demoSceneId(template, index),
						projectId,
						order: index,
						name: scene.title,
						tsxCode: scene.tsxCode,
						duration: scene.duration,
						props: {},
						createdAt,
						updatedAt: createdAt,
					})),
				)
				.onConflictDoNothing()

			const templateId = demoTemplateId(template)
			const inserted = await tx
				.insert(communityTemplates)
				.values({
					id: templateId,
					slug: template.slug,
					title: template.title,
					description: template.description,
					ownerUserId: ownerId,
					sourceProjectId: projectId,
					supportedFormats: template.formats,
					tags: template.tags,
					category: template.category,
					visibility: template.visibility,
					status: template.status,
					createdAt,
					updatedAt: createdAt,
				})
				.onConflictDoNothing()
				.returning({ id: communityTemplates.id })
			summary.templates += inserted.length
			const insertedScenes = await tx
				.insert(communityTemplateScenes)
				.values(
					template.scenes.map((scene, index) => ({
						id: uuidFromName(`template-scene:${template.slug}:${index}`),
						templateId,
						sceneIndex: index,
						title: scene.title,
						tsxCode: scene.tsxCode,
						duration: scene.duration,
						previewFrame: scene.previewFrame,
						codeHash: sha256Hex(scene.tsxCode),
						createdAt,
					})),
				)
				.onConflictDoNothing()
				.returning({ id: communityTemplateScenes.id })
			summary.scenes += insertedScenes.length
		}

		// Favorites: each demo user likes a deterministic handful, popular ones more often.
		const favorites = DEMO_USERS.flatMap((user) => {
			const random = seededRandom(`favorites:${user.id}`)
			return DEMO_TEMPLATES.filter((template) => template.status === 'active' && random() < 0.15 + template.popularity * 0.6).map(
				(template) => ({ userId: user.id, templateId: demoTemplateId(template) }),
			)
		})
		if (favorites.length > 0) {
			const insertedFavorites = await tx
				.insert(communityFavorites)
				.values(favorites)
				.onConflictDoNothing()
				.returning({ userId: communityFavorites.userId })
			summary.favorites = insertedFavorites.length
		}

		const events = DEMO_TEMPLATES.flatMap((template) => syntheticEvents(template, now))
		await insertChunked(events, async (chunk) => {
			const inserted = await tx.insert(communityEvents).values(chunk).onConflictDoNothing().returning({ id: communityEvents.id })
			summary.events += inserted.length
		})

		// Daily metrics for the days the events cover (and the cached counters), so a fresh demo has charts and trending.
		await aggregateMetrics({ from: utcDay(new Date(now.getTime() - EVENT_DAYS * DAY_MS)), to: utcDay(now) }, tx)
		// Every demo creator with a public template gets the handle derived from their name.
		await ensureCreatorHandles({}, tx)
		// Last: a shipped render is matched against the templates' scenes as stored (and not those of a changed demo).
		if (renders) summary.renders = (await importShippedDemoRenders(tx)).imported.length
	})
	return summary
}

export async function isDatabaseEmpty(database: Database = db) {
	const [row] = await database.select({ templates: count() }).from(communityTemplates)
	return (row?.templates ?? 0) === 0
}

