/**
 * Icon data for previews, from the Iconify JSON sets installed from npm
 * (`@iconify-json/<prefix>`; the list is app/utils/scene-icons.ts). A preview
 * asks for the icons it needs as one classic script
 * (`GET /preview/icons.js?icons=mdi:home,tabler:star`) that hands each set's
 * subset to the runtime (`BazaarIcons.add`) and names the icons no set has
 * (`BazaarIcons.missing`), which the runtime draws as a placeholder.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { IconifyJSON } from '@iconify/types'
import { getIcons } from '@iconify/utils/lib/icon-set/get-icons'
import { ICON_NAME_PATTERN, ICON_SET_PREFIXES } from '#app/utils/scene-icons.ts'

const require = createRequire(import.meta.url)
const SERVED = new Set<string>(ICON_SET_PREFIXES)

/** Parsed sets kept in memory, least recently used out first: the largest (material-symbols) is about 9 MB of JSON. */
const LOADED_SETS_MAX = 6
const loadedSets = new Map<string, Promise<IconifyJSON>>()

async function iconSet(prefix: string): Promise<IconifyJSON> {
	let set = loadedSets.get(prefix)
	if (set) {
		loadedSets.delete(prefix)
	} else {
		set = readFile(require.resolve(`@iconify-json/${prefix}/icons.json`), 'utf8').then((text) => JSON.parse(text) as IconifyJSON)
		set.catch(() => loadedSets.delete(prefix))
	}
	loadedSets.set(prefix, set)
	if (loadedSets.size > LOADED_SETS_MAX) loadedSets.delete(loadedSets.keys().next().value!)
	return set
}

export interface IconLookup {
	/** One subset per prefix, with the icons asked for (and the icons their aliases point at). */
	sets: IconifyJSON[]
	/** Names no served set has. */
	missing: string[]
}

/** The icon data for these `prefix:name` names. Names that are not icon names, or of sets we do not serve, are missing. */
export async function lookUpIcons(names: string[]): Promise<IconLookup> {
	const byPrefix = new Map<string, string[]>()
	const missing: string[] = []
	for (const name of new Set(names)) {
		const match = ICON_NAME_PATTERN.exec(name)
		if (!match || !SERVED.has(match[1]!)) {
			missing.push(name)
			continue
		}
		byPrefix.set(match[1]!, [...(byPrefix.get(match[1]!) ?? []), match[2]!])
	}
	const sets: IconifyJSON[] = []
	for (const [prefix, iconNames] of byPrefix) {
		const subset = getIcons(await iconSet(prefix), iconNames, true)
		if (!subset) {
			missing.push(...iconNames.map((name) => `${prefix}:${name}`))
			continue
		}
		missing.push(...(subset.not_found ?? []).map((name) => `${prefix}:${name}`))
		delete subset.not_found
		if (Object.keys(subset.icons).length > 0) sets.push(subset)
	}
	return { sets, missing: missing.sort() }
}

/** The classic script the preview document loads for these icons. */
export async function iconScript(names: string[]) {
	const { sets, missing } = await lookUpIcons(names)
	const lines = sets.map((set) => `BazaarIcons.add(${JSON.stringify(set)});`)
	if (missing.length > 0) lines.push(`BazaarIcons.missing(${JSON.stringify(missing)});`)
	return `${lines.join('\n')}\n`
}
