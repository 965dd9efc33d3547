import { FORMAT_LABELS, FORMATS, type Format } from '#app/vocabulary.ts'

/** Small outlined frames showing the aspect ratios a template supports. */
export function FormatGlyphs({ formats, withLabels = false }: { formats: Format[]; withLabels?: boolean }) {
	const supported = FORMATS.filter((format) => formats.includes(format))
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
