/**
 * The metadata fields shared by the publish form and the edit form, with the
 * field names of the contract (`title`, `description`, `category`, `tags`,
 * `formats` repeated, `visibility`) and each field's errors beside it.
 */
import { DESCRIPTION_MAX_LENGTH, MAX_TAGS, TITLE_MAX_LENGTH, type FieldErrors } from '#app/models/template-metadata.ts'
import { CATEGORIES, FORMAT_LABELS, FORMATS, VISIBILITIES } from '#app/vocabulary.ts'

export interface MetadataDefaults {
	title?: string
	description?: string
	category?: string
	tags?: string
	formats?: string[]
	visibility?: string
}

const VISIBILITY_LABELS: Record<(typeof VISIBILITIES)[number], string> = {
	public: 'Public: listed in the gallery and search',
	unlisted: 'Unlisted: only people with the link',
}

export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
	if (!messages?.length) return null
	return (
		<p className="field-error" id={id} role="alert">
			{messages.join(' ')}
		</p>
	)
}

export function TemplateMetadataFields({ defaults, errors }: { defaults: MetadataDefaults; errors?: FieldErrors }) {
	const invalid = (field: string) => (errors?.[field]?.length ? { 'aria-invalid': true as const, 'aria-describedby': `${field}-error` } : {})
	const formats = defaults.formats ?? [...FORMATS]
	return (
		<>
			<div className="field">
				<label htmlFor="title">Title</label>
				<input id="title" name="title" type="text" required maxLength={TITLE_MAX_LENGTH} defaultValue={defaults.title} {...invalid('title')} />
				<FieldError id="title-error" messages={errors?.title} />
			</div>
			<div className="field">
				<label htmlFor="description">Description</label>
				<textarea id="description" name="description" rows={5} defaultValue={defaults.description} {...invalid('description')} />
				<p className="field-hint">Plain text, at most {DESCRIPTION_MAX_LENGTH.toLocaleString('en-US')} characters. Blank lines separate paragraphs.</p>
				<FieldError id="description-error" messages={errors?.description} />
			</div>
			<div className="field">
				<label htmlFor="category">Category</label>
				<select id="category" name="category" required defaultValue={defaults.category ?? ''} {...invalid('category')}>
					<option value="" disabled>
						Choose a category
					</option>
					{CATEGORIES.map((category) => (
						<option key={category.slug} value={category.slug}>
							{category.label}
						</option>
					))}
				</select>
				<FieldError id="category-error" messages={errors?.category} />
			</div>
			<div className="field">
				<label htmlFor="tags">Tags</label>
				<input id="tags" name="tags" type="text" defaultValue={defaults.tags} placeholder="logo, minimal, dark" {...invalid('tags')} />
				<p className="field-hint">Comma-separated, at most {MAX_TAGS}. They are saved in lower case.</p>
				<FieldError id="tags-error" messages={errors?.tags} />
			</div>
			<fieldset className="field" {...(errors?.formats?.length ? { 'aria-describedby': 'formats-error' } : {})}>
				<legend>Formats it works in</legend>
				<div className="choice-row">
					{FORMATS.map((format) => (
						<label key={format}>
							<input type="checkbox" name="formats" value={format} defaultChecked={formats.includes(format)} /> {FORMAT_LABELS[format]}
						</label>
					))}
				</div>
				<FieldError id="formats-error" messages={errors?.formats} />
			</fieldset>
			<fieldset className="field" {...(errors?.visibility?.length ? { 'aria-describedby': 'visibility-error' } : {})}>
				<legend>Visibility</legend>
				<div className="choice-column">
					{VISIBILITIES.map((visibility) => (
						<label key={visibility}>
							<input type="radio" name="visibility" value={visibility} defaultChecked={(defaults.visibility ?? 'public') === visibility} />{' '}
							{VISIBILITY_LABELS[visibility]}
						</label>
					))}
				</div>
				<FieldError id="visibility-error" messages={errors?.visibility} />
			</fieldset>
		</>
	)
}
