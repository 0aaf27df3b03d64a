const pad = (n: number) => String(n).padStart(2, '0');

/** 42:05 or 1:02:05: a countdown that never shows a negative time. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}:` : ''}${h > 0 ? pad(m) : String(m)}:${pad(s)}`;
}
