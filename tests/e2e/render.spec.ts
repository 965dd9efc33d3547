/**
 * Render jobs end to end (docs/rendering.md), against the production build on
 * the e2e PostgreSQL database: the web server runs with RENDER_JOBS=off
 * (tests/e2e/server.mjs), and this spec starts a real worker process
 * (`build/server-entry/worker.js`, what `npm run worker` runs) with Debian's
 * Chromium. A creator publishes through the form; the worker renders; the API,
 * /media, the template page's share tags and oEmbed show it. A scene that
 * throws partway through is `failing`, and only its owner learns where and why.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { type Page, expect, test } from '@playwright/test'
import PgBoss from 'pg-boss'
import postgres from 'postgres'
import sharp from 'sharp'
import { signInAs } from './demo-sign-in.ts'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const BASE = `http://localhost:${PORT}`
const databaseUrl = new URL(process.env.E2E_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
databaseUrl.pathname = `/bazaar_e2e_${PORT}`
const sql = postgres(databaseUrl.toString(), { max: 2, onnotice: () => {} })

const GOOD_SCENE = `const { AbsoluteFill, useCurrentFrame, interpolate } = window.Remotion;
export default function Scene() {
  const frame = useCurrentFrame();
  const size = interpolate(frame, [0, 60], [40, 160], { extrapolateRight: 'clamp' });
  return <AbsoluteFill style={{ background: '#0b1d3a', alignItems: 'center', justifyContent: 'center' }}>
    <div style={{ width: size, height: size, borderRadius: size, background: '#f59e0b' }} />
  </AbsoluteFill>;
}
`
const THROWING_SCENE = `const { AbsoluteFill, useCurrentFrame } = window.Remotion;
export default function Scene() {
  const frame = useCurrentFrame();
  if (frame > 45) throw new Error('Orbit data ran out at frame ' + frame);
  return <AbsoluteFill style={{ background: '#3b0764' }} />;
}
`

let worker: ChildProcess | undefined
let workerOutput = ''
let verifiedTemplateId: string | undefined

/** A worker process (what `npm run worker` runs), in a process group of its own so its Chromium dies with it. */
function startWorker() {
	const child = spawn(process.execPath, ['build/server-entry/worker.js'], {
		detached: true,
		env: {
			...process.env,
			NODE_ENV: 'production',
			DATABASE_URL: databaseUrl.toString(),
			SESSION_SECRET: 'e2e-session-secret',
			BAZAAR_SIGNING_SECRET: 'e2e-signing-secret',
			PUBLIC_URL: BASE,
			// The demo templates carry the renders the repository ships; one whose scenes changed since
			// would be caught up on (a minute or more), which is not what these tests time. Each test asks for its own renders.
			RENDER_BACKFILL: 'off',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	child.stdout?.on('data', (chunk) => (workerOutput += chunk))
	child.stderr?.on('data', (chunk) => (workerOutput += chunk))
	return child
}

test.beforeAll(async () => {
	// The specs before this one published and updated templates: the web server (RENDER_JOBS=off)
	// queued a render for each, which no worker took. Those are not what these tests time: this
	// worker starts on an empty queue, as a worker that keeps up with its site does.
	const boss = new PgBoss({ connectionString: databaseUrl.toString(), max: 1, supervise: false, schedule: false })
	await boss.start()
	await boss.purgeQueue('render-template')
	await boss.stop({ graceful: false, close: true })
	worker = startWorker()
})

test.afterAll(async () => {
	if (worker && worker.exitCode === null) {
		const exited = new Promise((resolve) => worker!.once('exit', resolve))
		process.kill(-worker.pid!, 'SIGTERM')
		await exited
	}
	await sql.end()
})

/** Publishes a new project of these scenes through the publish form; returns the template's slug. */
async function publishThroughForm(page: Page, title: string, sceneCodes: string[]) {
	const projectTitle = `${title} (e2e project)`
	const [project] = await sql`insert into "bazaar-vid_project" ("userId", title, props) values ('demo-maya', ${projectTitle}, '{}') returning id`
	for (const [order, code] of sceneCodes.entries()) {
		await sql`insert into "bazaar-vid_scene" ("projectId", "order", name, "tsxCode", duration) values (${project!.id}, ${order}, ${`Part ${order + 1}`}, ${code}, 90)`
	}
	await page.goto('/publish')
	await page.getByRole('combobox', { name: /^Project/ }).selectOption({ label: `${projectTitle} (${sceneCodes.length} scene${sceneCodes.length === 1 ? '' : 's'})` })
	await page.getByRole('button', { name: 'Choose' }).click()
	await page.getByLabel('Title', { exact: true }).fill(title)
	await page.getByLabel('Category', { exact: true }).selectOption('promo')
	await page.getByRole('button', { name: 'Publish' }).click()
	await page.waitForURL(/\/t\/[^/]+$/)
	return new URL(page.url()).pathname.split('/').pop()!
}

async function renderStatusOf(page: Page, slug: string) {
	const response = await page.request.get(`/api/v1/templates/${slug}`)
	return (await response.json()).render?.status as string
}

test('publish → the worker renders posters, a social image and a motion preview, served from our origin; the page unfurls', async ({ browser }) => {
	test.setTimeout(120_000)
	const creator = await signInAs(browser, 'Maya Chen')
	const slug = await publishThroughForm(creator.page, 'Amber Pulse Render', [GOOD_SCENE])
	expect(await renderStatusOf(creator.page, slug)).toBe('pending')

	await expect.poll(() => renderStatusOf(creator.page, slug), { timeout: 60_000, intervals: [500] }).toBe('verified')

	const item = await (await creator.page.request.get(`/api/v1/templates/${slug}`)).json()
	expect(item.thumbnailUrl).toMatch(/^\/media\/[0-9a-f]{64}$/)
	expect(item.socialImageUrl).toMatch(new RegExp(`^${BASE}/media/[0-9a-f]{64}$`))
	expect(item.motionUrl).toMatch(new RegExp(`^${BASE}/media/[0-9a-f]{64}$`))
	expect(item.render).toEqual({ status: 'verified' })
	verifiedTemplateId = item.id

	const poster = await creator.page.request.get(item.thumbnailUrl)
	expect(poster.status()).toBe(200)
	expect(poster.headers()['content-type']).toBe('image/webp')
	expect(poster.headers()['cache-control']).toContain('immutable')
	expect(await sharp(await poster.body()).metadata()).toMatchObject({ format: 'webp', width: 640, height: 360 })

	const social = await creator.page.request.get(item.socialImageUrl)
	expect(await sharp(await social.body()).metadata()).toMatchObject({ format: 'jpeg', width: 1200, height: 630 })

	const motion = await creator.page.request.get(item.motionUrl)
	const motionBytes = await motion.body()
	expect(motionBytes.length).toBeLessThanOrEqual(400 * 1024)
	const motionInfo = await sharp(motionBytes, { animated: true }).metadata()
	expect(motionInfo.format).toBe('webp')
	// 2–4 seconds: frames × delay.
	const seconds = (motionInfo.delay ?? []).reduce((sum, delay) => sum + delay, 0) / 1000
	expect(seconds).toBeGreaterThanOrEqual(2)
	expect(seconds).toBeLessThanOrEqual(4)

	// The page: verified mark, share tags with the absolute social image, oEmbed discovery.
	const visitor = await browser.newContext()
	const page = await visitor.newPage()
	await page.goto(`/t/${slug}`)
	await expect(page.getByText('Plays in Bazaar')).toBeVisible()
	await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', item.socialImageUrl)
	await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute('content', '1200')
	await expect(page.locator('meta[property="og:image:height"]')).toHaveAttribute('content', '630')
	await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image')
	const oembedHref = await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href')
	const oembed = await (await page.request.get(oembedHref!)).json()
	expect(oembed).toMatchObject({ version: '1.0', type: 'rich', title: 'Amber Pulse Render', author_name: 'Maya Chen', thumbnail_url: item.socialImageUrl })
	const playerSrc = /src="([^"]+)"/.exec(oembed.html)![1]!
	const player = await page.request.get(playerSrc)
	expect(player.status()).toBe(200)
	expect(player.headers()['content-security-policy']).toContain('frame-ancestors')
	expect((await page.request.get(`/oembed?url=${encodeURIComponent(`${BASE}/creators/maya`)}&format=json`)).status()).toBe(404)

	// The gallery card: the rendered poster, the mark, and the motion preview on hover (fetched only then).
	const motionPath = new URL(item.motionUrl).pathname
	const motionRequests: string[] = []
	page.on('request', (request) => {
		if (request.url().endsWith(motionPath)) motionRequests.push(request.url())
	})
	await page.goto(`/?q=${encodeURIComponent('Amber Pulse Render')}`)
	const card = page.locator('article.template-card', { hasText: 'Amber Pulse Render' })
	await expect(card.locator('img.poster-image')).toHaveAttribute('src', item.thumbnailUrl)
	// The mark on the poster (a screen reader hears it in the card's sentence instead).
	await expect(card.getByText('✓ Plays in Bazaar', { exact: true })).toBeVisible()
	const motionImage = card.locator('img.poster-motion')
	await expect(motionImage).toHaveCount(1)
	await expect(motionImage).toBeHidden()
	expect(motionRequests).toEqual([])
	const motionLoaded = page.waitForResponse((response) => response.url().endsWith(motionPath))
	await card.hover()
	await expect(motionImage).toBeVisible()
	expect((await motionLoaded).status()).toBe(200)
	await visitor.close()

	// Asking for less motion: hovering shows the still poster only.
	const calm = await browser.newContext({ reducedMotion: 'reduce' })
	const calmPage = await calm.newPage()
	await calmPage.goto(`/?q=${encodeURIComponent('Amber Pulse Render')}`)
	const calmCard = calmPage.locator('article.template-card', { hasText: 'Amber Pulse Render' })
	await expect(calmCard.locator('img.poster-motion')).toHaveCount(1)
	await calmCard.hover()
	await expect(calmCard.locator('img.poster-image')).toBeVisible()
	await expect(calmCard.locator('img.poster-motion')).toBeHidden()
	await calm.close()
	await creator.context.close()
})

test('a scene that throws partway is failing; only its owner learns which scene and why', async ({ browser }) => {
	test.setTimeout(120_000)
	const creator = await signInAs(browser, 'Maya Chen')
	const slug = await publishThroughForm(creator.page, 'Orbit Crash Render', [GOOD_SCENE, THROWING_SCENE])
	await expect.poll(() => renderStatusOf(creator.page, slug), { timeout: 60_000, intervals: [500] }).toBe('failing')

	const asOwner = await (await creator.page.request.get(`/api/v1/templates/${slug}`)).json()
	expect(asOwner.render).toMatchObject({ status: 'failing', failingSceneIndex: 1 })
	expect(asOwner.render.failureMessage).toContain('Orbit data ran out at frame')
	await creator.page.goto(`/t/${slug}`)
	await expect(creator.page.getByTestId('render-failure')).toContainText('Scene 2 does not play')
	await expect(creator.page.getByText('Plays in Bazaar')).toHaveCount(0)

	const stranger = await browser.newContext()
	const asStranger = await (await stranger.request.get(`${BASE}/api/v1/templates/${slug}`)).json()
	expect(asStranger.render).toEqual({ status: 'failing' })
	const strangerPage = await stranger.newPage()
	await strangerPage.goto(`/t/${slug}`)
	await expect(strangerPage.getByRole('heading', { level: 1 })).toHaveText('Orbit Crash Render')
	await expect(strangerPage.getByTestId('render-failure')).toHaveCount(0)
	await stranger.close()
	await creator.context.close()
})

test('a worker killed mid-job: once the job expires, the restarted worker takes it and completes it', async () => {
	test.setTimeout(300_000)
	expect(verifiedTemplateId, 'the first test rendered a template').toBeDefined()
	const templateId = verifiedTemplateId!
	const [before] = await sql`select rendered_at from "bazaar-vid_community_template_renders" where template_id = ${templateId}`
	// A job as templateContentChanged sends it, but expiring after 45 s rather than 5 minutes (long enough for one render on a busy machine).
	const boss = new PgBoss({ connectionString: databaseUrl.toString(), max: 1, supervise: false, schedule: false })
	await boss.start()
	const jobId = await boss.send('render-template', { templateId }, { singletonKey: templateId, priority: 10, retryLimit: 2, retryDelay: 1, expireInSeconds: 45 })
	await boss.stop({ graceful: false, close: true })
	expect(jobId).toBeTruthy()
	const jobState = async () => (await sql`select state from pgboss.job where id = ${jobId!}`)[0]?.state as string | undefined

	await expect.poll(jobState, { timeout: 90_000, intervals: [200] }).toBe('active')
	const killed = worker!
	const exited = new Promise((resolve) => killed.once('exit', resolve))
	process.kill(-killed.pid!, 'SIGKILL')
	await exited
	expect(await jobState()).toBe('active')

	worker = startWorker()
	// pg-boss's maintenance (every 30 s) sees the job expired and puts it back; the new worker renders it.
	await expect.poll(jobState, { timeout: 180_000, intervals: [500] }).toBe('completed')
	const [after] = await sql`select status, rendered_at from "bazaar-vid_community_template_renders" where template_id = ${templateId}`
	expect(after!.status).toBe('verified')
	expect(new Date(after!.rendered_at).getTime()).toBeGreaterThan(new Date(before!.rendered_at).getTime())
})
