import type { CatalogItemKind, HostCatalogItem, HostCustomer } from '../../domain/host/host-records';
import type { QboCustomerFields, QboItemFields } from '../../domain/qbo/qbo-records';

/**
 * A QBO Customer as the host customer the import inserts. The host's display name must come out equal to QBO's
 * DisplayName (that is what keeps the pair matched), so a DisplayName that is not "given family" becomes the
 * company name, shown as the company.
 */
export const hostCustomerFromQbo = (fields: QboCustomerFields): Omit<HostCustomer, 'id'> => {
  const firstName = fields.givenName?.trim() ?? '';
  const lastName = fields.familyName?.trim() ?? '';
  const displayName = fields.displayName.trim();
  const isPerson = `${firstName} ${lastName}`.trim() === displayName;
  return {
    firstName,
    lastName,
    companyName: isPerson ? fields.companyName : displayName,
    displayAsCompany: !isPerson,
    email: fields.email,
    phone: fields.phone,
    street: fields.billAddr?.line1 ?? null,
    city: fields.billAddr?.city ?? null,
    state: fields.billAddr?.region ?? null,
    zip: fields.billAddr?.postalCode ?? null,
    isActive: fields.active,
  };
};

/** A QBO Item as a host catalog item: Services become the configured service kind, the others products. */
export const hostItemFromQbo = (fields: QboItemFields, serviceKind: Extract<CatalogItemKind, 'pool_service' | 'work_order_type'>): Omit<HostCatalogItem, 'id'> => ({
  kind: fields.type === 'Service' ? serviceKind : 'product',
  name: fields.name.trim(),
  description: fields.description,
  unitPriceCents: fields.unitPriceCents,
  sku: fields.sku,
  isActive: fields.active,
});
