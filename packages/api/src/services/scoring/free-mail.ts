/**
 * Free-mail providers: an address there says nothing about the person's employer, so a
 * "business address" fact rule and the model's "free mail" feature both read this list.
 * The large consumer providers by share of sign-ups; extend when a market needs it.
 */
const FREE_MAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "hotmail.de",
  "outlook.com", "outlook.de", "live.com", "live.co.uk", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.de", "gmx.net", "gmx.com", "web.de",
  "t-online.de", "freenet.de", "mail.com", "proton.me", "protonmail.com", "pm.me", "zoho.com", "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com",
  "126.com", "orange.fr", "free.fr", "laposte.net", "libero.it", "virgilio.it", "wanadoo.fr", "btinternet.com", "comcast.net", "hey.com", "fastmail.com",
]);

export function emailDomain(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  return at < 0 ? null : email.slice(at + 1).toLowerCase();
}

export function isFreeMail(email: string | null): boolean {
  const domain = emailDomain(email);
  return domain !== null && FREE_MAIL_DOMAINS.has(domain);
}
