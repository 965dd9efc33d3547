import { FORMAT_LABELS, FORMATS, type Format } from '#app/vocabulary.ts'

/**
 * Small outlined frames showing the aspect ratios a template supports. With
 * labels (a template page): a list of frames with their names. Without (a
 * gallery card, 24 to a page): one picture of the frames, named once for
 * screen readers and as a tooltip.
 */
export function FormatGlyphs({ formats, withLabels = false }: { formats: Format[]; withLabels?: boolean }) {
	const supported = FORMATS.filter((format) => formats.includes(format))
	if (!withLabels) {
		const names = `Formats: ${supported.map((format) => FORMAT_LABELS[format]).join(', ')}`
		return (
			// A picture's title is its accessible name.
			<p className="format-list" role="img" title={names}>
				{supported.map((format) => (
					<span key={format} className={`format-glyph format-glyph-${format}`} />
				))}
			</p>
		)
	}
	return (
		<ul className="format-list format-list-labelled" aria-label="Formats">
			{supported.map((format) => (
				<li key={format} className="format-item" title={FORMAT_LABELS[format]}>
					<span className={`format-glyph format-glyph-${format}`} aria-hidden="true" />
					{FORMAT_LABELS[format]}
				</li>
			))}
		</ul>
	)
}
