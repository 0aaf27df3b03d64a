import { useEffect, useRef } from 'react';

const INPUT = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` once after `ms` without any input on the kiosk's screen (every input starts the wait again). */
export function useInactivity(ms: number, onIdle: () => void): void {
  const latest = useRef(onIdle);
  useEffect(() => {
    latest.current = onIdle;
  });
  useEffect(() => {
    let timer = setTimeout(() => latest.current(), ms);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), ms);
    };
    for (const e of INPUT) window.addEventListener(e, restart, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of INPUT) window.removeEventListener(e, restart);
    };
  }, [ms]);
}
