"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { UsersIcon } from "lucide-react";
import { Badge } from "@mg/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@mg/ui/card";
import { EmptyState } from "@mg/ui/empty-state";
import { QueryStates } from "~/components/query-states";
import { formatDate } from "~/lib/format";
import { useTRPC } from "~/trpc/client";
import { useOrg } from "../../org-context";

const VIA: Record<string, string> = { qr: "QR code", link: "Link", page: "Landing page" };

/** The contacts the campaign produced: first or last touch through its tracked links or its UTM campaign. */
export function CampaignLeads({ campaignId }: { campaignId: string }) {
  const trpc = useTRPC();
  const { slug, org } = useOrg();
  const query = useQuery(trpc.campaigns.leads.queryOptions({ campaignId, limit: 10 }));
  const data = query.data;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Leads and contacts</CardTitle>
        <CardDescription>
          {data && data.contacts > 0
            ? `${data.contacts} ${data.contacts === 1 ? "contact" : "contacts"} (${data.customers} ${data.customers === 1 ? "customer" : "customers"}) came through this campaign’s links or UTM campaign — ${data.viaQr} by QR code, ${data.viaLink} by link.`
            : "Contacts whose first or last visit came through this campaign’s tracked links or carried its UTM campaign."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <QueryStates
          query={query}
          loadingLabel="Loading the campaign's leads"
          rows={3}
          isEmpty={(data?.recent.length ?? 0) === 0}
          empty={<EmptyState icon={<UsersIcon />} title="No leads yet" description="Tie tracked links to this campaign (Links → a link’s campaign) and the contacts they bring in appear here." />}
        >
          <ul className="divide-y">
            {(data?.recent ?? []).map((contact) => (
              <li key={contact.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <Link href={`/${slug}/contacts/${contact.id}`} className="font-medium hover:underline">
                  {contact.name}
                </Link>
                <span className="flex items-center gap-2 text-xs text-muted-foreground">
                  {contact.via ? <Badge variant="outline">{VIA[contact.via] ?? contact.via}</Badge> : null}
                  {contact.touch === "first" ? "first touch" : contact.touch === "last" ? "last touch" : "first and last touch"} · {formatDate(new Date(contact.createdAt), org.timezone)}
                </span>
              </li>
            ))}
          </ul>
        </QueryStates>
      </CardContent>
    </Card>
  );
}
