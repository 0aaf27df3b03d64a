import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A box whose content may be wider than the screen (a table, a chart): it
 * scrolls sideways itself instead of widening the page. While it does
 * scroll, it is a named region in the tab order, so that the keyboard can
 * scroll it too (WCAG 2.1.1); while everything fits, it is a plain box.
 */
export function ScrollRegion({ labelledBy, className = '', onWidth, children }: { labelledBy: string; className?: string; onWidth?: (width: number) => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      onWidth?.(element.clientWidth);
      setOverflowing(element.scrollWidth > element.clientWidth + 1);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [onWidth]);

  return (
    <div ref={box} className={`scroll-region ${className}`} {...(overflowing ? { role: 'region', tabIndex: 0, 'aria-labelledby': labelledBy } : {})}>
      {children}
    </div>
  );
}
