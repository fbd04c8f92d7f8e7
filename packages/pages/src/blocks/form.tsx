import type { ComponentConfig } from "@puckeditor/core";
import { LeadFormMarkup } from "../forms/lead-form-markup";
import { contextOf } from "../render/context";
import type { BlockProps } from "../schema";
import { areaField, textField } from "./fields";
import { Paragraphs } from "./shared";

export type FormBlockProps = Omit<BlockProps<"Form">, "id">;

/**
 * One of the organization's lead forms. The renderer is handed the forms the page names; a form
 * that is missing (deleted, archived, not created yet) renders nothing — the page still works.
 * The editor replaces the text field by a select of the organization's forms (withFormOptions).
 */
export const formBlock: ComponentConfig<FormBlockProps> = {
  label: "Form",
  fields: { heading: textField("Heading"), intro: areaField("Introduction"), formId: textField("Form") },
  defaultProps: { heading: "Get in touch", intro: "", formId: "" },
  render: ({ puck, heading, intro, formId }) => {
    const ctx = contextOf(puck.metadata);
    const form = formId ? ctx.forms[formId] : undefined;
    if (!form || !ctx.formContext) {
      if (formId) ctx.missingForms?.add(formId);
      if (ctx.mode !== "editor") return <></>;
      return (
        <section className="mg-block mg-form" id="form">
          <div className="mg-wrap mg-narrow">
            {heading ? <h2>{heading}</h2> : null}
            <div className="mg-placeholder">{form ? `Form: ${form.name}` : formId ? "The chosen form is not available" : "Choose a form in the panel"}</div>
          </div>
        </section>
      );
    }
    return (
      <section className="mg-block mg-form" id="form">
        <div className="mg-wrap mg-narrow">
          {heading ? <h2>{heading}</h2> : null}
          <Paragraphs text={intro} />
          <div className="mg-form-body">
            <LeadFormMarkup form={form} context={ctx.formContext(form)} />
          </div>
        </div>
      </section>
    );
  },
};
