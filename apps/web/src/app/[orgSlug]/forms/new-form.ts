import type { FormWriteInput } from "@mg/api/schemas/forms";

/** The form a "New form" click starts from: name, email, message and one marketing consent. */
export function starterForm(suffix: string): FormWriteInput {
  return {
    name: "Contact us",
    slug: `contact-us-${suffix}`,
    definition: {
      steps: [
        {
          fields: [
            { id: "first_name", kind: "text", label: "First name", required: false, mapsTo: { kind: "contact", field: "firstName" } },
            { id: "last_name", kind: "text", label: "Last name", required: false, mapsTo: { kind: "contact", field: "lastName" } },
            { id: "email", kind: "email", label: "Email", required: true, mapsTo: { kind: "contact", field: "email" } },
            { id: "message", kind: "textarea", label: "How can we help?", required: false, mapsTo: { kind: "none" } },
          ],
        },
      ],
      submitLabel: "Send",
    },
    consents: [{ id: "marketing", channel: "EMAIL", purpose: "marketing", wording: "I would like to receive news and offers by email. I can unsubscribe at any time.", required: false }],
    doubleOptIn: false,
    thankYou: { kind: "message", message: "Thank you! We will get back to you shortly." },
    ownerUserId: null,
    tags: [],
  };
}
