import type { PcView } from '../../../preload/hub-contract';
import type { AdvisorKey, AdvisorLocale, Tr } from '../i18n';
import { intlLocale } from '../../i18n/languages';
import { duration } from '../PcBoard';

type Reason = NonNullable<PcView['health']>['attention'][number];

const REASON_KEYS: Record<Reason, AdvisorKey> = {
  offline: 'fleet.attention.offline',
  'out-of-service': 'fleet.attention.outOfService',
  'wipe-failed': 'fleet.attention.wipeFailed',
  'clock-skew': 'fleet.attention.clockSkew',
  'low-disk': 'fleet.attention.lowDisk',
  'old-version': 'fleet.attention.oldVersion',
};

/** Whether the hub says this PC needs attention (main/core/pc-health.ts). */
export function needsAttention(pc: PcView): boolean {
  return (pc.health?.attention.length ?? 0) > 0;
}

function bytes(value: number, locale: AdvisorLocale): string {
  const gb = value / 1024 ** 3;
  const [amount, unit] = gb >= 1 ? [gb, 'gigabyte'] : [value / 1024 ** 2, 'megabyte'];
  return new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: amount < 10 ? 1 : 0 }).format(amount);
}

/** A PC's health on its card: why it needs attention, the advisor's out-of-service reason, version, uptime, free disk. */
export function HealthFacts({ pc, tr, locale }: { pc: PcView; tr: Tr; locale: AdvisorLocale }) {
  const health = pc.health;
  const planned = pc.status?.outOfService?.planned ? pc.status.outOfService.reason : undefined;
  return (
    <>
      {health && health.attention.length > 0 ? (
        <li className="fact--bad fleet-attention">{tr('fleet.attentionLabel', { reasons: health.attention.map((r) => tr(REASON_KEYS[r])).join(', ') })}</li>
      ) : null}
      {planned ? <li className="fleet-reason">{tr('fleet.reason', { reason: planned })}</li> : null}
      {health?.restartPending ? <li>{tr('fleet.restartPending')}</li> : null}
      {health?.release ? <li>{tr('fleet.version', { release: health.release })}</li> : null}
      {pc.online && health?.uptimeMs !== undefined ? <li>{tr('fleet.uptime', { amount: duration(health.uptimeMs, locale) })}</li> : null}
      {health?.disk ? <li>{tr('fleet.disk', { free: bytes(health.disk.freeBytes, locale), total: bytes(health.disk.totalBytes, locale) })}</li> : null}
    </>
  );
}
