/**
 * `npm run fidelity:editor-templates -- --editor <path>`: how many of the Bazaar
 * editor's own built-in templates play in our preview. Not part of `npm test`:
 * it reads another repository at run time and never copies its code here.
 *
 * <path> is a checkout of github.com/bazaar-it/bazaar or a bare git directory
 * of it (default: $BAZAAR_EDITOR_REPO). For every `src/templates/*.tsx` it
 * takes two scenes, the file itself and the string its `templateConfig.getCode()`
 * returns (the code the editor stores for a scene made from that template),
 * then, as a creator would, puts each in a project and publishes it through
 * `publishTemplate` (the validator, then the media copier), and plays each
 * published scene in our sandboxed preview in Chromium: it "plays" when the
 * runtime reports ready, frames advance for a second with no error card, and
 * no request leaves our origin.
 *
 * It runs the production build (`npm run build` first) in this process on a
 * throwaway embedded database (PGlite in memory), on a free port.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { parse } from 'sucrase/dist/parser/index.js'
import { TokenType } from 'sucrase/dist/parser/tokenizer/types.js'

const { values: options } = parseArgs({ options: { editor: { type: 'string' }, verbose: { type: 'boolean', default: false } } })
const editor = options.editor ?? process.env.BAZAAR_EDITOR_REPO
if (!editor) {
	console.error('Usage: npm run fidelity:editor-templates -- --editor <checkout or bare git dir of bazaar-it/bazaar>')
	process.exit(2)
}

/** Reads a file of the editor repository, from a checkout or from HEAD of a bare git directory. */
function editorFiles(): Array<{ file: string; read: () => string }> {
	const isCheckout = fs.existsSync(path.join(editor!, 'src/templates'))
	if (isCheckout) {
		return fs
			.readdirSync(path.join(editor!, 'src/templates'))
			.filter((name) => name.endsWith('.tsx'))
			.sort()
			.map((name) => ({ file: `src/templates/${name}`, read: () => fs.readFileSync(path.join(editor!, 'src/templates', name), 'utf8') }))
	}
	const listing = execFileSync('git', ['--git-dir', editor!, 'ls-tree', '--name-only', 'HEAD', 'src/templates/'], { encoding: 'utf8' })
	return listing
		.split('\n')
		.filter((file) => file.endsWith('.tsx'))
		.sort()
		.map((file) => ({ file, read: () => execFileSync('git', ['--git-dir', editor!, 'show', `HEAD:${file}`], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }) }))
}

/** The value of a template literal without substitutions (`\`…\``), cooked; undefined when it has `${…}` parts. */
function cookTemplate(raw: string) {
	let out = ''
	for (let index = 0; index < raw.length; index++) {
		const char = raw[index]!
		if (char === '$' && raw[index + 1] === '{') return undefined
		if (char !== '\\') {
			out += char
			continue
		}
		const next = raw[++index]!
		out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[next] ?? next
	}
	return out
}

/** `templateConfig.getCode()` of a template file, read from its tokens (never run), and the config's duration. */
function getCodeOf(source: string): { code: string; duration?: number } | undefined {
	let tokens
	try {
		tokens = parse(source, true, true, false).tokens
	} catch {
		return undefined
	}
	const text = (index: number) => source.slice(tokens[index]!.start, tokens[index]!.end)
	for (let index = 0; index < tokens.length; index++) {
		if (tokens[index]!.type !== TokenType.name || text(index) !== 'getCode') continue
		let cursor = index + 1
		while (cursor < tokens.length && tokens[cursor]!.type !== TokenType.backQuote) cursor++
		const literal = tokens[cursor + 1]
		if (!literal || literal.type !== TokenType.template || tokens[cursor + 2]?.type !== TokenType.backQuote) return undefined
		const code = cookTemplate(source.slice(literal.start, literal.end))
		if (code === undefined) return undefined
		const duration = /duration:\s*(\d+)/.exec(source.slice(0, tokens[index]!.start).split('templateConfig').pop() ?? '')?.[1]
		return { code, duration: duration ? Number(duration) : undefined }
	}
	return undefined
}

interface Candidate {
	label: string
	tsxCode: string
	duration: number
}

function candidates(): Candidate[] {
	const list: Candidate[] = []
	for (const { file, read } of editorFiles()) {
		const source = read()
		const name = path.basename(file, '.tsx')
		const fromConfig = getCodeOf(source)
		const duration = Math.min(3600, Math.max(1, fromConfig?.duration ?? 150))
		list.push({ label: `${name}.tsx`, tsxCode: source, duration })
		if (fromConfig) list.push({ label: `${name} getCode()`, tsxCode: fromConfig.code, duration })
	}
	return list
}

async function main() {
	const scenesToTry = candidates()
	if (scenesToTry.length === 0) throw new Error(`No src/templates/*.tsx found in ${editor}`)

	// The production build, in this process, on a throwaway embedded database.
	delete process.env.DATABASE_URL
	Object.assign(process.env, { NODE_ENV: 'production', PGLITE_DATA_DIR: 'memory://', RATE_LIMIT_MULTIPLIER: '1000' })
	// The compiled server entry (`npm run build`), as `npm start` runs it.
	const { startServer } = (await import(path.resolve(import.meta.dirname, '../build/server-entry/index.js'))) as {
		startServer: (options: { mode: 'production'; port: number; renderJobs: boolean; log: (line: string) => void }) => Promise<{ port: number; stop: (reason?: string) => Promise<void> }>
	}
	const running = await startServer({ mode: 'production', port: 0, renderJobs: false, log: () => {} })
	const base = `http://localhost:${running.port}`
	const { db } = await import('#app/db/client.server.ts')
	const { projects, scenes, users } = await import('#app/db/schema.ts')
	const { publishTemplate } = await import('#app/models/publish.server.ts')
	const { TemplateMetadataSchema } = await import('#app/models/template-metadata.ts')

	const [user] = await db.insert(users).values({ id: 'fidelity-runner', name: 'Fidelity runner', email: 'fidelity@bazaar.example' }).returning()
	const results: Array<{ label: string; outcome: string }> = []
	const toPlay: Array<{ label: string; templateId: string }> = []
	for (const [index, candidate] of scenesToTry.entries()) {
		const [project] = await db.insert(projects).values({ userId: user!.id, title: `Fidelity ${index}`, props: {} }).returning()
		await db.insert(scenes).values({ projectId: project!.id, order: 0, name: candidate.label, tsxCode: candidate.tsxCode, duration: candidate.duration })
		const metadata = TemplateMetadataSchema.parse({ title: `Editor template ${index}`, description: '', category: 'intros', tags: 'fidelity', formats: ['landscape'], visibility: 'unlisted' })
		const published = await publishTemplate({ ownerUserId: user!.id, projectId: project!.id, metadata })
		if (published.ok) toPlay.push({ label: candidate.label, templateId: published.template.id })
		else {
			const why = published.reason === 'scene_errors' ? published.scenes.flatMap((scene) => scene.problems.map((problem) => problem.message)).join(' | ') : published.reason
			results.push({ label: candidate.label, outcome: `refused at publish: ${why}` })
		}
	}

	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	})
	try {
		for (const { label, templateId } of toPlay) {
			const page = await browser.newPage()
			const foreign: string[] = []
			page.on('request', (request) => {
				const url = request.url()
				if (!url.startsWith(`${base}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url)
			})
			page.on('console', (message) => {
				if (/Refused to (load|connect)/.test(message.text())) foreign.push(message.text())
			})
			let outcome: string
			try {
				await page.goto(`${base}/preview/${templateId}/0?start=0`)
				await page.waitForFunction(() => ['ready', 'error'].includes(document.documentElement.dataset.previewState ?? ''), null, { timeout: 20_000 })
				if ((await page.evaluate(() => document.documentElement.dataset.previewState)) === 'ready') {
					// A second of playback (or the whole of a shorter scene): frames advance, or the scene fails on the way.
					await page.waitForFunction(
						() =>
							document.documentElement.dataset.previewState === 'error' ||
							Number(document.documentElement.dataset.frame ?? 0) >= Math.min(30, Number(document.body.dataset.duration ?? 30) - 1),
						null,
						{ timeout: 20_000 },
					)
				}
				const state = await page.evaluate(() => document.documentElement.dataset.previewState)
				const card = page.getByRole('alert')
				if (state === 'error' || (await card.count()) > 0) outcome = `error card: ${(await card.first().innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 240)}`
				else if (foreign.length > 0) outcome = `plays, but reached outside our origin: ${foreign[0]}`
				else outcome = 'plays'
			} catch (error) {
				outcome = `did not settle: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
			}
			results.push({ label, outcome })
			await page.close()
		}
	} finally {
		await browser.close()
		await running.stop('done')
	}

	results.sort((a, b) => a.label.localeCompare(b.label))
	const playing = results.filter((result) => result.outcome === 'plays')
	for (const result of results) if (options.verbose || result.outcome !== 'plays') console.log(`${result.outcome === 'plays' ? 'ok  ' : 'FAIL'} ${result.label}: ${result.outcome}`)
	const files = new Set(scenesToTry.map((candidate) => candidate.label.replace(/(\.tsx| getCode\(\))$/, ''))).size
	console.log(`\n${playing.length} of ${results.length} editor template scenes play in our preview (${files} files in src/templates: each file and its getCode()).`)
	console.log(`  getCode() scenes: ${playing.filter((r) => r.label.endsWith('getCode()')).length} of ${results.filter((r) => r.label.endsWith('getCode()')).length} play`)
	console.log(`  template files:   ${playing.filter((r) => r.label.endsWith('.tsx')).length} of ${results.filter((r) => r.label.endsWith('.tsx')).length} play`)
}

main().catch((error) => {
	console.error(error)
	process.exit(1)
})
