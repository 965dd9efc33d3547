/**
 * A few line icons (24×24, drawn in currentColor). The drawings live once, in
 * the stylesheet (`.icon-<name>` in app/styles/app.css, a CSS mask), which the
 * browser caches across pages; a page carries only an empty element per icon.
 * A gallery shows 120 of them: drawn inline they were a third of its HTML, and
 * as `<use>` of an inline sprite still 14 KiB.
 */
export const ICON_NAMES = ['eye', 'heart', 'download', 'layers', 'clock', 'search', 'share', 'sparkle', 'x', 'arrowLeft', 'arrowRight'] as const

export type IconName = (typeof ICON_NAMES)[number]

/** The sizes the stylesheet draws (`.icon-size-<n>`); 16 is the default. */
export type IconSize = 12 | 14 | 16 | 20

export function Icon({ name, size = 16, className }: { name: IconName; size?: IconSize; className?: string }) {
	const classes = ['icon', `icon-${name}`]
	if (size !== 16) classes.push(`icon-size-${size}`)
	if (className) classes.push(className)
	return <span className={classes.join(' ')} aria-hidden="true" />
}
