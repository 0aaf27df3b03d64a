/** The decimal mark of a CSV download: a Finnish Excel reads "1,5" as a number and "1.5" as text (and wants ";" between fields). */
export type Decimal = 'comma' | 'point';
