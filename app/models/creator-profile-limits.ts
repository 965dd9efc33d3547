/**
 * The numbers and names of creator profiles that pages show (form hints, the
 * sort links). Kept apart from the schema in `creator-profile.ts` so that a
 * page importing them does not ship the validator to the browser.
 */
export const HANDLE_MIN_LENGTH = 3
export const HANDLE_MAX_LENGTH = 30
export const BIO_MAX_LENGTH = 500
export const MAX_LINKS = 3
export const LINK_MAX_LENGTH = 500
/** The orders of a profile's templates (`?sort=`), the gallery's names. */
export const CREATOR_SORTS = ['popular', 'new'] as const
export type CreatorSort = (typeof CREATOR_SORTS)[number]
