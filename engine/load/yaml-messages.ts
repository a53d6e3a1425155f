/**
 * The yaml package's syntax errors in both languages: its English message (first line, position dropped) and a
 * Persian one chosen by the error's code — and, for the codes that cover several mistakes, by the message.
 */
import type { Msg } from './errors.js';

/** Persian for each yaml error code: what is wrong and how to fix it. */
const BY_CODE: Record<string, string> = {
  ALIAS_PROPS: 'ارجاع (alias) نمی‌تواند برچسب یا لنگر داشته باشد',
  BAD_ALIAS: 'نام لنگر یا ارجاع (& یا *) درست نیست',
  BAD_DIRECTIVE: 'دستور % در آغاز سند درست نیست',
  BAD_DQ_ESCAPE: 'دنبالهٔ گریز (\\) در متن داخل گیومهٔ دوتایی درست نیست — برای خود «\\» آن را دو بار بنویسید',
  BAD_INDENT: 'تورفتگی درست نیست: همهٔ موارد یک فهرست یا کلیدهای یک نگاشت باید از یک ستون آغاز شوند',
  BAD_PROP_ORDER: 'لنگر و برچسب باید پس از نشانهٔ فهرست یا کلید بیایند',
  BAD_SCALAR_START: 'مقدار بی‌گیومه نمی‌تواند با این نویسه آغاز شود — آن را داخل گیومه بگذارید',
  BLOCK_AS_IMPLICIT_KEY: 'نگاشت یا فهرست تو در تو اینجا مجاز نیست — آن را در سطر بعد و با تورفتگی بنویسید',
  BLOCK_IN_FLOW: 'درون { … } یا [ … ] فقط شکل یک‌سطری مجاز است',
  DUPLICATE_KEY: 'کلید تکراری است — هر کلید در یک نگاشت فقط یک بار می‌آید',
  IMPOSSIBLE: 'ساختار YAML خوانده نشد',
  KEY_OVER_1024_CHARS: 'کلید بیش از ۱۰۲۴ نویسه است',
  MISSING_CHAR: 'نویسه‌ای جا افتاده است',
  MULTILINE_IMPLICIT_KEY: 'کلید باید در یک سطر باشد — شاید «:» یا گیومه‌ای جا افتاده است',
  MULTIPLE_ANCHORS: 'هر گره حداکثر یک لنگر (&) دارد',
  MULTIPLE_DOCS: 'هر فایل تعریف یک سند YAML است — «---» اضافه را بردارید یا فایل را دو تا کنید',
  MULTIPLE_TAGS: 'هر گره حداکثر یک برچسب (!) دارد',
  NON_STRING_KEY: 'کلید باید متن باشد',
  TAB_AS_INDENT: 'تورفتگی با Tab مجاز نیست — با فاصله (Space) تورفتگی دهید',
  TAG_RESOLVE_FAILED: 'برچسب (!) شناخته نیست',
  UNEXPECTED_TOKEN: 'نویسهٔ نابه‌جا',
  BAD_COLLECTION_TYPE: 'برچسب با نوع مجموعه نمی‌خواند',
};

/** Finer Persian for messages that share a code. */
const BY_MESSAGE: [RegExp, string][] = [
  [/Missing closing ["']?quote/i, 'گیومه‌ای که اینجا باز شده هرگز بسته نشده است — متن را با همان گیومه ببندید'],
  [/Missing , or : between/i, 'میان موارد { … } یا [ … ] «،» (ویرگول لاتین) یا «:» جا افتاده است'],
  [/Missing , between/i, 'میان موارد { … } یا [ … ] ویرگول لاتین («,») جا افتاده است'],
  [/Missing space after :/i, 'پس از «:» یک فاصله لازم است'],
  [/Implicit map keys need to be followed by map values/i, 'پس از کلید «:» و مقدار لازم است'],
  [/Comments must be separated/i, 'پیش از «#» (آغاز توضیح) یک فاصله لازم است'],
  [/Sequence item without - indicator/i, 'تورفتگی این سطر با کلیدهای بالای آن یکی نیست (یا مورد فهرست بدون «-» آمده است) — آن را هم‌ستون با کلیدهای هم‌تراز خود بنویسید'],
  [/Flow (sequence|map) in block collection must be sufficiently indented and end with a [\]}]/i, 'کروشه یا آکولادی که اینجا باز شده هرگز بسته نشده است — آن را با «]» یا «}» ببندید'],
  [/Unexpected (flow-seq-end|flow-map-end|\]|\})/i, 'کروشه یا آکولاد بسته‌ای بی‌جفت آمده است'],
  [/Unexpected , in/i, 'ویرگولی نابه‌جا درون { … } یا [ … ] آمده است'],
  [/Nested mappings are not allowed in compact mappings/i, 'نگاشت تو در تو در همان سطر مجاز نیست — آن را در سطر بعد و با تورفتگی بنویسید، یا متن را داخل گیومه بگذارید'],
];

/** The English and Persian of one yaml error or warning. */
export function yamlMessage(code: string, message: string): Msg {
  const first = message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
  const fa = BY_MESSAGE.find(([re]) => re.test(first))?.[1] ?? BY_CODE[code] ?? 'خطای نگارشی YAML';
  if (code === 'DUPLICATE_KEY') return { en: `${first} — a key may appear only once in a mapping`, fa };
  if (code === 'MULTIPLE_DOCS') return { en: 'a definition file holds one YAML document — remove the extra "---" or split the file', fa };
  if (code === 'TAB_AS_INDENT') return { en: `${first} — indent with spaces, not tabs`, fa };
  return { en: `YAML syntax error: ${first}`, fa: `خطای نگارشی YAML: ${fa}` };
}
