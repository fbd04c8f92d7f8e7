import type { ComponentConfig } from "@puckeditor/core";
import type { BlockProps } from "../schema";
import { YES_NO, areaField, radioField, textField } from "./fields";
import { Button, Paragraphs } from "./shared";

export type PricingProps = Omit<BlockProps<"Pricing">, "id">;

export const pricingBlock: ComponentConfig<PricingProps> = {
  label: "Pricing table",
  fields: {
    heading: textField("Heading"),
    intro: areaField("Introduction"),
    tiers: {
      type: "array",
      label: "Plans",
      arrayFields: {
        name: textField("Name"),
        price: textField("Price"),
        period: textField("Per (e.g. month)"),
        features: areaField("Included (one per line)"),
        ctaLabel: textField("Button label"),
        ctaHref: textField("Button link"),
        highlighted: radioField("Highlight", YES_NO),
      },
      defaultItemProps: { name: "Plan", price: "$0", period: "month", features: "", ctaLabel: "Choose", ctaHref: "#form", highlighted: "no" },
      getItemSummary: (item) => item.name || "Plan",
    },
  },
  defaultProps: {
    heading: "Simple pricing",
    intro: "",
    tiers: [
      { name: "Basic", price: "$19", period: "month", features: "One thing\nAnother thing", ctaLabel: "Choose Basic", ctaHref: "#form", highlighted: "no" },
      { name: "Plus", price: "$49", period: "month", features: "Everything in Basic\nMore", ctaLabel: "Choose Plus", ctaHref: "#form", highlighted: "yes" },
    ],
  },
  render: ({ heading, intro, tiers }) => (
    <section className="mg-block mg-pricing">
      <div className="mg-wrap">
        {heading ? <h2>{heading}</h2> : null}
        <Paragraphs text={intro} className="mg-lead" />
        <ul className="mg-grid mg-cols-3">
          {tiers.map((tier, i) => (
            <li key={i} className={`mg-card mg-tier${tier.highlighted === "yes" ? " mg-tier-highlighted" : ""}`}>
              <h3>{tier.name}</h3>
              <p className="mg-price">
                <strong>{tier.price}</strong>
                {tier.period ? <span> / {tier.period}</span> : null}
              </p>
              <ul className="mg-checklist">
                {tier.features
                  .split("\n")
                  .map((f) => f.trim())
                  .filter(Boolean)
                  .map((f, j) => (
                    <li key={j}>{f}</li>
                  ))}
              </ul>
              <Button label={tier.ctaLabel} href={tier.ctaHref} variant={tier.highlighted === "yes" ? "primary" : "secondary"} />
            </li>
          ))}
        </ul>
      </div>
    </section>
  ),
};
