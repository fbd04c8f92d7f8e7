-- CreateIndex
CREATE INDEX "custom_field_values_organization_id_contact_id_idx" ON "custom_field_values"("organization_id", "contact_id");

-- CreateIndex
CREATE INDEX "custom_field_values_organization_id_company_id_idx" ON "custom_field_values"("organization_id", "company_id");

-- CreateIndex
CREATE INDEX "custom_field_values_organization_id_deal_id_idx" ON "custom_field_values"("organization_id", "deal_id");
