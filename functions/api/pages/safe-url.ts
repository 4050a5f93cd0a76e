/** The only links the pages render from entry data: https, mailto and tel. Anything else is shown as text. */

const ALLOWED_PROTOCOLS = new Set(['https:', 'mailto:', 'tel:']);

/** The normalised href when `value` is an absolute https, mailto or tel URL; otherwise undefined. */
export const safeHref = (value: string): string | undefined => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return ALLOWED_PROTOCOLS.has(url.protocol) ? url.href : undefined;
};

export const mailtoHref = (address: string): string | undefined =>
  /^[^\s@:/?#]+@[^\s@:/?#]+$/.test(address) ? safeHref(`mailto:${address}`) : undefined;

export const telHref = (number: string): string | undefined => {
  const digits = number.replace(/[^+0-9]/g, '');
  return /^\+?[0-9]{6,20}$/.test(digits) ? `tel:${digits}` : undefined;
};
