// window.HeroiconsOutline: the 24 px outline Heroicons, as the editor offers them.
import * as HeroiconsOutline from '@heroicons/react/24/outline'

Object.assign(window, { HeroiconsOutline })
