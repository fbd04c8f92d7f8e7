"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { DownloadIcon } from "lucide-react";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@mg/ui/dialog";
import { Label } from "@mg/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { Skeleton } from "@mg/ui/skeleton";
import { Switch } from "@mg/ui/switch";
import { QR_PRINT_SIZES, type QrPrintSize } from "@mg/api/schemas";
import { downloadTextFile } from "~/lib/download";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import type { LinkRow } from "./types";

function downloadPng(fileName: string, base64: string) {
  const link = document.createElement("a");
  link.href = `data:image/png;base64,${base64}`;
  link.download = fileName;
  link.click();
}

/** The link's QR code: preview, print size, logo option, SVG and PNG downloads. */
export function QrDialog({ link, open, onOpenChange }: { link: LinkRow | null; open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const [size, setSize] = useState<QrPrintSize>("5cm");
  const [logo, setLogo] = useState(false);
  const qr = useQuery({ ...trpc.links.qr.queryOptions({ linkId: link?.id ?? "00000000-0000-4000-8000-000000000000", size, logo }), enabled: open && link !== null });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>QR code{link ? ` for “${link.name}”` : ""}</DialogTitle>
          <DialogDescription>Scans are counted as QR visits. Print it at least 2 cm wide, on a light background, with the white border around it.</DialogDescription>
        </DialogHeader>
        <div className="grid gap-5">
          <div className="mx-auto grid size-56 place-items-center rounded-lg border bg-white p-2">
            {qr.data ? (
              // A data: URL drawn by our own renderer from the QR matrix (next/image has nothing to optimize).
              // eslint-disable-next-line @next/next/no-img-element
              <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.data.svg)}`} alt={`QR code for ${qr.data.url}`} className="size-full" />
            ) : qr.isError ? null : (
              <Skeleton className="size-full" />
            )}
          </div>
          {qr.isError ? (
            <Alert variant="destructive">
              <AlertDescription>{apiError(qr.error).message}</AlertDescription>
            </Alert>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="grid gap-2">
              <Label htmlFor="qr-size">Print size</Label>
              <Select value={size} onValueChange={(v) => setSize(v as QrPrintSize)}>
                <SelectTrigger id="qr-size" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {(Object.keys(QR_PRINT_SIZES) as QrPrintSize[]).map((key) => (
                    <SelectItem key={key} value={key}>
                      {QR_PRINT_SIZES[key].label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <div className="flex items-center gap-3 self-end pb-2">
              <Switch id="qr-logo" checked={logo} onCheckedChange={setLogo} />
              <Label htmlFor="qr-logo">Logo in the middle</Label>
            </div>
          </div>
          {qr.data ? (
            <p className="text-xs text-muted-foreground">
              {qr.data.pixels} × {qr.data.pixels} px at 300 dpi · error correction {qr.data.errorCorrection} ({qr.data.errorCorrection === "H" ? "30 %" : "15 %"} may be covered or damaged) · encodes{" "}
              <span className="font-mono break-all">{qr.data.url}</span>
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="outline" disabled={!qr.data} onClick={() => qr.data && downloadTextFile(`${qr.data.fileName}.svg`, qr.data.svg, "image/svg+xml")}>
              <DownloadIcon aria-hidden /> SVG
            </Button>
            <Button disabled={!qr.data} onClick={() => qr.data && downloadPng(`${qr.data.fileName}.png`, qr.data.png)}>
              <DownloadIcon aria-hidden /> PNG
            </Button>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}
