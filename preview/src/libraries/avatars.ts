// window.BazaarAvatars: the editor's avatar keys mapped to portraits on our own origin.
import { bazaarAvatarsMap } from '../../../app/utils/scene-avatars.ts'

Object.assign(window, { BazaarAvatars: Object.freeze(bazaarAvatarsMap()) })
