import { useState } from 'react';
import { formatCountdown } from './countdown';

/**
 * A pause after too many tries ("… Try again in 0:42."): one sentence with
 * one live countdown in it. Screen readers hear the sentence once, as it
 * was when the pause began (a live region re-read every second would drown
 * everything else); the visible one counts down. Render it only while the
 * pause lasts, so each pause starts with its own sentence.
 */
export function Lockout({ leftMs, text }: { leftMs: number; text: (time: string) => string }) {
  // The time isolated, so "0:42" reads the same inside a right-to-left sentence.
  const sentence = (ms: number) => text(`\u2068${formatCountdown(ms)}\u2069`);
  const [spoken] = useState(() => sentence(leftMs));
  return (
    <>
      <span className="sr-only">{spoken}</span>
      <span className="lockout" aria-hidden="true">
        {sentence(leftMs)}
      </span>
    </>
  );
}
