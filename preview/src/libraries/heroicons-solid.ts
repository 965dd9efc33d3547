// window.HeroiconsSolid: the 24 px solid Heroicons, as the editor offers them.
import * as HeroiconsSolid from '@heroicons/react/24/solid'

Object.assign(window, { HeroiconsSolid })
