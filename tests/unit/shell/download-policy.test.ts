import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RISKY_ANYWHERE, RISKY_EXTENSIONS, decideDownload } from '../../../main/shell/policy/download-policy';

const ALL_RISKY = [...RISKY_EXTENSIONS];
const ANYWHERE = [...RISKY_ANYWHERE];

const PDF = 'application/pdf';
/** Under the u flag a surrogate pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

describe('a safe base name', () => {
  it.each([
    { name: 'an ordinary PDF keeps its name', suggested: 'Kela-päätös 2024.pdf', expected: 'Kela-päätös 2024.pdf' },
    { name: 'a Unix path is cut to its base name', suggested: '../../etc/passwd', expected: 'passwd' },
    { name: 'a Windows path is cut to its base name', suggested: '..\\..\\Windows\\System32\\drivers\\etc\\hosts', expected: 'hosts' },
    { name: 'a drive letter path is cut to its base name', suggested: 'C:\\Users\\kiosk\\Desktop\\lasku.pdf', expected: 'lasku.pdf' },
    { name: 'mixed separators are both honoured', suggested: 'a/b\\c/kuva.jpg', expected: 'kuva.jpg' },
    { name: 'a trailing separator falls back to the last named part', suggested: 'raportit/2024/', expected: '2024' },
    { name: 'Windows-reserved characters are removed', suggested: 'la<s>k:u"|?*.pdf', expected: 'lasku.pdf' },
    { name: 'control characters are removed', suggested: 'line\nbreak\t\u0007.pdf', expected: 'linebreak.pdf' },
    { name: 'C1 control characters are removed', suggested: 'a\u0085b\u009b.txt', expected: 'ab.txt' },
    { name: 'a right-to-left override is removed', suggested: 'lasku\u202Efdp.txt', expected: 'laskufdp.txt' },
    { name: 'isolates and marks are removed', suggested: '\u2066a\u200fb\u2069.txt', expected: 'ab.txt' },
    { name: 'leading dots (a hidden file) are removed', suggested: '.bashrc', expected: 'bashrc' },
    { name: 'dots and spaces around the name are trimmed', suggested: '  .. lasku.pdf .. ', expected: 'lasku.pdf' },
    { name: 'trailing dots are trimmed', suggested: 'lasku.pdf...', expected: 'lasku.pdf' },
    { name: 'inner spaces and dots are kept', suggested: 'v. 2024 lasku.pdf', expected: 'v. 2024 lasku.pdf' },
    { name: 'an alternate data stream suffix is flattened into the name', suggested: 'kuva.png:Zone.Identifier', expected: 'kuva.pngZone.Identifier' },
    { name: 'a decomposed name is stored composed (NFC)', suggested: 'A\u0308a\u0308ni.txt', expected: 'Ääni.txt' },
    { name: 'Arabic text is kept', suggested: 'وثيقة.pdf', expected: 'وثيقة.pdf' },
    { name: 'a lone surrogate becomes a replacement character', suggested: 'a\ud800b.txt', expected: 'a\ufffdb.txt' },
  ])('$name', ({ suggested, expected }) => {
    expect(decideDownload(suggested, PDF, [])).toEqual({ ok: true, fileName: expected });
  });

  it.each([
    { name: 'an empty name', suggested: '' },
    { name: 'only separators', suggested: '///\\\\' },
    { name: 'only dots', suggested: '...' },
    { name: 'a parent directory', suggested: '..' },
    { name: 'only spaces', suggested: '   ' },
    { name: 'only control characters', suggested: '\u0000\u0001\u001f' },
    { name: 'only reserved characters', suggested: '<>:"|?*' },
    { name: 'only bidirectional controls', suggested: '\u202e\u202d' },
  ])('$name becomes "download" (never refused for lack of a name)', ({ suggested }) => {
    expect(decideDownload(suggested, PDF, [])).toEqual({ ok: true, fileName: 'download' });
  });
});

describe('Windows device names get an underscore', () => {
  it.each([
    { suggested: 'CON', expected: '_CON' },
    { suggested: 'con.txt', expected: '_con.txt' },
    { suggested: 'Prn.pdf', expected: '_Prn.pdf' },
    { suggested: 'AUX', expected: '_AUX' },
    { suggested: 'nul.tar.gz', expected: '_nul.tar.gz' },
    { suggested: 'COM1.txt', expected: '_COM1.txt' },
    { suggested: 'com9', expected: '_com9' },
    { suggested: 'LPT1.doc', expected: '_LPT1.doc' },
    { suggested: 'lpt9.pdf', expected: '_lpt9.pdf' },
    { suggested: 'COM¹.txt', expected: '_COM¹.txt' },
    { suggested: 'CONOUT$', expected: '_CONOUT$' },
    { suggested: 'nul .txt', expected: '_nul .txt' },
    { suggested: 'con.', expected: '_con' },
    { suggested: 'folder/AUX.pdf', expected: '_AUX.pdf' },
    { suggested: '\u0000nul.pdf', expected: '_nul.pdf' },
  ])('$suggested becomes $expected', ({ suggested, expected }) => {
    expect(decideDownload(suggested, PDF, [])).toEqual({ ok: true, fileName: expected });
  });

  it.each(['CONSOLE.txt', 'com10.txt', 'lpt.pdf', 'icon.png', 'com.pdf', 'auxiliary.doc', 'null.txt'])('%s is not a device name', (name) => {
    expect(decideDownload(name, PDF, [])).toEqual({ ok: true, fileName: name });
  });
});

describe('long names', () => {
  it('are cut to 120 characters, keeping the extension', () => {
    const verdict = decideDownload(`${'x'.repeat(300)}.pdf`, PDF, []);
    expect(verdict).toEqual({ ok: true, fileName: `${'x'.repeat(116)}.pdf` });
  });

  it('stay within the limit with a number added', () => {
    const first = decideDownload(`${'x'.repeat(300)}.pdf`, PDF, []).fileName;
    const second = decideDownload(`${'x'.repeat(300)}.pdf`, PDF, [first]).fileName;
    expect(second).toBe(`${'x'.repeat(112)} (2).pdf`);
  });

  it('in a three-byte script stay within 240 UTF-8 bytes', () => {
    const { fileName } = decideDownload(`${'文'.repeat(200)}.pdf`, PDF, []);
    expect(Buffer.byteLength(fileName, 'utf8')).toBeLessThanOrEqual(240);
    expect(fileName).toBe(`${'文'.repeat(78)}.pdf`);
  });

  it('are never cut inside an emoji', () => {
    const { fileName } = decideDownload(`${'😀'.repeat(200)}.png`, 'image/png', []);
    expect(fileName).not.toMatch(LONE_SURROGATE);
    expect(fileName).toBe(`${'😀'.repeat(59)}.png`);
  });

  it('do not end in a dot or space where they were cut', () => {
    const { fileName } = decideDownload(`${'a'.repeat(115)} .${'b'.repeat(50)}.pdf`, PDF, []);
    expect(fileName).toBe(`${'a'.repeat(115)}.pdf`);
  });

  it('treat an absurdly long "extension" as part of the name', () => {
    const { fileName } = decideDownload(`a.${'x'.repeat(200)}`, PDF, []);
    expect(fileName).toBe(`a.${'x'.repeat(118)}`);
  });
});

describe('names already in the session folder', () => {
  it.each([
    { name: 'a taken name gets (2) before the extension', suggested: 'lasku.pdf', existing: ['lasku.pdf'], expected: 'lasku (2).pdf' },
    { name: 'the comparison ignores case', suggested: 'lasku.pdf', existing: ['LASKU.PDF'], expected: 'lasku (2).pdf' },
    { name: 'taken numbers are skipped', suggested: 'lasku.pdf', existing: ['lasku.pdf', 'Lasku (2).pdf', 'lasku (3).PDF'], expected: 'lasku (4).pdf' },
    { name: 'a gap in the numbers is used', suggested: 'lasku.pdf', existing: ['lasku.pdf', 'lasku (3).pdf'], expected: 'lasku (2).pdf' },
    { name: 'a name without extension gets the number at the end', suggested: 'README', existing: ['readme'], expected: 'README (2)' },
    { name: 'the fallback name is numbered too', suggested: '', existing: ['download'], expected: 'download (2)' },
    { name: 'only the last extension is kept apart', suggested: 'data.tar.gz', existing: ['data.tar.gz'], expected: 'data.tar (2).gz' },
    { name: 'a decomposed existing name is the same name', suggested: 'Ääni.txt', existing: ['A\u0308a\u0308ni.txt'], expected: 'Ääni (2).txt' },
    { name: 'the cleaned name is what is compared', suggested: '../lasku.pdf.', existing: ['lasku.pdf'], expected: 'lasku (2).pdf' },
    { name: 'a free name is left alone', suggested: 'lasku.pdf', existing: ['lasku.pdf.txt', 'lasku'], expected: 'lasku.pdf' },
  ])('$name', ({ suggested, existing, expected }) => {
    expect(decideDownload(suggested, PDF, existing)).toEqual({ ok: true, fileName: expected });
  });
});

describe('programs, scripts and shortcuts are refused', () => {
  it.each([
    { name: 'a Windows program', suggested: 'setup.exe', fileName: 'setup.exe' },
    { name: 'a program in capitals', suggested: 'X.EXE', fileName: 'X.EXE' },
    { name: 'a program behind a document extension', suggested: 'invoice.pdf.exe', fileName: 'invoice.pdf.exe' },
    { name: 'a program with a trailing dot', suggested: 'x.exe.', fileName: 'x.exe' },
    { name: 'a program with a trailing space', suggested: 'x.exe ', fileName: 'x.exe' },
    { name: 'a program with trailing dots and spaces', suggested: 'x.exe . .', fileName: 'x.exe' },
    { name: 'a program followed by a separator', suggested: 'x.exe/', fileName: 'x.exe' },
    { name: 'a program followed by "/."', suggested: 'x.exe/.', fileName: 'x.exe' },
    { name: 'a program extension hidden in the middle', suggested: 'invoice.exe.pdf', fileName: 'invoice.exe.pdf' },
    { name: 'a program extension padded with spaces', suggested: 'invoice.exe  .pdf', fileName: 'invoice.exe  .pdf' },
    { name: 'a program extension split by a control character', suggested: 'evil.ex\u0000e', fileName: 'evil.exe' },
    { name: 'a program extension split by a reserved character', suggested: 'evil.e*x?e', fileName: 'evil.exe' },
    { name: 'a program disguised by a right-to-left override', suggested: 'lasku\u202Efdp.exe', fileName: 'laskufdp.exe' },
    { name: 'a program in a path', suggested: '../../Startup/evil.exe', fileName: 'evil.exe' },
    { name: 'a script with a mixed-case extension', suggested: 'run.Ps1', fileName: 'run.Ps1' },
    { name: 'an AppImage', suggested: 'Tool-x86_64.AppImage', fileName: 'Tool-x86_64.AppImage' },
    { name: 'an HTML application', suggested: 'payload.hta', fileName: 'payload.hta' },
    { name: 'a shortcut', suggested: 'Kela.lnk', fileName: 'Kela.lnk' },
    { name: 'an internet shortcut', suggested: 'Kela.url', fileName: 'Kela.url' },
    { name: 'a registry file', suggested: 'fix.reg', fileName: 'fix.reg' },
    { name: 'a disk image', suggested: 'installer.iso', fileName: 'installer.iso' },
    { name: 'a certificate offering to be trusted', suggested: 'root.crt', fileName: 'root.crt' },
    { name: 'a Windows device name that is also a program', suggested: 'con.exe', fileName: '_con.exe' },
  ])('$name', ({ suggested, fileName }) => {
    expect(decideDownload(suggested, 'application/octet-stream', [])).toEqual({ ok: false, reason: 'risky-type', fileName });
  });

  it('an extension that shortening would bring to the end is refused', () => {
    // The cleaned name ends in ".pdf"; cut to 120 characters it would read "….exe.pdf".
    const suggested = `a.${'y'.repeat(110)}.exe${'x'.repeat(100)}.pdf`;
    expect(decideDownload(suggested, PDF, [])).toMatchObject({ ok: false, reason: 'risky-type' });
  });

  it('a program extension that shortening would cut away is still refused: the intent is plain', () => {
    const suggested = `${'x'.repeat(130)}.exe.pdf`;
    expect(decideDownload(suggested, PDF, [])).toEqual({ ok: false, reason: 'risky-type', fileName: `${'x'.repeat(116)}.pdf` });
  });

  const required = [
    'exe', 'msi', 'msp', 'msix', 'appx', 'bat', 'cmd', 'com', 'scr', 'pif', 'cpl', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf',
    'wsh', 'hta', 'jar', 'lnk', 'reg', 'inf', 'scf', 'url', 'dll', 'sys', 'sh', 'bash', 'zsh', 'csh', 'run', 'bin', 'appimage',
    'deb', 'rpm', 'snap', 'flatpak', 'dmg', 'pkg', 'app', 'apk', 'iso', 'img', 'vhd', 'vhdx',
  ];

  it('the list holds every extension the brief requires, each refused anywhere in a name', () => {
    expect(required.filter((ext) => !RISKY_ANYWHERE.has(ext))).toEqual([]);
  });

  it.each(ALL_RISKY.map((ext) => [ext]))('.%s is refused as last, upper-case, trailing-dot, trailing-space and double extension', (ext) => {
    for (const suggested of [`file.${ext}`, `FILE.${ext.toUpperCase()}`, `file.${ext}.`, `file.${ext} `, `file.${ext} . `, `lasku.pdf.${ext}`, `a/b\\lasku.${ext}`]) {
      expect(decideDownload(suggested, PDF, []), suggested).toMatchObject({ ok: false, reason: 'risky-type' });
    }
  });

  it.each(ANYWHERE.map((ext) => [ext]))('.%s (a program or script) is refused as an inner extension too', (ext) => {
    for (const suggested of [`file.${ext}.pdf`, `file.${ext.toUpperCase()} .txt`]) {
      expect(decideDownload(suggested, PDF, []), suggested).toMatchObject({ ok: false, reason: 'risky-type' });
    }
  });
});

describe("the types Windows treats as dangerous are refused", () => {
  /** From the review, and Chromium's DANGEROUS / ALLOW_ON_USER_GESTURE types for Windows, written out here apart from the table. */
  const windows = [
    'html', 'htm', 'xht', 'xhtml', 'mht', 'mhtml', 'svg', 'docm', 'xlsm', 'pptm', 'dotm', 'xltm', 'potm', 'ppam', 'ppsm', 'sldm', 'xlam',
    'xll', 'rdp', 'wsb', 'theme', 'settingcontent-ms', 'accdb', 'mdb', 'ade', 'adp', 'vsdm', 'vsmacros', 'slk', 'oxt', 'xbap', 'gadget',
    'hta', 'htt', 'jnlp', 'class', 'swf', 'crx', 'cpi', 'paf', 'u3p', 'drv', 'local', 'manifest', 'mof', 'ini', 'cfg', 'grp', 'xml',
    'xsl', 'eml', 'msg', 'pst', 'rgs', 'job', 'partial', 'xrm-ms', 'rels', 'fon', 'img', 'ins', 'isp', 'tmp', 'printerexport',
  ];

  it('the table holds each of them', () => {
    expect(windows.filter((ext) => !RISKY_EXTENSIONS.has(ext))).toEqual([]);
  });

  it.each([
    { name: 'a saved web page', suggested: 'Kela - kirjaudu.html' },
    { name: 'a page in XHTML', suggested: 'lomake.xht' },
    { name: 'a macro-enabled Word document', suggested: 'Hakemus.docm' },
    { name: 'a macro-enabled workbook behind a PDF name', suggested: 'lasku.pdf.xlsm' },
    { name: 'an Excel add-in', suggested: 'laskin.xll' },
    { name: 'a remote desktop connection', suggested: 'Tuki.rdp' },
    { name: 'a Windows Sandbox configuration', suggested: 'testi.wsb' },
    { name: 'an SVG image that is really a page', suggested: 'logo.svg' },
    { name: 'a macro-enabled presentation with a trailing dot and space', suggested: 'esitys.pptm. ' },
  ])('$name', ({ suggested }) => {
    expect(decideDownload(suggested, 'application/octet-stream', [])).toMatchObject({ ok: false, reason: 'risky-type' });
  });

  it.each(['Raportti.html.pdf', 'maaliskuu.mar.2025.pdf', 'ohje.xml.txt', 'kuva.svg.png'])(
    'a page or document type inside a name (%s) is just part of it: Windows goes by the last extension',
    (name) => {
      expect(decideDownload(name, PDF, [])).toEqual({ ok: true, fileName: name });
    },
  );
});

describe('risky MIME types are refused whatever the name says', () => {
  it.each([
    ['text/html', 'lasku.pdf'],
    ['application/xhtml+xml', 'lasku.pdf'],
    ['image/svg+xml', 'kuva.png'],
    ['application/vnd.ms-word.document.macroEnabled.12', 'hakemus.docx'],
    ['application/vnd.ms-excel.sheet.macroEnabled.12; charset=binary', 'budjetti.xlsx'],
    ['application/x-rdp', 'yhteys.txt'],
    ['text/javascript', 'ohje.txt'],
    ['application/x-ms-shortcut', 'kela'],
  ])('%s named %s', (mime, name) => {
    expect(decideDownload(name, mime, [])).toEqual({ ok: false, reason: 'mime-mismatch', fileName: name });
  });

  it('a risky name is reported for its name even when the MIME type is risky too', () => {
    expect(decideDownload('setup.exe', 'application/x-msdownload', [])).toMatchObject({ ok: false, reason: 'risky-type' });
  });
});

describe('executable MIME types are refused whatever the name says', () => {
  it.each([
    'application/x-msdownload',
    'application/x-msdos-program',
    'application/x-ms-installer',
    'application/vnd.microsoft.portable-executable',
    'application/x-sh',
    'application/x-executable',
    'application/x-elf',
    'application/java-archive',
    'application/vnd.android.package-archive',
    'application/x-apple-diskimage',
    'application/x-iso9660-image',
    'Application/X-MSDownload',
    'application/x-msdownload; charset=binary',
    '  application/x-sh ',
  ])('%s', (mime) => {
    expect(decideDownload('lasku.pdf', mime, [])).toEqual({ ok: false, reason: 'mime-mismatch', fileName: 'lasku.pdf' });
  });
});

describe('documents are allowed', () => {
  it.each([
    { name: 'lasku.pdf', mime: 'application/pdf' },
    { name: 'kuva.jpg', mime: 'image/jpeg' },
    { name: 'kuva.PNG', mime: 'image/png' },
    { name: 'hakemus.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    { name: 'budjetti.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    { name: 'esitys.odp', mime: 'application/vnd.oasis.opendocument.presentation' },
    { name: 'muistio.txt', mime: 'text/plain; charset=utf-8' },
    { name: 'tilit.csv', mime: 'text/csv' },
    { name: 'liitteet.zip', mime: 'application/zip' },
    { name: 'lasku.pdf', mime: 'application/octet-stream' },
    { name: 'lasku.pdf', mime: '' },
    { name: 'exe.pdf', mime: 'application/pdf' },
    { name: 'setup_exe_ohje.pdf', mime: 'application/pdf' },
    { name: 'kela.fi.pdf', mime: 'application/pdf' },
  ])('$name as $mime', ({ name, mime }) => {
    expect(decideDownload(name, mime, [])).toEqual({ ok: true, fileName: name });
  });
});

/** Independent of the module: would Windows or a desktop run or open this name as something risky? */
function looksExecutable(name: string): boolean {
  const parts = name
    .toLowerCase()
    .split('.')
    .slice(1)
    .map((part) => part.trim());
  return ALL_RISKY.includes(parts.at(-1) ?? '') || parts.some((part) => ANYWHERE.includes(part));
}

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

describe('properties', () => {
  // Pieces that attackers combine: separators, dots, controls, reserved characters, program extensions.
  const piece = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ maxLength: 4, unit: 'binary' }),
    fc.constantFrom('/', '\\', '.', '..', ' ', '\u0000', '\u001f', '\u007f', '\u202e', ':', '*', '?', '"', '<', '>', '|'),
    fc.constantFrom(...ALL_RISKY, 'EXE', 'Exe', 'HTML', 'pdf', 'txt', 'con', 'LPT1', 'x'.repeat(130), '文'.repeat(90)),
  );
  const suggestedName = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
  const mime = fc.constantFrom('application/pdf', 'application/octet-stream', '', 'text/plain');

  it('never returns a path, a control or reserved character, a device name or an over-long name', () => {
    fc.assert(
      fc.property(suggestedName, mime, fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }), (name, type, existing) => {
        const { fileName } = decideDownload(name, type, existing);
        expect(fileName).not.toBe('');
        // eslint-disable-next-line no-control-regex
        expect(fileName).not.toMatch(/[/\\\u0000-\u001f\u007f-\u009f<>:"|?*\u202a-\u202e\u2066-\u2069]/);
        expect(fileName).not.toMatch(/^[.\s]|[.\s]$/);
        expect(WINDOWS_DEVICE.test(fileName.split('.')[0]!.trimEnd())).toBe(false);
        expect([...fileName].length).toBeLessThanOrEqual(120);
        expect(Buffer.byteLength(fileName, 'utf8')).toBeLessThanOrEqual(240);
        expect(fileName).not.toMatch(LONE_SURROGATE);
      }),
      { numRuns: 500 },
    );
  });

  it('never allows a name with a program extension', () => {
    fc.assert(
      fc.property(suggestedName, mime, (name, type) => {
        const verdict = decideDownload(name, type, []);
        if (verdict.ok) expect(looksExecutable(verdict.fileName)).toBe(false);
        // Refused only for a reason: the name, cleaned, or as it would be saved, looks executable.
        // eslint-disable-next-line no-control-regex
        else expect(looksExecutable(verdict.fileName) || looksExecutable(name.replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ''))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('every allowed name is new to the session folder, whatever is already there', () => {
    const existingNames = fc.array(
      fc.oneof(fc.constantFrom('lasku.pdf', 'LASKU (2).PDF', 'lasku (3).pdf', 'download', 'Download (2)'), fc.string({ maxLength: 8 })),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(fc.constantFrom('lasku.pdf', 'Lasku.PDF', '', '../lasku.pdf', 'a/b'), existingNames, (name, existing) => {
        const verdict = decideDownload(name, PDF, existing);
        expect(verdict.ok).toBe(true);
        const taken = existing.map((n) => n.normalize('NFC').toLowerCase());
        expect(taken).not.toContain(verdict.fileName.toLowerCase());
      }),
    );
  });
});
