/**
 * Which way imports go (README, "Folder map"): routes → models → db, and
 * everything may use utils, but app/utils/ imports no model, components take
 * no runtime value from the Drizzle schema, and the vocabulary imports nothing.
 * Read from the source files, so a new file is checked the day it is added.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '..')

function sourceFiles(directory: string): string[] {
	return readdirSync(path.join(ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.join(directory, entry.name)
		if (entry.isDirectory()) return sourceFiles(relative)
		return /\.(ts|tsx|mts|js|mjs)$/.test(entry.name) ? [relative] : []
	})
}

/** Every module specifier a file imports or re-exports, statically or with `import()`, with whether it is type-only. */
function importsOf(source: string) {
	const found: Array<{ specifier: string; typeOnly: boolean }> = []
	const statement = /\b(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g
	for (const match of source.matchAll(statement)) found.push({ specifier: match[3]!, typeOnly: Boolean(match[2]) })
	for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: match[1]!, typeOnly: false })
	return found
}

/** The file under app/ that a specifier names, or null for a package. */
function resolvedAppPath(file: string, specifier: string) {
	if (specifier.startsWith('#app/')) return path.posix.join('app', specifier.slice('#app/'.length))
	if (specifier.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
	return null
}

function violations(directory: string, isForbidden: (target: string, typeOnly: boolean) => boolean) {
	return sourceFiles(directory).flatMap((file) =>
		importsOf(readFileSync(path.join(ROOT, file), 'utf8'))
			.filter(({ specifier, typeOnly }) => {
				const target = resolvedAppPath(file, specifier)
				return target !== null && isForbidden(target, typeOnly)
			})
			.map(({ specifier }) => `${file} imports ${specifier}`),
	)
}

describe('layering', () => {
	test('the import reader sees every form of import', () => {
		const specifiers = importsOf(
			[
				`import { a } from '#app/models/a.server.ts'`,
				`import type { B } from "../models/b.server.ts"`,
				`import * as c from './c.ts'`,
				`import './d.css'`,
				`export { e } from '#app/models/e.server.ts'`,
				`const f = await import('#app/models/f.server.ts')`,
				`import {\n\tg,\n\th,\n} from '#app/models/g.server.ts'`,
			].join('\n'),
		).map(({ specifier }) => specifier)
		expect(specifiers).toEqual(['#app/models/a.server.ts', '../models/b.server.ts', './c.ts', './d.css', '#app/models/e.server.ts', '#app/models/g.server.ts', '#app/models/f.server.ts'])
	})

	test('app/utils imports no model, not even a type', () => {
		expect(violations('app/utils', (target) => target.startsWith('app/models/'))).toEqual([])
	})

	test('components take no runtime value from the Drizzle schema (the vocabulary is in app/vocabulary.ts)', () => {
		expect(violations('app/components', (target, typeOnly) => target === 'app/db/schema.ts' && !typeOnly)).toEqual([])
	})

	test('the vocabulary depends on nothing in the app, so the schema, the browser and tests can all read it', () => {
		const imports = importsOf(readFileSync(path.join(ROOT, 'app/vocabulary.ts'), 'utf8'))
		expect(imports).toEqual([])
	})
})
