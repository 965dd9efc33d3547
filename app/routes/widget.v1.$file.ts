import type { LoaderFunctionArgs } from '@remix-run/node'
import { widgetBundleResponse } from '#app/utils/widget-bundle.server.ts'

/** `GET /widget/v1/bazaar-community.js` (stable) and `/widget/v1/bazaar-community.<hash>.js` (immutable). */
export function loader({ request, params }: LoaderFunctionArgs) {
	return widgetBundleResponse(request, params.file ?? '')
}
