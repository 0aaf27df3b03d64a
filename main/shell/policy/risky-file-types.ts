/**
 * File types a resident must not take home from the kiosk: opened later, on
 * a home PC or from a USB stick, they run code, change the system or show a
 * convincing fake page. Data, not logic; download-policy.ts applies it.
 *
 * Sources, for the Windows types (where residents' USB sticks end up):
 * - Chromium's download file-type policy (components/safe_browsing/content/
 *   resources/download_file_types.asciipb, version 49): every type marked
 *   DANGEROUS or ALLOW_ON_USER_GESTURE for Windows;
 * - Windows Attachment Manager's high-risk list (Microsoft KB 883260);
 * - Microsoft's list of attachments Outlook blocks ("Blocked attachments in
 *   Outlook"), which adds .wsb, .theme, .printerexport and the like;
 * - Office's macro-enabled formats: Office blocks macros only in files that
 *   carry the Mark of the Web, and a copy to a FAT/exFAT USB stick loses it;
 * - .rdp: a Remote Desktop file connects the PC, its drives and clipboard to
 *   the sender's server (the 2024 RDP-attachment phishing campaigns);
 * - HTML-like pages and SVG: they open in the browser from a file: address
 *   and run script, the way phishing attachments do.
 * For Linux and macOS: Chromium's policy for those platforms and their
 * packaging and launcher formats. macOS Automator types named after common
 * words (action, service, definition, workflow) are left out: they ask
 * before installing, and as parts of names they would refuse ordinary files.
 */

export interface RiskyFileTypes {
  /** What these files do when opened. */
  why: string;
  /** Lower case, without the dot. */
  extensions: readonly string[];
  /**
   * Also refused as an inner part of a name ("lasku.exe.pdf"), not only as
   * the last extension: programs and scripts, whose name a rename, a
   * shortened copy or a desktop that sniffs content could bring back.
   */
  anywhere: boolean;
}

export const RISKY_FILE_TYPES: readonly RiskyFileTypes[] = [
  {
    why: 'Windows programs, installers, packages and consoles',
    anywhere: true,
    extensions: [
      'exe', 'com', 'scr', 'pif', 'cpl', 'cpi', 'msi', 'msp', 'mst', 'msu', 'msix', 'msixbundle', 'appx', 'appxbundle', 'appinstaller',
      'application', 'appref-ms', 'xbap', 'gadget', 'paf', 'u3p', 'inx', 'isu', 'diagcab', 'ppkg', 'app', 'efi', 'msc',
    ],
  },
  {
    why: 'libraries and drivers that a program beside them, or Excel, loads',
    anywhere: true,
    extensions: ['dll', 'ocx', 'sys', 'drv', 'pyd', 'xll'],
  },
  {
    why: 'scripts Windows or an installed interpreter runs',
    anywhere: true,
    extensions: [
      'bat', 'cmd', 'ps1', 'ps1xml', 'ps2', 'ps2xml', 'psc1', 'psc2', 'psd1', 'psm1', 'psdm1', 'js', 'jse', 'vb', 'vbe', 'vbs', 'vbscript',
      'vbp', 'ws', 'wsf', 'wsc', 'wsh', 'msh', 'msh1', 'msh2', 'mshxml', 'msh1xml', 'msh2xml', 'sct', 'hta', 'rgs', 'wsb', 'py', 'pyw', 'pyc',
      'pyo', 'pyz', 'pyzw', 'pl', 'rb', 'jar', 'jnlp', 'class',
    ],
  },
  {
    why: 'shortcuts and files that open something else or change the system',
    anywhere: true,
    extensions: ['lnk', 'url', 'website', 'scf', 'library-ms', 'search-ms', 'searchconnector-ms', 'settingcontent-ms', 'reg', 'inf', 'chm', 'hlp'],
  },
  {
    why: 'certificates: opening one offers to trust it for every later session',
    anywhere: true,
    extensions: ['cer', 'crt', 'der', 'p7b', 'p7c', 'p12', 'pfx'],
  },
  {
    why: 'Linux and macOS programs, scripts, packages, launchers and profiles',
    anywhere: true,
    extensions: [
      'sh', 'bash', 'zsh', 'csh', 'ksh', 'tcsh', 'shar', 'run', 'bin', 'out', 'elf', 'so', 'appimage', 'deb', 'rpm', 'snap', 'flatpak',
      'flatpakref', 'desktop', 'command', 'tool', 'dmg', 'pkg', 'mpkg', 'apk', 'xapk', 'aab', 'dex', 'dylib', 'applescript', 'scpt',
      'scptd', 'osas', 'osax', 'seplugin', 'mobileconfig', 'configprofile', 'fileloc', 'webloc',
    ],
  },
  {
    why: 'disk images: they mount as drives that carry programs without the Mark of the Web',
    anywhere: true,
    extensions: ['iso', 'img', 'vhd', 'vhdx'],
  },
  {
    why: 'pages that open in the browser from a file: address and run script (fake sign-in pages)',
    anywhere: false,
    extensions: [
      'html', 'htm', 'xht', 'xhtm', 'xhtml', 'shtml', 'shtm', 'sht', 'dhtml', 'dhtm', 'dht', 'ehtml', 'mht', 'mhtml', 'htt', 'htc', 'svg',
      'svgz', 'xml', 'xsl', 'xsd', 'swf', 'spl',
    ],
  },
  {
    why: 'Office, Access and Visio files with macros or code, Office add-ins and Outlook items',
    anywhere: false,
    extensions: [
      'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'xla', 'xlm', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm', 'slk', 'accda', 'accdb', 'accde',
      'accdr', 'ade', 'adp', 'mad', 'maf', 'mag', 'mam', 'maq', 'mar', 'mas', 'mat', 'mau', 'mav', 'maw', 'mda', 'mdb', 'mde', 'mdt', 'mdw',
      'mdz', 'vsd', 'vss', 'vst', 'vsw', 'vdx', 'vsx', 'vtx', 'vsdx', 'vssx', 'vstx', 'vsdm', 'vssm', 'vstm', 'vsmacros', 'oxt', 'fxp',
      'ops', 'pcd', 'plg', 'prf', 'prg', 'pst', 'msg', 'eml', 'xnk',
    ],
  },
  {
    why: 'remote desktop connections, themes, scheduled tasks, DLL redirections and other Windows settings',
    anywhere: false,
    extensions: [
      'rdp', 'theme', 'themepack', 'deskthemepack', 'printerexport', 'webpnp', 'job', 'local', 'manifest', 'shb', 'shs', 'ins', 'isp',
      'its', 'cnt', 'hpj', 'chi', 'grp', 'mmc', 'mof', 'osd', 'mcf', 'bgi', 'crx', 'xrm-ms', 'partial', 'rels', 'ini', 'cfg', 'ad', 'asp',
      'aspx', 'asx', 'bas', 'tmp', 'fon',
    ],
  },
];

/**
 * MIME types of such files (compared lower case, parameters dropped): a
 * download with one of these is refused whatever its name says.
 */
export const RISKY_MIME_TYPES: ReadonlySet<string> = new Set([
  // programs, installers, packages, disk images
  'application/x-msdownload', 'application/x-msdos-program', 'application/x-ms-installer', 'application/x-msi',
  'application/vnd.microsoft.portable-executable', 'application/x-dosexec', 'application/x-ms-application', 'application/x-ms-xbap',
  'application/x-executable', 'application/x-elf', 'application/x-sharedlib', 'application/java-archive', 'application/x-java-archive',
  'application/x-java-jnlp-file', 'application/vnd.android.package-archive', 'application/x-apple-diskimage',
  'application/x-iso9660-image', 'application/x-debian-package', 'application/x-rpm',
  // scripts
  'application/x-sh', 'application/x-shellscript', 'application/x-csh', 'application/x-bat', 'application/hta', 'text/javascript',
  'application/javascript', 'application/x-javascript', 'text/vbscript',
  // shortcuts and connections
  'application/x-ms-shortcut', 'application/x-mswinurl', 'application/x-rdp',
  // pages that run script when opened
  'text/html', 'application/xhtml+xml', 'image/svg+xml', 'text/xml', 'application/xml', 'application/x-shockwave-flash',
  // Office files with macros
  'application/vnd.ms-word.document.macroenabled.12', 'application/vnd.ms-word.template.macroenabled.12',
  'application/vnd.ms-excel.sheet.macroenabled.12', 'application/vnd.ms-excel.template.macroenabled.12',
  'application/vnd.ms-excel.addin.macroenabled.12', 'application/vnd.ms-powerpoint.presentation.macroenabled.12',
  'application/vnd.ms-powerpoint.template.macroenabled.12', 'application/vnd.ms-powerpoint.addin.macroenabled.12',
  'application/vnd.ms-powerpoint.slideshow.macroenabled.12', 'application/vnd.ms-powerpoint.slide.macroenabled.12',
  'application/x-msaccess',
]);
