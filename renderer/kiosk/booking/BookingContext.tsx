import { createContext, useContext } from 'react';

/** Where "Book a time" was opened: the welcome screen, or the feedback screen after a session ("Book your next time"). */
export type BookingOrigin = 'welcome' | 'feedback';

export interface BookingLauncher {
  open(origin: BookingOrigin): void;
}

export const BookingContext = createContext<BookingLauncher>({ open: () => undefined });

export const useBookingLauncher = (): BookingLauncher => useContext(BookingContext);
