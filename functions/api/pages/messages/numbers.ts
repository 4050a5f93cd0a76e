/** Whole numbers as each catalogue writes them ("1 234" / "1,234"), with one formatter per language for the process. */
const SWEDISH = new Intl.NumberFormat('sv-SE');
const ENGLISH = new Intl.NumberFormat('en-GB');

export const svNumber = (n: number): string => SWEDISH.format(n);
export const enNumber = (n: number): string => ENGLISH.format(n);
