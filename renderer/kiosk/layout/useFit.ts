import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Fits a bar to its width by steps: level 0 is the fullest form; each next
 * level (set as `data-fit` on the element, read by the CSS) is more compact.
 * The first level whose content does not overflow the element's width is
 * kept. The words on a bar differ by language and text size, so the bar is
 * measured, not given breakpoints: Finnish and Sámi labels are long, and a
 * breakpoint that fits English would push them off the screen.
 */
export function useFit(ref: RefObject<HTMLElement | null>, levels: number): void {
  // After a render that changed the words (a countdown's digits keep their
  // width, so a ticking clock does not count) or the text size.
  const last = useRef('');
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const key = `${(element.textContent ?? '').replace(/\d/g, '0')}|${getComputedStyle(document.documentElement).fontSize}`;
    if (key === last.current) return;
    last.current = key;
    fit(element, levels);
  });
  // On any change of its size: a wider or narrower window, or text that grew
  // (the text size is set on the page's root after this bar has rendered).
  // Fitting again gives the same level for the same size, so this settles.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => fit(element, levels));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, levels]);
}

function fit(element: HTMLElement, levels: number): void {
  for (let level = 0; level < levels; level++) {
    element.dataset.fit = String(level);
    if (element.scrollWidth <= element.clientWidth + 1) return;
  }
}
