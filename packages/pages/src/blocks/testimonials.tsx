import type { ComponentConfig } from "@puckeditor/core";
import type { BlockProps } from "../schema";
import { areaField, textField } from "./fields";
import { Paragraphs } from "./shared";

export type TestimonialsProps = Omit<BlockProps<"Testimonials">, "id">;

export const testimonialsBlock: ComponentConfig<TestimonialsProps> = {
  label: "Testimonials",
  fields: {
    heading: textField("Heading"),
    items: {
      type: "array",
      label: "Quotes",
      arrayFields: { quote: areaField("Quote"), name: textField("Name"), role: textField("Role or company") },
      defaultItemProps: { quote: "It changed how we work.", name: "A happy customer", role: "" },
      getItemSummary: (item) => item.name || "Quote",
    },
  },
  defaultProps: { heading: "What customers say", items: [{ quote: "It changed how we work.", name: "A happy customer", role: "" }] },
  render: ({ heading, items }) => (
    <section className="mg-block mg-testimonials mg-tone-tinted">
      <div className="mg-wrap">
        {heading ? <h2>{heading}</h2> : null}
        <ul className="mg-grid mg-cols-3">
          {items.map((item, i) => (
            <li key={i} className="mg-card">
              <figure>
                <blockquote>
                  <Paragraphs text={item.quote} />
                </blockquote>
                {item.name ? (
                  <figcaption>
                    <strong>{item.name}</strong>
                    {item.role ? <span>, {item.role}</span> : null}
                  </figcaption>
                ) : null}
              </figure>
            </li>
          ))}
        </ul>
      </div>
    </section>
  ),
};
