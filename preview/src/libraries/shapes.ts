// window.RemotionShapes: @remotion/shapes (Circle, Rect, Triangle, Star, Pie, makeCircle…), as the editor offers it.
import * as RemotionShapes from '@remotion/shapes'

Object.assign(window, { RemotionShapes })
