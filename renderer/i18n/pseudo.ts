/**
 * The two test locales, generated from English so they always have every key:
 * en-XA stretches and accents every string (does the layout take long text?),
 * ar-XB marks every string right-to-left (does the layout mirror?).
 * Interpolations ({{x}}) are left intact.
 */
type Catalogue = { [key: string]: string | Catalogue };

const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

function mapText(text: string, fn: (plain: string) => string): string {
  return text
    .split(/(\{\{[^}]+\}\})/)
    .map((part) => (part.startsWith('{{') ? part : fn(part)))
    .join('');
}

export function accentLong(text: string): string {
  const body = mapText(text, (plain) => [...plain].map((ch) => ACCENTED[ch] ?? ch).join(''));
  const padding = '·'.repeat(Math.ceil(text.length * 0.4));
  return `[${body} ${padding}]`;
}

export function mirror(text: string): string {
  // U+202E RIGHT-TO-LEFT OVERRIDE … U+202C POP DIRECTIONAL FORMATTING
  return `\u202e${text}\u202c`;
}

export function pseudoCatalogue(source: Catalogue, fn: (text: string) => string): Catalogue {
  const out: Catalogue = {};
  for (const [key, value] of Object.entries(source)) out[key] = typeof value === 'string' ? fn(value) : pseudoCatalogue(value, fn);
  return out;
}

/**
 * Wraps every {{value}} in Unicode isolates (U+2068 FIRST STRONG ISOLATE …
 * U+2069 POP DIRECTIONAL ISOLATE), so that in right-to-left text a PC's name,
 * a time, a code or an address keeps its own direction and does not take
 * the surrounding punctuation with it ("Tietokone 2" stays whole, "14:05–15:00" stays in order).
 */
export function isolatePlaceholders<C extends object>(source: C): C {
  return pseudoCatalogue(source as Catalogue, (text) => text.replace(/\{\{[^}]+\}\}/g, (p) => `\u2068${p}\u2069`)) as C;
}
