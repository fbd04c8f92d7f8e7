import type { ComponentConfig } from "@puckeditor/core";
import { contextOf } from "../render/context";
import type { BlockProps } from "../schema";
import { textField } from "./fields";

export type CountdownProps = Omit<BlockProps<"Countdown">, "id">;

function formatEnd(end: Date, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit", timeZone, timeZoneName: "short" }).format(end);
  } catch {
    return end.toISOString();
  }
}

/**
 * The end is rendered on the server as a date in the organization's zone (readable without
 * JavaScript); the page's enhancement script turns `[data-mg-countdown]` into a ticking clock and
 * swaps in the expired copy once the time has passed (cached HTML can outlive the end).
 */
export const countdownBlock: ComponentConfig<CountdownProps> = {
  label: "Countdown",
  fields: {
    heading: textField("Heading"),
    endsAt: textField("Ends at (e.g. 2026-12-24T18:00:00Z)"),
    expiredText: textField("Text once it has ended"),
  },
  defaultProps: { heading: "The offer ends soon", endsAt: "", expiredText: "This offer has ended." },
  render: ({ puck, heading, endsAt, expiredText }) => {
    const ctx = contextOf(puck.metadata);
    const end = endsAt ? new Date(endsAt) : undefined;
    const valid = end !== undefined && !Number.isNaN(end.getTime());
    const over = valid && end.getTime() <= ctx.now.getTime();
    return (
      <section className="mg-block mg-countdown mg-align-center" data-mg-countdown={valid ? end.toISOString() : undefined}>
        <div className="mg-wrap mg-narrow">
          {heading ? <h2>{heading}</h2> : null}
          {valid && !over ? (
            <p className="mg-countdown-end">
              Ends <time dateTime={end.toISOString()}>{formatEnd(end, ctx.locale, ctx.timeZone)}</time>
            </p>
          ) : null}
          {valid ? <p className="mg-countdown-clock" aria-live="off" hidden data-mg-clock="" /> : null}
          <p className="mg-countdown-over" hidden={!over} data-mg-over="">
            {expiredText}
          </p>
        </div>
      </section>
    );
  },
};
