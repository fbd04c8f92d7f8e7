import type { ComponentConfig } from "@puckeditor/core";
import type { BlockProps } from "../schema";
import { areaField, textField } from "./fields";
import { Paragraphs } from "./shared";

export type FaqProps = Omit<BlockProps<"Faq">, "id">;

/** Questions as <details>: they open and close without any script, by keyboard too. */
export const faqBlock: ComponentConfig<FaqProps> = {
  label: "FAQ",
  fields: {
    heading: textField("Heading"),
    items: {
      type: "array",
      label: "Questions",
      arrayFields: { question: textField("Question"), answer: areaField("Answer") },
      defaultItemProps: { question: "A question people ask", answer: "The answer." },
      getItemSummary: (item) => item.question || "Question",
    },
  },
  defaultProps: { heading: "Questions and answers", items: [{ question: "A question people ask", answer: "The answer." }] },
  render: ({ heading, items }) => (
    <section className="mg-block mg-faq">
      <div className="mg-wrap mg-narrow">
        {heading ? <h2>{heading}</h2> : null}
        {items.map((item, i) => (
          <details key={i}>
            <summary>{item.question}</summary>
            <Paragraphs text={item.answer} />
          </details>
        ))}
      </div>
    </section>
  ),
};
