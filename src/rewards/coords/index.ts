// Parsing: boxes and points in every VLM convention, raw (model space, text order)
export type { CoordFormat, ParseOptions } from './parse.js'
export { COORD_FORMATS, detectFormat, FORMAT_SPACE, MAX_SHAPES, parseBoxes, parsePoints, parseShapes } from './parse.js'
export type { ParsedBox, ParsedPoint, Shape } from './scan.js'
// Qwen's smart_resize, with Python's banker's rounding
export type { Size, SmartResizeOptions } from './smart-resize.js'
export { QWEN3_RESIZE, QWEN25_RESIZE, roundHalfEven, SMART_RESIZE_MAX_RATIO, smartResize } from './smart-resize.js'
// Spaces: model coordinates → original-image pixels
export type { CoordMapping, MissingInput, Point } from './space.js'
export {
  boxToPixels,
  coordMapping,
  guessCoordSpace,
  isMissing,
  PIXEL_MAPPING,
  pointToPixels,
  resolveBoxOrder,
  resolveCoordSpace,
  toPixels,
} from './space.js'
