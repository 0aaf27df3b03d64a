import { fingerprintGroups } from './fingerprint';

/**
 * The site CA's fingerprint as IT compares it, the same on the PC and in
 * the console: groups of whole bytes that never break inside, two a line
 * where there is room.
 */
export function Fingerprint({ value, large }: { value: string; large?: boolean }) {
  return (
    <p className={`fingerprint-groups${large ? ' fingerprint-groups--large' : ''}`} translate="no" dir="ltr">
      {fingerprintGroups(value).map((group, i) => (
        <span key={i} className="fingerprint-groups__group">
          {group}
        </span>
      ))}
    </p>
  );
}
