import { can } from "../../rbac";
import { contactTimelineInput } from "../../schemas/crm/contacts";
import { assertContactVisible } from "../../services/crm/contacts";
import { hiddenTimelineKinds, readTimeline } from "../../services/crm/notes";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const contactTimeline = crmProcedure("contacts.read")
  .input(contactTimelineInput)
  .query(async ({ ctx, input }) => {
    await assertContactVisible(crmContextOf(ctx), input.contactId, { includeDeleted: true });
    const hiddenKinds = hiddenTimelineKinds({ deals: can(ctx.role, "deals.read"), tasks: can(ctx.role, "tasks.read") });
    return readTimeline(ctx.db, { contactId: input.contactId }, { ...input, hiddenKinds });
  });
