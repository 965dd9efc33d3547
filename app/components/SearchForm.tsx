import { Form } from '@remix-run/react'
import type { GalleryQuery } from '#app/utils/template-filters.ts'
import { Icon } from './Icon.tsx'

/** The gallery search: a plain GET form to `/` that keeps the other filters (works without JavaScript). */
export function SearchForm({ query, id = 'gallery-search', size = 'large' }: { query?: Partial<GalleryQuery>; id?: string; size?: 'large' | 'compact' }) {
	return (
		<Form method="get" action="/" role="search" className={`search-form search-form-${size}`}>
			<label htmlFor={id} className="visually-hidden">
				Search templates
			</label>
			<Icon name="search" size={size === 'large' ? 20 : 16} className="search-icon" />
			<input
				id={id}
				className="search-input"
				type="search"
				name="q"
				defaultValue={query?.q ?? ''}
				key={query?.q ?? ''}
				placeholder="Search: logo, countdown, chart…"
				maxLength={100}
				autoComplete="off"
			/>
			{query?.category ? <input type="hidden" name="category" value={query.category} /> : null}
			{query?.tag ? <input type="hidden" name="tag" value={query.tag} /> : null}
			{query?.format ? <input type="hidden" name="format" value={query.format} /> : null}
			<button type="submit" className="btn btn-primary">
				Search
			</button>
		</Form>
	)
}
