/**
 * A bound on how deeply spec text may nest, checked before the YAML parser sees it: the parser recurses, and on
 * about 1,000 nested flow collections V8 aborts the whole process (a regexp compiled near the stack limit), which
 * no try/catch stops. 256 levels is far beyond any real spec and leaves the parser a wide margin.
 */
import { Lexer } from 'yaml'

/** Most levels a spec text may nest. */
export const MAX_SPEC_DEPTH = 256

/**
 * The line (1-based) where YAML or JSON `text` may first nest deeper than `max` levels, or undefined. An upper
 * bound from the YAML lexer's tokens (a state machine, no recursion): the open flow collections, plus on each line
 * its indentation and its block indicators (`- `, `? `, `: `). It may overcount (an indent of two counts two),
 * never undercount, so what it passes the YAML parser can compose without overflowing its stack.
 */
export function yamlTooDeep(text: string, max = MAX_SPEC_DEPTH): number | undefined {
  let flow = 0
  let block = 0
  let line = 1
  let lineStart = true
  let scalar = false
  for (const token of new Lexer().lex(text)) {
    if (scalar)
      scalar = false // a plain or block scalar's text follows its marker: not structure, whatever it holds
    else if (token === SCALAR) scalar = true
    else if (token === '[' || token === '{') flow++
    else if (token === ']' || token === '}') flow = Math.max(0, flow - 1)
    else if (token === '-' || token === '?' || token === ':') block++
    else if (lineStart && token.trim() === '') block += token.length
    lineStart = token === '\n' || token === '\r\n'
    if (lineStart) block = 0
    if (flow + block > max) return line
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) line++
  }
  return undefined
}

/** The lexer's marker before a plain or block scalar's text. */
const SCALAR = '\x1f'
