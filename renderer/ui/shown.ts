/** A figure as it is shown, and as a screen reader says it where that differs ("<5" → "fewer than 5", "–" → "no figures"). */
export interface Shown {
  text: string;
  spoken?: string;
}
