/**
 * A few line icons (24×24, currentColor). Each page carries them once, as
 * symbols (`IconSprite`, in root), and every icon is a `<use>` of its symbol:
 * a gallery shows 120 of them, which drawn in full were a third of its HTML.
 */
const PATHS = {
	eye: 'M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Z',
	heart: 'M12 20s-7.5-4.6-9.3-9.2C1.4 7.4 3.6 4 7 4c2 0 3.4 1 5 3 1.6-2 3-3 5-3 3.4 0 5.6 3.4 4.3 6.8C19.5 15.4 12 20 12 20Z',
	download: 'M12 3v12 M7 10l5 5 5-5 M5 21h14',
	layers: 'M12 3 2 8l10 5 10-5-10-5Z M2 16l10 5 10-5 M2 12l10 5 10-5',
	clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Z M12 7v5l3 2',
	search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14Z M21 21l-5-5',
	share: 'M4 12v7a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-7 M16 6l-4-4-4 4 M12 2v13',
	sparkle: 'M12 3v4 M12 17v4 M3 12h4 M17 12h4 M6 6l2.5 2.5 M15.5 15.5 18 18 M6 18l2.5-2.5 M15.5 8.5 18 6',
	x: 'M6 6l12 12 M18 6 6 18',
	arrowLeft: 'M19 12H5 M11 6l-6 6 6 6',
	arrowRight: 'M5 12h14 M13 6l6 6-6 6',
} as const

export type IconName = keyof typeof PATHS

const SYMBOL_PREFIX = 'icon-'

/** The symbols every `Icon` refers to; rendered once per page (root's layout). */
export function IconSprite() {
	return (
		<svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true">
			{(Object.keys(PATHS) as IconName[]).map((name) => (
				<symbol key={name} id={`${SYMBOL_PREFIX}${name}`} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
					<path d={PATHS[name]} />
				</symbol>
			))}
		</svg>
	)
}

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
	return (
		<svg className={className ? `icon ${className}` : 'icon'} width={size} height={size} aria-hidden="true">
			<use href={`#${SYMBOL_PREFIX}${name}`} />
		</svg>
	)
}
