import type { ComponentType } from 'react';
import { AdvisorHoursSection, OpeningHoursSection } from './HoursSection';
import { PrintingSection } from './PrintingSection';
import { SelfBookingSection, WalkInSection, WarningsIdleSection } from './SessionSections';
import { TilesSection } from './TilesSection';
import { WebSection } from './WebSection';

/**
 * The editor's sections, in the order shown. Each is a small component
 * reading and writing the draft through usePolicyForm(); a new part of the
 * policy is a file under sections/ and a line here.
 */
export const POLICY_SECTIONS: ReadonlyArray<{ id: string; Component: ComponentType }> = [
  { id: 'tiles', Component: TilesSection },
  { id: 'web', Component: WebSection },
  { id: 'help', Component: AdvisorHoursSection },
  { id: 'opening', Component: OpeningHoursSection },
  { id: 'session', Component: WarningsIdleSection },
  { id: 'walk-in', Component: WalkInSection },
  { id: 'self-booking', Component: SelfBookingSection },
  { id: 'printing', Component: PrintingSection },
];
