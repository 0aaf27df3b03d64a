import { describe, expect, it } from 'vitest';
import { shownLocation } from '../../../main/hub/sources/console';

describe('a booking source\'s address in the console', () => {
  it('never shows a user name, password, query or fragment', () => {
    expect(shownLocation('https://tupa:salainen@varaamo-api.example.fi/v1?api_key=abc#x')).toBe('https://varaamo-api.example.fi/v1');
    expect(shownLocation('https://outlook.office365.com/owa/calendar/abc/def/reachcalendar.ics?token=1')).toBe('https://outlook.office365.com/owa/calendar/abc/def/reachcalendar.ics');
    expect(shownLocation('http://127.0.0.1:8080/v1')).toBe('http://127.0.0.1:8080/v1');
  });

  it('shows a file as its path', () => {
    expect(shownLocation('/srv/tupa/feeds/sali.ics')).toBe('/srv/tupa/feeds/sali.ics');
  });
});
