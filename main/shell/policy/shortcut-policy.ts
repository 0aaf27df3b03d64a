/**
 * Which keys reach the kiosk UI and the web view.
 *
 * Pure: the shell's `before-input-event` handlers call `classifyKey` and
 * `preventDefault()` on anything but 'allow'. Blocking there stops both the
 * page and any accelerator; OS keys (Ctrl+Alt+Del, Alt+Tab, the Windows key)
 * never arrive here and are the operating system's job.
 *
 * Layouts: letters are read from `key`, so AZERTY or Dvorak users hit the
 * letter printed on the key; when `key` is a letter of another script
 * (Cyrillic, Arabic, Greek) the physical `code` stands in, as Chromium's own
 * shortcuts do. Latin letters with diacritics (Sámi č, š, ŋ typed with
 * AltGr) never match a rule, so typing them is never blocked. Zoom symbols
 * are read from `key` first, because on a Finnish keyboard "+" sits on the
 * key whose code is "Minus" (reading `code` alone would zoom out on "+");
 * `code` decides only when `key` carries no character.
 */

export interface KeyInput {
  type: 'keyDown' | 'keyUp' | 'rawKeyDown' | 'char' | string;
  key: string;
  code: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

export type KeyAction =
  | { action: 'allow' }
  | { action: 'block'; reason: string }
  | { action: 'zoom'; change: 'in' | 'out' | 'reset' }
  | { action: 'focus'; target: 'bar' | 'page' };

/** What is blocked and why; `why` is the `reason` that `classifyKey` returns. Meta (Cmd) counts as Ctrl throughout. */
export const BLOCKED_SHORTCUTS: ReadonlyArray<{ keys: string; why: string }> = [
  { keys: 'F5, Ctrl+F5, Shift+F5, Ctrl+R, Ctrl+Shift+R', why: 'reload' },
  { keys: 'Ctrl+W, Ctrl+Shift+W, Ctrl+F4, Alt+F4, Ctrl+Q, Ctrl+Shift+Q', why: 'close' },
  { keys: 'F12, Ctrl+Shift+I, Ctrl+Shift+J, Ctrl+Shift+C, Ctrl+Alt+I, Ctrl+Alt+J, Ctrl+Alt+C, Meta+Alt+I', why: 'devtools' },
  { keys: 'Ctrl+U', why: 'view-source' },
  { keys: 'Ctrl+P, Ctrl+Shift+P', why: 'print' },
  { keys: 'Ctrl+S, Ctrl+Shift+S', why: 'save-page' },
  { keys: 'Ctrl+O, Ctrl+Shift+O', why: 'open-file' },
  { keys: 'Ctrl+N, Ctrl+T, Ctrl+Shift+N, Ctrl+Shift+T', why: 'new-window' },
  { keys: 'F11', why: 'fullscreen' },
  { keys: 'Ctrl+L, Alt+D', why: 'address-bar' },
  { keys: 'Ctrl+H', why: 'history' },
  { keys: 'Ctrl+J', why: 'downloads' },
  { keys: 'Ctrl+D, Ctrl+Shift+D, Ctrl+Shift+B', why: 'bookmarks' },
  { keys: 'Ctrl+Shift+Delete', why: 'clear-data' },
  { keys: 'Alt, Alt+F, Alt+E, F10, Alt+Space', why: 'menu' },
];

type Rule = { letter: string; shift: boolean | 'any'; why: string };

/** Ctrl (or Meta) + a letter, without Alt. `shift: 'any'` when both variants are browser commands. */
const CTRL_LETTER_RULES: readonly Rule[] = [
  { letter: 'r', shift: 'any', why: 'reload' },
  { letter: 'w', shift: 'any', why: 'close' },
  { letter: 'q', shift: 'any', why: 'close' },
  { letter: 'i', shift: true, why: 'devtools' }, // Ctrl+I alone is italic in editors
  { letter: 'j', shift: true, why: 'devtools' },
  { letter: 'c', shift: true, why: 'devtools' }, // Ctrl+C alone is copy
  { letter: 'u', shift: false, why: 'view-source' }, // Ctrl+Shift+U is Unicode input on Linux
  { letter: 'p', shift: 'any', why: 'print' },
  { letter: 's', shift: 'any', why: 'save-page' },
  { letter: 'o', shift: 'any', why: 'open-file' },
  { letter: 'n', shift: 'any', why: 'new-window' },
  { letter: 't', shift: 'any', why: 'new-window' },
  { letter: 'l', shift: false, why: 'address-bar' },
  { letter: 'h', shift: false, why: 'history' },
  { letter: 'j', shift: false, why: 'downloads' },
  { letter: 'd', shift: 'any', why: 'bookmarks' },
  { letter: 'b', shift: true, why: 'bookmarks' }, // Ctrl+B alone is bold
];

/** Ctrl+Alt (or Cmd+Option) devtools letters. AltGr arrives as Ctrl+Alt, but a letter that AltGr turns into a character has a different `key`. */
const CTRL_ALT_DEVTOOLS = new Set(['i', 'j', 'c']);

/** Alt + a letter, without Ctrl: menu bar access keys and the address bar. */
const ALT_LETTER_RULES: Readonly<Record<string, string>> = { f: 'menu', e: 'menu', d: 'address-bar' };

const ZOOM_BY_KEY: Readonly<Record<string, 'in' | 'out' | 'reset'>> = { '+': 'in', '=': 'in', '-': 'out', '0': 'reset' };
const KEY_WITHOUT_CHARACTER = new Set(['Dead', 'Unidentified', '']);
const ZOOM_BY_CODE: Readonly<Record<string, 'in' | 'out' | 'reset'>> = {
  Equal: 'in', NumpadAdd: 'in', Minus: 'out', NumpadSubtract: 'out', Digit0: 'reset', Numpad0: 'reset',
};

export function classifyKey(input: KeyInput, where: 'kiosk-ui' | 'web-view'): KeyAction {
  const action = classifyCombination(input, where);
  if (input.type === 'keyDown' || input.type === 'rawKeyDown') return action;
  // keyUp, char and anything unexpected: the kiosk acted on the keyDown, so the
  // page must not see the rest of a combination it never saw start.
  if (action.action === 'allow') return action;
  return { action: 'block', reason: action.action === 'block' ? action.reason : action.action };
}

function classifyCombination(input: KeyInput, where: 'kiosk-ui' | 'web-view'): KeyAction {
  const ctrl = input.control || input.meta;
  const { alt, shift } = input;
  const named = (name: string): boolean => input.key === name || input.code === name;
  const block = (reason: string): KeyAction => ({ action: 'block', reason });

  if (named('F6')) return { action: 'focus', target: where === 'web-view' ? 'bar' : 'page' };
  if (named('F5') || input.key === 'BrowserRefresh') return block('reload');
  if (named('F12')) return block('devtools');
  if (named('F11')) return block('fullscreen');
  if (named('F4') && (ctrl || alt)) return block('close');
  // F10 and a lone Alt open the window menu on Windows (Alt on its keyUp);
  // AltGraph is left alone: Finnish keyboards need it for @, €, {, [, \ and $.
  if (named('F10') && !shift && !ctrl) return block('menu');
  if (input.key === 'Alt') return block('menu');
  if (alt && !ctrl && (input.code === 'Space' || input.key === ' ')) return block('menu');

  const letter = letterOf(input);
  if (ctrl && !alt && letter !== undefined) {
    const rule = CTRL_LETTER_RULES.find((r) => r.letter === letter && (r.shift === 'any' || r.shift === shift));
    if (rule) return block(rule.why);
  }
  if (ctrl && alt && letter !== undefined && CTRL_ALT_DEVTOOLS.has(letter)) return block('devtools');
  if (alt && !ctrl && letter !== undefined) {
    const why = ALT_LETTER_RULES[letter];
    if (why) return block(why);
  }
  if (ctrl && shift && !alt && named('Delete')) return block('clear-data');

  // Zoom never with Alt: Ctrl+Alt is AltGr on Windows, and AltGr+0 or AltGr+"+"
  // types "}" or "\" on a Finnish keyboard.
  if (ctrl && !alt) {
    const change = zoomChange(input);
    if (change) return { action: 'zoom', change };
  }
  return { action: 'allow' };
}

/** The Latin letter a shortcut refers to, or undefined. */
function letterOf(input: KeyInput): string | undefined {
  if (/^[a-z]$/i.test(input.key)) return input.key.toLowerCase();
  // Another script's letter on the key: the physical position decides.
  if (/^\p{L}$/u.test(input.key) && !/\p{Script=Latin}/u.test(input.key)) {
    const m = /^Key([A-Z])$/.exec(input.code);
    return m ? m[1]!.toLowerCase() : undefined;
  }
  return undefined;
}

function zoomChange(input: KeyInput): 'in' | 'out' | 'reset' | undefined {
  const byKey = ZOOM_BY_KEY[input.key];
  if (byKey) return byKey;
  // The physical key decides only when `key` names no character (a dead key,
  // an unmapped one); otherwise the layout's own character on that key would
  // be eaten (French ")" on Minus), and named keys keep their meaning
  // (Ctrl+Insert on the numpad with NumLock off is copy).
  return KEY_WITHOUT_CHARACTER.has(input.key) ? ZOOM_BY_CODE[input.code] : undefined;
}
