import type { PointerEvent } from 'react';

/** Props that call `action` when the element is pressed and held (a touch screen's hidden door). */
export function longPress(action: () => void, ms = 3_000) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return {
    onPointerDown: (_event: PointerEvent) => {
      cancel();
      timer = setTimeout(action, ms);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
  };
}
