import type { Format } from '#app/db/schema.ts'
import { FORMAT_LABELS } from '#app/utils/template-filters.ts'

const ORDER: Format[] = ['landscape', 'portrait', 'square']

/** Small outlined frames showing the aspect ratios a template supports. */
export function FormatGlyphs({ formats, withLabels = false }: { formats: Format[]; withLabels?: boolean }) {
	const supported = ORDER.filter((format) => formats.includes(format))
	return (
		<ul className={withLabels ? 'format-list format-list-labelled' : 'format-list'} aria-label="Formats">
			{supported.map((format) => (
				<li key={format} className="format-item" title={FORMAT_LABELS[format]}>
					<span className={`format-glyph format-glyph-${format}`} aria-hidden="true" />
					{withLabels ? FORMAT_LABELS[format] : <span className="visually-hidden">{FORMAT_LABELS[format]}</span>}
				</li>
			))}
		</ul>
	)
}
