"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { brandingCssVariables, FONT_FAMILIES, FONT_LABELS, FONT_STACKS, readBranding, readableOn, type Branding, type FontFamily } from "@mg/pages";
import { Alert, AlertDescription } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@mg/ui/card";
import { FormField } from "@mg/ui/form-field";
import { Input } from "@mg/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@mg/ui/select";
import { apiError } from "~/lib/errors";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../org-context";

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Logo, colors, font and product name of the organization's landing pages, with a live preview. */
export function BrandingSection() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { org, can, isAgency } = useOrg();
  const editable = can("settings.update");
  const saved = readBranding(org.branding);
  const update = useMutation(trpc.organization.updateBranding.mutationOptions());
  const [logoUrl, setLogoUrl] = useState(saved.logoUrl ?? "");
  const [primaryColor, setPrimaryColor] = useState(saved.primaryColor ?? "#1d4ed8");
  const [accentColor, setAccentColor] = useState(saved.accentColor ?? "#0f766e");
  const [fontFamily, setFontFamily] = useState<FontFamily>(saved.fontFamily ?? "system");
  const [productName, setProductName] = useState(saved.productName ?? "");
  const [error, setError] = useState<string | null>(null);

  const preview: Branding = { primaryColor: HEX.test(primaryColor) ? primaryColor : undefined, accentColor: HEX.test(accentColor) ? accentColor : undefined, fontFamily };
  const previewStyle = Object.fromEntries(brandingCssVariables(preview).split(";").map((d) => [d.slice(0, d.indexOf(":")), d.slice(d.indexOf(":") + 1)]));
  const primary = preview.primaryColor ?? "#1d4ed8";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      await update.mutateAsync({
        primaryColor,
        accentColor,
        fontFamily,
        ...(logoUrl.trim() ? { logoUrl: logoUrl.trim() } : {}),
        ...(productName.trim() ? { productName: productName.trim() } : {}),
      });
      toast.success("Branding saved — your live pages show it now");
      await queryClient.invalidateQueries({ queryKey: trpc.organization.current.queryKey() });
      router.refresh();
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Branding" data-testid="branding-form">
      <Card>
        <CardHeader>
          <CardTitle as="h2">Branding</CardTitle>
          <CardDescription>How your landing pages look.{isAgency ? " New client organizations start with your branding." : ""}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 lg:grid-cols-2">
          <fieldset disabled={!editable} className="grid gap-4">
            <FormField label="Logo" description="An https:// image address. Shown at the top of every page.">
              <Input value={logoUrl} onChange={(e) => setLogoUrl(e.target.value)} inputMode="url" placeholder="https://…/logo.png" />
            </FormField>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField label="Main color" description="Buttons and highlights.">
                <Input value={primaryColor} onChange={(e) => setPrimaryColor(e.target.value)} maxLength={7} pattern="#[0-9a-fA-F]{6}" />
              </FormField>
              <FormField label="Accent color" description="Small labels and focus rings.">
                <Input value={accentColor} onChange={(e) => setAccentColor(e.target.value)} maxLength={7} />
              </FormField>
            </div>
            <FormField label="Font" description="Fonts already on your visitors' devices: nothing extra to download.">
              {(control) => (
                <Select value={fontFamily} onValueChange={(v) => setFontFamily(v as FontFamily)}>
                  <SelectTrigger {...control} className="w-full">
                    <SelectValue>{FONT_LABELS[fontFamily]}</SelectValue>
                  </SelectTrigger>
                  <SelectContent>
                    {FONT_FAMILIES.map((f) => (
                      <SelectItem key={f} value={f}>
                        {FONT_LABELS[f]}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            </FormField>
            <FormField label="Product or brand name" description="Optional: shown instead of the organization's name.">
              <Input value={productName} onChange={(e) => setProductName(e.target.value)} maxLength={80} />
            </FormField>
          </fieldset>
          <section aria-label="Branding preview" className="rounded-lg border bg-white p-6 text-[#1f2937]" style={{ ...previewStyle, fontFamily: FONT_STACKS[fontFamily] }} data-testid="branding-preview">
            <p className="text-xs font-semibold tracking-widest uppercase" style={{ color: "var(--mg-accent-text)" }}>
              Preview
            </p>
            <p className="mt-2 text-2xl font-bold text-[#111827]">{productName.trim() || org.name}</p>
            <p className="mt-2 text-sm">A landing page in your colors and font.</p>
            <span className="mt-4 inline-block rounded-md px-4 py-2 text-sm font-semibold" style={{ background: primary, color: readableOn(primary) }}>
              Get started
            </span>
          </section>
        </CardContent>
        {error ? (
          <CardContent>
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          </CardContent>
        ) : null}
        {editable ? (
          <CardFooter className="justify-end border-t">
            <Button type="submit" loading={update.isPending}>
              Save branding
            </Button>
          </CardFooter>
        ) : null}
      </Card>
    </form>
  );
}
