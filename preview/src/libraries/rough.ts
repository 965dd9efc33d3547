// window.Rough: roughjs's default export (rough.svg(svgElement), rough.canvas(canvas), rough.generator()).
import rough from 'roughjs'

Object.assign(window, { Rough: rough })
