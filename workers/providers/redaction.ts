/**
 * PII redaction before text leaves for an external provider (seed 004): e-mail addresses, phone
 * numbers (Japanese domestic such as 03-1234-5678 / 090-1234-5678, and international +81 …,
 * +1 …) and payment card numbers (13–19 digits passing the Luhn check, so order numbers and
 * dates are left alone). Each match becomes a typed placeholder; the count goes into usage.
 */
export type Redaction = { text: string; count: number; kinds: Record<RedactionKind, number> };
export type RedactionKind = "email" | "phone" | "card";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Card candidates first (long digit runs), so phone patterns do not eat parts of them.
// Issuer prefixes 2–6 (Mastercard, Amex, Visa, Discover, JCB …) keep ISBNs (978…) out.
const CARD = /\b[2-6](?:\d[ -]?){11,17}\d\b/g;
const PHONE = new RegExp(
  [
    // International: +CC then 6–14 more digits with optional separators.
    String.raw`\+\d{1,3}[ -]?(?:\(?\d{1,4}\)?[ -]?){1,4}\d{2,4}`,
    // Japanese domestic: 0X(X)(X)-XXX(X)-XXXX, mobiles 0[789]0-XXXX-XXXX, with - or full stops.
    String.raw`\b0\d{1,4}[-(（ ]\d{1,4}[-)） ]\d{3,4}\b`,
    String.raw`\b0[789]0\d{8}\b`,
    // North American style (123) 456-7890 / 123-456-7890.
    String.raw`\(\d{3}\) ?\d{3}-\d{4}\b`,
    String.raw`\b\d{3}-\d{3}-\d{4}\b`,
  ].join("|"),
  "g",
);

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function redact(text: string): Redaction {
  const kinds: Record<RedactionKind, number> = { email: 0, phone: 0, card: 0 };
  let out = text.replace(EMAIL, () => {
    kinds.email += 1;
    return "[redacted-email]";
  });
  out = out.replace(CARD, (match) => {
    const digits = match.replace(/\D/g, "");
    if (digits.length < 13 || digits.length > 19 || !luhn(digits)) return match;
    kinds.card += 1;
    return "[redacted-card]";
  });
  out = out.replace(PHONE, () => {
    kinds.phone += 1;
    return "[redacted-phone]";
  });
  return { text: out, count: kinds.email + kinds.phone + kinds.card, kinds };
}
