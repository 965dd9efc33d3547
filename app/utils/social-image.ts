/** The social card's size (og:image): rendered by the render worker, declared by the template page. */
export const SOCIAL_IMAGE_SIZE = { width: 1200, height: 630 } as const
