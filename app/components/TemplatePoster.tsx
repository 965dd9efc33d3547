/**
 * A designed placeholder poster, used until templates have real thumbnails:
 * a gradient from the category's palette, a motif drawn from the category
 * (bars for data, rings for intros…) placed by a hash of the template id, and
 * the title. The template page draws it inline (one, large); cards show the
 * same artwork as an image (`PosterArtwork`, served by /posters/:id.svg and
 * cached for good) so a gallery page does not carry 24 inline drawings.
 */
import type { CSSProperties, ReactNode } from 'react'

const PALETTES: Record<string, [string, string]> = {
	intros: ['#4c1d95', '#c026d3'],
	titles: ['#111827', '#4f46e5'],
	social: ['#be123c', '#ea580c'],
	data: ['#075985', '#0f766e'],
	promo: ['#9a3412', '#be185d'],
	'lower-thirds': ['#134e4a', '#0e7490'],
	transitions: ['#5b21b6', '#0e7490'],
	education: ['#1e3a8a', '#0369a1'],
}
const FALLBACK: [string, string] = ['#1e293b', '#475569']

/** FNV-1a: a small, stable hash so the same template always gets the same poster. */
export function hashText(text: string) {
	let hash = 0x811c9dc5
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index)
		hash = Math.imul(hash, 0x01000193)
	}
	return hash >>> 0
}

function motif(category: string | null, seed: number): ReactNode {
	const pick = (shift: number, span: number) => ((seed >>> shift) % span) as number
	const white = (opacity: number) => ({ fill: `rgba(255,255,255,${opacity})` })
	switch (category) {
		case 'data':
			return [0, 1, 2, 3, 4].map((bar) => {
				const height = 14 + ((seed >>> (bar * 3)) % 40)
				return <rect key={bar} x={92 + bar * 13} y={80 - height} width={9} height={height} rx={2} style={white(0.22 + bar * 0.05)} />
			})
		case 'intros':
			return [38, 26, 14].map((radius, ring) => (
				<circle key={radius} cx={118 + pick(4, 14)} cy={40 + pick(8, 10)} r={radius} style={{ fill: 'none', stroke: `rgba(255,255,255,${0.18 + ring * 0.12})`, strokeWidth: 5 }} />
			))
		case 'titles':
			return [0, 1, 2].map((line) => (
				<rect key={line} x={84 + pick(line * 5, 12)} y={16 + line * 14} width={64 - line * 14} height={8} rx={4} style={white(0.16 + line * 0.06)} />
			))
		case 'social':
			return (
				<>
					<rect x={112} y={8} width={36} height={64} rx={7} style={white(0.18)} />
					<circle cx={130} cy={34} r={9 + pick(3, 5)} style={white(0.3)} />
					<rect x={119} y={52} width={22} height={5} rx={2.5} style={white(0.35)} />
				</>
			)
		case 'promo':
			return (
				<>
					<rect x={104} y={10} width={44} height={44} rx={6} transform={`rotate(${12 + pick(2, 20)} 126 32)`} style={white(0.2)} />
					<circle cx={136} cy={22} r={5} style={white(0.45)} />
				</>
			)
		case 'lower-thirds':
			return (
				<>
					<rect x={60} y={54} width={92} height={14} rx={3} style={white(0.3)} />
					<rect x={60} y={69} width={56 + pick(4, 20)} height={7} rx={2} style={white(0.2)} />
				</>
			)
		case 'transitions':
			return [0, 1, 2, 3].map((stripe) => (
				<rect key={stripe} x={70 + stripe * 20 + pick(6, 6)} y={-20} width={12} height={130} transform="rotate(25 110 45)" style={white(0.1 + stripe * 0.05)} />
			))
		case 'education':
			return [0, 1, 2].map((row) => (
				<g key={row}>
					<circle cx={104} cy={20 + row * 18} r={5} style={white(0.2 + row * 0.1)} />
					<rect x={114} y={17 + row * 18} width={28 + pick(row * 4, 12)} height={6} rx={3} style={white(0.2)} />
				</g>
			))
		default:
			return <circle cx={124} cy={40} r={26} style={white(0.2)} />
	}
}

/** The gradient's CSS variables (app.css `.poster`): a card shows them while its image loads. */
export function posterStyle(id: string, category: string | null) {
	const seed = hashText(id)
	const [from, to] = (category && PALETTES[category]) || FALLBACK
	return { '--poster-from': from, '--poster-to': to, '--poster-angle': `${110 + (seed % 70)}deg` } as CSSProperties
}

/**
 * The poster's artwork (gradient and motif, no title) as a standalone SVG
 * document, for GET /posters/:id.svg. The gradient's angle follows the CSS
 * one: SVG's default runs left to right, which CSS calls 90deg.
 */
export function PosterArtwork({ id, category }: { id: string; category: string | null }) {
	const seed = hashText(id)
	const [from, to] = (category && PALETTES[category]) || FALLBACK
	return (
		<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90" width="320" height="180" preserveAspectRatio="xMaxYMid slice">
			<defs>
				<linearGradient id="g" gradientTransform={`rotate(${110 + (seed % 70) - 90} .5 .5)`}>
					<stop offset="0" stopColor={from} />
					<stop offset="1" stopColor={to} />
				</linearGradient>
			</defs>
			<rect width="160" height="90" fill="url(#g)" />
			{motif(category, seed)}
		</svg>
	)
}

export function TemplatePoster({
	id,
	title,
	category,
	thumbnailUrl,
	label,
	size = 'card',
}: {
	id: string
	title: string
	category: string | null
	thumbnailUrl?: string | null
	/** When set, the poster is announced as an image with this label; otherwise it is decorative. */
	label?: string
	size?: 'card' | 'large'
}) {
	const seed = hashText(id)
	const style = posterStyle(id, category)
	const a11y = label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true }
	if (thumbnailUrl) {
		return (
			<div className={`poster poster-${size}`} style={style} {...a11y}>
				<img src={thumbnailUrl} alt="" loading="lazy" className="poster-image" />
			</div>
		)
	}
	return (
		<div className={`poster poster-${size}`} style={style} {...a11y}>
			<svg className="poster-motif" viewBox="0 0 160 90" preserveAspectRatio="xMaxYMid slice" aria-hidden="true" focusable="false">
				{motif(category, seed)}
			</svg>
			<span className="poster-title">{title}</span>
		</div>
	)
}
