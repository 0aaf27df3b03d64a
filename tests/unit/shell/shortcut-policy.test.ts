import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCKED_SHORTCUTS, classifyKey, type KeyAction, type KeyInput } from '../../../main/shell/policy/shortcut-policy';

const PLACES = ['web-view', 'kiosk-ui'] as const;

/** A US-layout key event from "Ctrl+Shift+R" notation, as Electron's before-input-event reports it. */
function press(combo: string, type: KeyInput['type'] = 'keyDown'): KeyInput {
  const parts = combo.split('+');
  const last = parts.pop()!;
  const mods = new Set(parts);
  for (const m of mods) if (!['Ctrl', 'Shift', 'Alt', 'Meta'].includes(m)) throw new Error(`unknown modifier ${m} in ${combo}`);
  const shift = mods.has('Shift');
  let key: string;
  let code: string;
  if (/^[A-Z]$/.test(last)) {
    key = shift ? last : last.toLowerCase();
    code = `Key${last}`;
  } else if (/^F\d{1,2}$/.test(last) || last === 'Delete' || last === 'Tab' || last === 'Enter' || last === 'Escape' || last === 'Backspace') {
    key = last;
    code = last;
  } else if (last === 'Alt') {
    key = 'Alt';
    code = 'AltLeft';
    mods.add('Alt');
  } else if (last === 'Space') {
    key = ' ';
    code = 'Space';
  } else if (/^(ArrowLeft|ArrowRight|ArrowUp|ArrowDown|Home|End)$/.test(last)) {
    key = last;
    code = last;
  } else if (/^\d$/.test(last)) {
    key = last;
    code = `Digit${last}`;
  } else {
    throw new Error(`unknown key ${last} in ${combo}`);
  }
  return { type, key, code, control: mods.has('Ctrl'), alt: mods.has('Alt'), shift, meta: mods.has('Meta') };
}

function raw(partial: Partial<KeyInput>): KeyInput {
  return { type: 'keyDown', key: '', code: '', control: false, alt: false, shift: false, meta: false, ...partial };
}

describe('the documentation table matches the behaviour', () => {
  const rows = BLOCKED_SHORTCUTS.flatMap(({ keys, why }) =>
    keys.split(', ').flatMap((combo) => PLACES.map((where) => ({ combo, why, where }))),
  );

  it.each(rows)('$combo is blocked as $why in the $where', ({ combo, why, where }) => {
    expect(classifyKey(press(combo), where)).toEqual({ action: 'block', reason: why });
  });

  it('the table documents every blocking reason the brief asks for', () => {
    const reasons = new Set(BLOCKED_SHORTCUTS.map((r) => r.why));
    for (const why of ['reload', 'close', 'devtools', 'view-source', 'print', 'save-page', 'open-file', 'new-window', 'fullscreen',
      'address-bar', 'history', 'downloads', 'bookmarks', 'clear-data', 'menu']) {
      expect(reasons.has(why), why).toBe(true);
    }
  });
});

describe('blocked shortcuts, with Meta (Cmd) counting as Ctrl', () => {
  it.each([
    { name: 'Meta+R reloads', combo: 'Meta+R', reason: 'reload' },
    { name: 'Meta+Shift+R reloads', combo: 'Meta+Shift+R', reason: 'reload' },
    { name: 'Meta+W closes', combo: 'Meta+W', reason: 'close' },
    { name: 'Meta+Q quits', combo: 'Meta+Q', reason: 'close' },
    { name: 'Meta+Shift+I opens devtools', combo: 'Meta+Shift+I', reason: 'devtools' },
    { name: 'Meta+Alt+J opens the console', combo: 'Meta+Alt+J', reason: 'devtools' },
    { name: 'Meta+U shows the source', combo: 'Meta+U', reason: 'view-source' },
    { name: 'Meta+P prints', combo: 'Meta+P', reason: 'print' },
    { name: 'Meta+S saves the page', combo: 'Meta+S', reason: 'save-page' },
    { name: 'Meta+O opens a file', combo: 'Meta+O', reason: 'open-file' },
    { name: 'Meta+N opens a window', combo: 'Meta+N', reason: 'new-window' },
    { name: 'Meta+T opens a tab', combo: 'Meta+T', reason: 'new-window' },
    { name: 'Meta+L focuses the address bar', combo: 'Meta+L', reason: 'address-bar' },
    { name: 'Meta+H opens history', combo: 'Meta+H', reason: 'history' },
    { name: 'Meta+J opens downloads', combo: 'Meta+J', reason: 'downloads' },
    { name: 'Meta+D bookmarks', combo: 'Meta+D', reason: 'bookmarks' },
    { name: 'Meta+Shift+Delete clears data', combo: 'Meta+Shift+Delete', reason: 'clear-data' },
    { name: 'Meta+F4 closes', combo: 'Meta+F4', reason: 'close' },
    { name: 'Ctrl+Meta+R still reloads', combo: 'Ctrl+Meta+R', reason: 'reload' },
    { name: 'Ctrl+Shift+F5 reloads', combo: 'Ctrl+Shift+F5', reason: 'reload' },
    { name: 'Shift+F12 opens devtools', combo: 'Shift+F12', reason: 'devtools' },
    { name: 'Ctrl+Shift+F4 closes', combo: 'Ctrl+Shift+F4', reason: 'close' },
  ])('$name', ({ combo, reason }) => {
    for (const where of PLACES) expect(classifyKey(press(combo), where)).toEqual({ action: 'block', reason });
  });

  it.each([
    { name: 'a letter with Caps Lock on (upper-case key without Shift)', input: raw({ key: 'R', code: 'KeyR', control: true }), reason: 'reload' },
    { name: 'Ctrl+R on a Russian layout (key "к", code KeyR)', input: raw({ key: 'к', code: 'KeyR', control: true }), reason: 'reload' },
    { name: 'Ctrl+W on a Ukrainian layout (key "ц", code KeyW)', input: raw({ key: 'ц', code: 'KeyW', control: true }), reason: 'close' },
    { name: 'Ctrl+Shift+I on a Russian layout (key "Ш", code KeyI)', input: raw({ key: 'Ш', code: 'KeyI', control: true, shift: true }), reason: 'devtools' },
    { name: 'Ctrl+P on an Arabic layout (key "ح", code KeyP)', input: raw({ key: 'ح', code: 'KeyP', control: true }), reason: 'print' },
    { name: 'Ctrl+W on AZERTY, where W sits on the KeyZ position', input: raw({ key: 'w', code: 'KeyZ', control: true }), reason: 'close' },
    { name: 'Alt+F4 reported by key only', input: raw({ key: 'F4', code: '', alt: true }), reason: 'close' },
    { name: 'F5 reported by code only', input: raw({ key: 'Unidentified', code: 'F5' }), reason: 'reload' },
    { name: 'the keyboard refresh key', input: raw({ key: 'BrowserRefresh', code: 'BrowserRefresh' }), reason: 'reload' },
    { name: 'the right Alt key where it is plain Alt', input: raw({ key: 'Alt', code: 'AltRight', alt: true }), reason: 'menu' },
    { name: 'Alt pressed while Ctrl is held', input: raw({ key: 'Alt', code: 'AltLeft', alt: true, control: true }), reason: 'menu' },
  ])('$name is blocked', ({ input, reason }) => {
    expect(classifyKey(input, 'web-view')).toEqual({ action: 'block', reason });
  });
});

describe('allowed keys', () => {
  it.each([
    'A', 'Shift+A', '0', 'Space', 'Tab', 'Shift+Tab', 'Enter', 'Escape', 'Backspace', 'Delete', 'ArrowLeft', 'ArrowRight',
    'ArrowUp', 'ArrowDown', 'Home', 'End', 'Ctrl+C', 'Ctrl+V', 'Ctrl+X', 'Ctrl+A', 'Ctrl+Z', 'Ctrl+Y', 'Ctrl+Shift+Z',
    'Ctrl+F', 'Ctrl+B', 'Ctrl+I', 'Ctrl+Shift+U', 'Ctrl+Shift+L', 'Ctrl+Shift+H', 'Ctrl+Backspace', 'Ctrl+Delete',
    'Ctrl+ArrowLeft', 'Ctrl+Home', 'Ctrl+Tab', 'Ctrl+1', 'Alt+ArrowLeft', 'Alt+ArrowRight', 'Shift+F10', 'F1', 'F3', 'Shift+F3',
    'F4', 'Ctrl+Alt+R', 'Meta+C', 'Meta+V',
  ])('%s', (combo) => {
    for (const where of PLACES) expect(classifyKey(press(combo), where)).toEqual({ action: 'allow' });
  });

  it.each([
    { name: 'ä on a Finnish keyboard', input: raw({ key: 'ä', code: 'Quote' }) },
    { name: 'AltGr (the AltGraph key itself)', input: raw({ key: 'AltGraph', code: 'AltRight', control: true, alt: true }) },
    { name: '@ typed with AltGr+2 (Windows reports Ctrl+Alt)', input: raw({ key: '@', code: 'Digit2', control: true, alt: true }) },
    { name: '$ typed with AltGr+4', input: raw({ key: '$', code: 'Digit4', control: true, alt: true }) },
    { name: '} typed with AltGr+0 (not a zoom reset)', input: raw({ key: '}', code: 'Digit0', control: true, alt: true }) },
    { name: '\\ typed with AltGr on the Finnish "+" key (not a zoom)', input: raw({ key: '\\', code: 'Minus', control: true, alt: true }) },
    { name: '€ typed with AltGr+E (not the Alt+E menu)', input: raw({ key: '€', code: 'KeyE', control: true, alt: true }) },
    { name: 'Sámi č typed with AltGr+C (not Ctrl+Alt+C devtools)', input: raw({ key: 'č', code: 'KeyC', control: true, alt: true }) },
    { name: 'Sámi š typed with AltGr+S', input: raw({ key: 'š', code: 'KeyS', control: true, alt: true }) },
    { name: 'Sámi ŋ typed with AltGr+N', input: raw({ key: 'ŋ', code: 'KeyN', control: true, alt: true }) },
    { name: 'Sámi đ with Ctrl held on its own key', input: raw({ key: 'đ', code: 'KeyD', control: true }) },
    { name: 'Ctrl+Z (undo) on AZERTY, on the KeyW position', input: raw({ key: 'z', code: 'KeyW', control: true }) },
    { name: 'Cyrillic typing without modifiers', input: raw({ key: 'к', code: 'KeyR' }) },
    { name: 'Ctrl+Insert (copy) on the numpad with NumLock off', input: raw({ key: 'Insert', code: 'Numpad0', control: true }) },
    { name: 'Ctrl+")" on AZERTY, on the Minus position', input: raw({ key: ')', code: 'Minus', control: true }) },
    { name: 'a plus sign without Ctrl', input: raw({ key: '+', code: 'NumpadAdd' }) },
    { name: 'the Windows key alone', input: raw({ key: 'Meta', code: 'MetaLeft', meta: true }) },
    { name: 'Control alone', input: raw({ key: 'Control', code: 'ControlLeft', control: true }) },
  ])('$name', ({ input }) => {
    for (const where of PLACES) expect(classifyKey(input, where)).toEqual({ action: 'allow' });
  });
});

describe('zoom keys drive the kiosk zoom control', () => {
  it.each([
    { name: 'Ctrl and "=" (US)', input: raw({ key: '=', code: 'Equal', control: true }), change: 'in' },
    { name: 'Ctrl and "+" via Shift+= (US)', input: raw({ key: '+', code: 'Equal', control: true, shift: true }), change: 'in' },
    { name: 'Ctrl and "+" on a Finnish keyboard (code Minus)', input: raw({ key: '+', code: 'Minus', control: true }), change: 'in' },
    { name: 'Ctrl and the numpad plus', input: raw({ key: '+', code: 'NumpadAdd', control: true }), change: 'in' },
    { name: 'Meta and "="', input: raw({ key: '=', code: 'Equal', meta: true }), change: 'in' },
    { name: 'Ctrl and "-" (US)', input: raw({ key: '-', code: 'Minus', control: true }), change: 'out' },
    { name: 'Ctrl and "-" on a Finnish keyboard (code Slash)', input: raw({ key: '-', code: 'Slash', control: true }), change: 'out' },
    { name: 'Ctrl and the numpad minus', input: raw({ key: '-', code: 'NumpadSubtract', control: true }), change: 'out' },
    { name: 'Ctrl and 0', input: raw({ key: '0', code: 'Digit0', control: true }), change: 'reset' },
    { name: 'Ctrl and the numpad 0', input: raw({ key: '0', code: 'Numpad0', control: true }), change: 'reset' },
    { name: 'Ctrl and a dead key on the Equal position', input: raw({ key: 'Dead', code: 'Equal', control: true }), change: 'in' },
    { name: 'Ctrl and an unidentified key on the Digit0 position', input: raw({ key: 'Unidentified', code: 'Digit0', control: true }), change: 'reset' },
    { name: 'Ctrl and an unidentified numpad minus', input: raw({ key: 'Unidentified', code: 'NumpadSubtract', control: true }), change: 'out' },
  ])('$name zooms $change', ({ input, change }) => {
    for (const where of PLACES) expect(classifyKey(input, where)).toEqual({ action: 'zoom', change });
  });

  it('zoom keys with Alt are not zoom (AltGr on Windows arrives as Ctrl+Alt)', () => {
    expect(classifyKey(raw({ key: '0', code: 'Digit0', control: true, alt: true }), 'web-view')).toEqual({ action: 'allow' });
    expect(classifyKey(raw({ key: '-', code: 'Minus', control: true, alt: true }), 'web-view')).toEqual({ action: 'allow' });
  });
});

describe('F6 moves focus between the page and the session bar', () => {
  it.each([
    { name: 'F6 in the web view goes to the bar', input: press('F6'), where: 'web-view' as const, target: 'bar' },
    { name: 'F6 in the kiosk UI goes to the page', input: press('F6'), where: 'kiosk-ui' as const, target: 'page' },
    { name: 'Ctrl+F6 in the web view goes to the bar', input: press('Ctrl+F6'), where: 'web-view' as const, target: 'bar' },
    { name: 'Ctrl+F6 in the kiosk UI goes to the page', input: press('Ctrl+F6'), where: 'kiosk-ui' as const, target: 'page' },
    { name: 'F6 as a raw key down', input: press('F6', 'rawKeyDown'), where: 'web-view' as const, target: 'bar' },
  ])('$name', ({ input, where, target }) => {
    expect(classifyKey(input, where)).toEqual({ action: 'focus', target });
  });
});

describe('only key-down events act; the rest of a handled combination is hidden from the page', () => {
  it.each([
    { name: 'the key-up of Ctrl+R', input: press('Ctrl+R', 'keyUp'), expected: { action: 'block', reason: 'reload' } },
    { name: 'the char event of Ctrl+P', input: press('Ctrl+P', 'char'), expected: { action: 'block', reason: 'print' } },
    { name: 'a raw key-down of F12', input: press('F12', 'rawKeyDown'), expected: { action: 'block', reason: 'devtools' } },
    { name: 'the key-up of a lone Alt (Windows opens the menu on release)', input: press('Alt', 'keyUp'), expected: { action: 'block', reason: 'menu' } },
    { name: 'the key-up of Ctrl+0', input: press('Ctrl+0', 'keyUp'), expected: { action: 'block', reason: 'zoom' } },
    { name: 'the char event of Ctrl+=', input: raw({ type: 'char', key: '=', code: 'Equal', control: true }), expected: { action: 'block', reason: 'zoom' } },
    { name: 'the key-up of F6', input: press('F6', 'keyUp'), expected: { action: 'block', reason: 'focus' } },
    { name: 'an unknown event type of Ctrl+W', input: press('Ctrl+W', 'mouseDown'), expected: { action: 'block', reason: 'close' } },
    { name: 'the key-up of a plain letter', input: press('A', 'keyUp'), expected: { action: 'allow' } },
    { name: 'the char event of a plain letter', input: press('A', 'char'), expected: { action: 'allow' } },
    { name: 'the key-up of Ctrl+C', input: press('Ctrl+C', 'keyUp'), expected: { action: 'allow' } },
  ])('$name', ({ input, expected }) => {
    for (const where of PLACES) expect(classifyKey(input, where)).toEqual(expected);
  });
});

describe('properties', () => {
  const codes = [
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `Key${c}`),
    ...'0123456789'.split('').map((d) => `Digit${d}`),
    'Space', 'Minus', 'Equal', 'Slash', 'Quote', 'Semicolon', 'BracketLeft',
  ];

  it('typing a character with no Ctrl, Alt or Meta is always allowed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }), fc.constantFrom(...codes), fc.boolean(), (key, code, shift) => {
        for (const where of PLACES) {
          expect(classifyKey(raw({ key, code, shift }), where)).toEqual({ action: 'allow' });
        }
      }),
    );
  });

  it('a key-up or char event never triggers an action, it is only allowed or blocked', () => {
    const input = fc.record({
      type: fc.constantFrom('keyUp', 'char'),
      key: fc.oneof(fc.constantFrom('F5', 'F6', 'F12', 'Alt', '+', '-', '0', 'r', 'Dead'), fc.string({ maxLength: 2 })),
      code: fc.constantFrom(...codes, 'F6', 'Numpad0', 'NumpadAdd'),
      control: fc.boolean(),
      alt: fc.boolean(),
      shift: fc.boolean(),
      meta: fc.boolean(),
    });
    fc.assert(
      fc.property(input, fc.constantFrom(...PLACES), (event, where) => {
        const down: KeyAction = classifyKey({ ...event, type: 'keyDown' }, where);
        const up = classifyKey(event, where);
        expect(up.action === 'allow' || up.action === 'block').toBe(true);
        // The rest of a combination is hidden exactly when its key-down was handled by the kiosk.
        expect(up.action === 'allow').toBe(down.action === 'allow');
      }),
    );
  });
});
