/**
 * The bundle's entry: registers `<bazaar-template-panel>` once (a page that
 * loads the script twice keeps the first definition).
 */
import { TemplatePanelElement } from './template-panel-element.ts'

export { TemplatePanelElement }
export type * from './types.ts'

declare global {
	interface HTMLElementTagNameMap {
		'bazaar-template-panel': TemplatePanelElement
	}
	interface HTMLElementEventMap {
		'bazaar-template-use': CustomEvent<import('./events.ts').TemplateUseDetail>
		'bazaar-template-mix': CustomEvent<import('./events.ts').TemplateUseDetail>
		'bazaar-template-prompt': CustomEvent<import('./events.ts').TemplatePromptDetail>
		'bazaar-template-favorite': CustomEvent<import('./events.ts').TemplateFavoriteDetail>
		'bazaar-error': CustomEvent<import('./events.ts').PanelErrorDetail>
		'bazaar-token-expired': CustomEvent<import('./events.ts').TokenExpiredDetail>
	}
}

if (!customElements.get('bazaar-template-panel')) {
	customElements.define('bazaar-template-panel', TemplatePanelElement)
}
