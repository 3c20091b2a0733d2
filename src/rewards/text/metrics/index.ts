export type { BleuDetail, BleuOptions, NltkBleuOptions } from './bleu.js'
export { bleu, bleuTokens, nltkSentenceBleu } from './bleu.js'
export {
  defaultProcess,
  fuzzyMatch,
  partialRatio,
  partialTokenRatio,
  ratio,
  tokenSetRatio,
  tokenSortRatio,
  wRatio,
} from './fuzzy.js'
export type { GleuOptions } from './gleu.js'
export { gleu, gleuTokens } from './gleu.js'
export type { MeteorOptions } from './meteor.js'
export { meteor, singleMeteor } from './meteor.js'
export { porterStem } from './porter-stemmer.js'
export type { RougeOptions, RougeScore, RougeType } from './rouge.js'
export { ROUGE_TYPES, rouge, rougeTokenize, rougeTokens } from './rouge.js'
export { codePointLength, lcsLength, levenshtein, levenshteinTokens } from './sequence.js'
export { tokenize13a } from './tokenize-13a.js'
export { splitSentences, treebankTokenize, wordTokenize } from './word-tokenize.js'
