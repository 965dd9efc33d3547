/**
 * Icon names a scene can use with `window.IconifyIcon`: the Iconify sets
 * served from our origin (`@iconify-json/<prefix>` packages from npm) and the
 * URL of the classic script that hands their data to the preview runtime.
 * No imports, so the preview's iconify bundle can share it cheaply.
 */

/** `mdi`, `material-symbols` and the sets the editor's icon loader bundles. */
export const ICON_SET_PREFIXES = [
	'mdi', 'material-symbols', 'lucide', 'carbon', 'tabler', 'simple-icons', 'heroicons', 'healthicons', 'bi',
	'codicon', 'devicon', 'fa6-brands', 'fa6-solid', 'logos', 'octicon', 'akar-icons', 'ic',
] as const

/** `prefix:name`, spelled as Iconify spells them (lower case, digits, dashes; underscores in a few sets). */
export const ICON_NAME_PATTERN = /^([a-z0-9]+(?:-[a-z0-9]+)*):([a-z0-9]+(?:[-_][a-z0-9]+)*)$/
const SERVED_PREFIXES = new Set<string>(ICON_SET_PREFIXES)

/** Whether a text is an icon name of a set we serve. */
export function isServedIconName(text: string) {
	const match = ICON_NAME_PATTERN.exec(text)
	return match !== null && SERVED_PREFIXES.has(match[1]!)
}

export const ICON_SCRIPT_PATH = '/preview/icons.js'
/** Most icon names one script request may ask for. */
export const MAX_ICONS_PER_REQUEST = 200

/** The script for these names; sorted and without repeats, so one set of icons has one cacheable URL. */
export function iconScriptUrl(names: Iterable<string>) {
	return `${ICON_SCRIPT_PATH}?icons=${[...new Set(names)].sort().join(',')}`
}
