/** The widget's checks of what a customer types before it is sent: the server's own rules, said
 *  at once in the customer's language (the server still validates). */

/** An address the server's email check takes: something@domain.tld, without spaces. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
