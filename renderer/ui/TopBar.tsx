import type { ReactNode } from 'react';

/**
 * The top of a page (the advisor console, the city dashboard): a link past
 * it to the content where the page has one, the page's name, who is signed
 * in, and the page's tools (sign out, the language).
 */
export function TopBar({ where, who, skipLabel, children }: { where: string; who?: string | undefined; skipLabel?: string; children: ReactNode }) {
  return (
    <>
      {skipLabel ? (
        <a className="skip-link" href="#main">
          {skipLabel}
        </a>
      ) : null}
      <header className="topbar">
        <div className="topbar__who">
          <p className="topbar__where">{where}</p>
          {who ? <p className="topbar__person">{who}</p> : null}
        </div>
        <div className="topbar__tools">{children}</div>
      </header>
    </>
  );
}
