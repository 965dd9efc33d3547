// window.LucideIcons: every lucide-react export (icons under all their names), as the editor offers them.
import * as LucideIcons from 'lucide-react'

Object.assign(window, { LucideIcons })
