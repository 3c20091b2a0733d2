/**
 * EvalAI's VQA answer normalisation, as lmms-eval's `EvalAIAnswerProcessor` (copied from the official VQA eval
 * and facebook/mmf): lower-case, drop `,` `?`, split `'s`, punctuation, number words → digits, articles, contractions.
 * Quirks kept on purpose, since published VQA numbers depend on them: `PERIOD_STRIP`'s `(?!<=\d)` is a typo for a
 * look-behind (so it strips every `.` not followed by a digit) and `sub(..., re.UNICODE)` passes 32 as `count`.
 * @see https://github.com/EvolvingLMMs-Lab/lmms-eval (lmms_eval/tasks/_task_utils/vqa_eval_metric.py)
 */

import { splitWhitespace } from '../metrics/sequence.js'

const CONTRACTION_LIST =
  "aint:ain't arent:aren't cant:can't couldve:could've couldnt:couldn't couldn'tve:couldn't've couldnt've:couldn't've didnt:didn't doesnt:doesn't dont:don't hadnt:hadn't hadnt've:hadn't've hadn'tve:hadn't've hasnt:hasn't havent:haven't hed:he'd hed've:he'd've he'dve:he'd've hes:he's howd:how'd howll:how'll hows:how's Id've:I'd've I'dve:I'd've Im:I'm Ive:I've isnt:isn't itd:it'd itd've:it'd've it'dve:it'd've itll:it'll let's:let's maam:ma'am mightnt:mightn't mightnt've:mightn't've mightn'tve:mightn't've mightve:might've mustnt:mustn't mustve:must've neednt:needn't notve:not've oclock:o'clock oughtnt:oughtn't ow's'at:'ow's'at 'ows'at:'ow's'at 'ow'sat:'ow's'at shant:shan't shed've:she'd've she'dve:she'd've she's:she's shouldve:should've shouldnt:shouldn't shouldnt've:shouldn't've shouldn'tve:shouldn't've somebody'd:somebodyd somebodyd've:somebody'd've somebody'dve:somebody'd've somebodyll:somebody'll somebodys:somebody's someoned:someone'd someoned've:someone'd've someone'dve:someone'd've someonell:someone'll someones:someone's somethingd:something'd somethingd've:something'd've something'dve:something'd've somethingll:something'll thats:that's thered:there'd thered've:there'd've there'dve:there'd've therere:there're theres:there's theyd:they'd theyd've:they'd've they'dve:they'd've theyll:they'll theyre:they're theyve:they've twas:'twas wasnt:wasn't wed've:we'd've we'dve:we'd've weve:we've werent:weren't whatll:what'll whatre:what're whats:what's whatve:what've whens:when's whered:where'd wheres:where's whereve:where've whod:who'd whod've:who'd've who'dve:who'd've wholl:who'll whos:who's whove:who've whyll:why'll whyre:why're whys:why's wont:won't wouldve:would've wouldnt:wouldn't wouldnt've:wouldn't've wouldn'tve:wouldn't've yall:y'all yall'll:y'all'll y'allll:y'all'll yall'd've:y'all'd've y'alld've:y'all'd've y'all'dve:y'all'd've youd:you'd youd've:you'd've you'dve:you'd've youll:you'll youre:you're youve:you've"

const CONTRACTIONS = new Map(CONTRACTION_LIST.split(' ').map((kv) => kv.split(':') as [string, string]))

const NUMBERS = new Map(
  'none:0 zero:0 one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10'
    .split(' ')
    .map((kv) => kv.split(':') as [string, string]),
)
const ARTICLES = new Set(['a', 'an', 'the'])
const PUNCTUATIONS = [
  ';',
  '/',
  '[',
  ']',
  '"',
  '{',
  '}',
  '(',
  ')',
  '=',
  '+',
  '\\',
  '_',
  '-',
  '>',
  '<',
  '@',
  '`',
  ',',
  '?',
  '!',
]
const COMMA_BETWEEN_DIGITS = /\d,+\d/
const PERIOD_NOT_BEFORE_DIGIT = /\.(?!\d)/g

const PUNCT_CHARS = new Set(PUNCTUATIONS.map((p) => p.charCodeAt(0)))

function processPunctuation(text: string): string {
  let out = text
  let any = false
  for (let i = 0; i < text.length && !any; i++) any = PUNCT_CHARS.has(text.charCodeAt(i))
  if (any) {
    const commaDigits = COMMA_BETWEEN_DIGITS.test(text)
    for (const p of PUNCTUATIONS) {
      if (!text.includes(p)) continue
      const drop = commaDigits || text.includes(`${p} `) || text.includes(` ${p}`)
      out = out.replaceAll(p, drop ? '' : ' ')
    }
  }
  if (!out.includes('.')) return out
  let count = 0
  return out.replace(PERIOD_NOT_BEFORE_DIGIT, (m) => (count++ < 32 ? '' : m))
}

function processDigitArticle(text: string): string {
  const words: string[] = []
  for (const raw of splitWhitespace(text.toLowerCase())) {
    const w = NUMBERS.get(raw) ?? raw
    if (!ARTICLES.has(w)) words.push(CONTRACTIONS.get(w) ?? w)
  }
  return words.join(' ')
}

/**
 * Normalises one VQA answer as EvalAI does before exact matching.
 * @example normalizeVqaAnswer('Two dogs.') //= '2 dogs'
 * @example normalizeVqaAnswer("It's the man's hat") //= "it 's man 's hat"
 */
export function normalizeVqaAnswer(answer: string): string {
  let s = answer.toLowerCase()
  if (s.includes(',')) s = s.replaceAll(',', '')
  if (s.includes('?')) s = s.replaceAll('?', '')
  if (s.includes("'s")) s = s.replaceAll("'s", " 's")
  s = s.trim()
  // the punctuation rule looks at spaces next to each mark, so tabs, newlines and the ends matter
  if (s.includes('\n') || s.includes('\t')) s = s.replaceAll('\n', ' ').replaceAll('\t', ' ').trim()
  return processDigitArticle(processPunctuation(s))
}
