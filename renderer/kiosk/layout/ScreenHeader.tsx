import { useRef, type ReactNode } from 'react';
import { useFit } from './useFit';

/**
 * The kiosk's top bar: where this PC is, and its tools (language, text
 * size, help). One line wherever it fits: first with every language on
 * show, then with the languages behind one button, and only when even that
 * is too wide (a phone-sized window at the largest text) on two lines.
 */
export function ScreenHeader({ where, children }: { where: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  useFit(ref, 4);
  return (
    <header ref={ref} className="topbar topbar--kiosk">
      {where}
      <div className="topbar__tools">{children}</div>
    </header>
  );
}
