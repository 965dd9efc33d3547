import type { LinksFunction } from '@remix-run/node'
import creatorStylesHref from '#app/styles/creators.css?url'

/** The stylesheet of the creator pages (publish, dashboard, moderation, report). */
export const creatorStylesLinks: LinksFunction = () => [{ rel: 'stylesheet', href: creatorStylesHref }]
