/** The `detail` of each CustomEvent the panel dispatches (bubbling, composed). */
import type { TemplateScene } from './types.ts'

/** `bazaar-template-use` (all scenes) and `bazaar-template-mix` (the chosen ones): the API has copied them. */
export interface TemplateUseDetail {
	templateId: string
	slug: string
	title: string
	mode: 'use' | 'mix'
	/** The project the scenes went into: `project-id`, or the new project the API made. */
	projectId: string | null
	/** Ids of the `bazaar-vid_scene` rows created, in order. */
	sceneIds: string[]
	/** The template's scene indexes that were copied. */
	sceneIndexes: number[]
}

/** `bazaar-template-prompt`: nothing was copied; the host decides what "use as a prompt" means. */
export interface TemplatePromptDetail {
	templateId: string
	slug: string
	title: string
	projectId: string | null
	/** A ready-made sentence describing the template. */
	prompt: string
	scenes: Array<Pick<TemplateScene, 'index' | 'title' | 'tsxCode' | 'duration'>>
}

/** `bazaar-template-favorite`: the server has stored the new state. */
export interface TemplateFavoriteDetail {
	templateId: string
	slug: string
	title: string
	favorited: boolean
}

/** `bazaar-error`: any failed call. */
export interface PanelErrorDetail {
	/** `list`, `preview`, `use`, `mix`, `favorite` or `unfavorite`. */
	action: string
	templateId: string | null
	/** HTTP status; 0 when the server could not be reached. */
	status: number
	/** The API's `error.code`, or `offline` / `network` / `http_<status>`. */
	code: string
	message: string
	/** Seconds to wait (429), else null. */
	retryAfter: number | null
}

/** `bazaar-token-expired`: the API answered 401; set a fresh `token` attribute. */
export interface TokenExpiredDetail {
	action: string
	templateId: string | null
	status: 401
}
