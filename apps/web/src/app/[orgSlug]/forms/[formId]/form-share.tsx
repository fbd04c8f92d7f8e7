"use client";

import { CopyButton } from "~/components/copy-button";

interface Snippets {
  hostedUrl: string;
  script: string;
  iframe: string;
}

function Snippet({ id, title, description, value }: { id: string; title: string; description: string; value: string }) {
  return (
    <section aria-labelledby={id} className="grid gap-2 rounded-lg border p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={id} className="font-semibold">
            {title}
          </h2>
          <p className="text-sm text-muted-foreground">{description}</p>
        </div>
        <CopyButton value={value} label={`Copy ${title.toLowerCase()}`} />
      </div>
      <pre className="overflow-x-auto rounded-md bg-muted p-3 text-sm" tabIndex={0} aria-label={`${title} code`}>
        <code>{value}</code>
      </pre>
    </section>
  );
}

/** "Share & embed": the three ways to put the form somewhere, ready to copy. */
export function FormShare({ snippets }: { snippets: Snippets }) {
  return (
    <div className="grid gap-4">
      <Snippet id="share-link" title="Share link" description="A page of its own: send it by message, print it as a QR code, link it from social posts." value={snippets.hostedUrl} />
      <Snippet id="share-script" title="Script embed" description="Paste where the form should appear on any website. It adds a frame that sizes itself to the form." value={snippets.script} />
      <Snippet id="share-iframe" title="Iframe" description="For site builders that do not allow scripts. Set the height to fit your form." value={snippets.iframe} />
    </div>
  );
}
