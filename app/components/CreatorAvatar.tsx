/**
 * A creator's picture: their image when it is an https (or same-site) address,
 * else the first letter of their name on the accent gradient.
 */
export function CreatorAvatar({ name, image, size = 'small' }: { name: string | null; image: string | null; size?: 'small' | 'large' }) {
	const className = size === 'large' ? 'avatar avatar-large' : 'avatar'
	if (image && (image.startsWith('https://') || (image.startsWith('/') && !image.startsWith('//')))) {
		return <img className={className} src={image} alt="" width={size === 'large' ? 96 : 32} height={size === 'large' ? 96 : 32} referrerPolicy="no-referrer" />
	}
	return (
		<span className={className} aria-hidden="true">
			{(name ?? 'B').slice(0, 1).toUpperCase()}
		</span>
	)
}
