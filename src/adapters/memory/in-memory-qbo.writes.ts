import type { QboError } from '../../domain/qbo/qbo-error';
import type { QboChanges, QboDraft, QboReadableEntity, QboRecord, QboRecordOf, QboRef, QboTransactionEntity } from '../../domain/qbo/qbo-records';
import { err, ok, type Result } from '../../domain/shared/result';
import type { InMemoryQboCompany } from './in-memory-qbo.company';
import { businessValidation, depositedTransaction, notFound, staleObject } from './in-memory-qbo.faults';
import { appliedTo, checkDeposit, checkIncomeAccount, checkInvoice, checkName, checkPayment, checkPurchase, checkRefundReceipt, depositHolding, depositTotal, invoiceTotal, lineAmount, linkedToPayment, refundLinked } from './in-memory-qbo.rules';

/** A stored record as QBO reads it back: an invoice's balance follows the payments applied to it. */
export const present = <E extends QboReadableEntity>(company: InMemoryQboCompany, stored: QboRecordOf<E>): QboRecordOf<E> => {
  const record = stored as QboRecord;
  if (record.entity !== 'Invoice' || record.voided) return stored;
  const totalCents = invoiceTotal(record.fields);
  return { ...record, totalCents, balanceCents: totalCents - appliedTo(company, record.ref.id) } as QboRecordOf<E>;
};

/** Builds the record a draft or a merged update stands for, after QBO's checks; `selfId` is set on update. */
const build = (company: InMemoryQboCompany, draft: QboDraft, ref: QboRef, selfId?: string): Result<QboRecord, QboError> => {
  switch (draft.entity) {
    case 'Customer': {
      const checked = checkName(company, 'Customer', draft.fields.displayName, selfId);
      return checked.ok ? ok({ entity: 'Customer', ref, fields: { ...draft.fields, displayName: draft.fields.displayName.trim() } }) : checked;
    }
    case 'Item': {
      const checked = checkName(company, 'Item', draft.fields.name, selfId);
      if (!checked.ok) return checked;
      const income = selfId === undefined ? checkIncomeAccount(company, draft.fields) : ok(undefined);
      return income.ok ? ok({ entity: 'Item', ref, fields: { ...draft.fields, name: draft.fields.name.trim() } }) : income;
    }
    case 'Invoice': {
      const checked = checkInvoice(company, draft.fields, selfId);
      if (!checked.ok) return checked;
      const docNumber = draft.fields.docNumber ?? company.newDocNumber((taken) => company.all('Invoice').some((invoice) => invoice.fields.docNumber === taken));
      const totalCents = invoiceTotal(draft.fields);
      if (selfId !== undefined && totalCents < appliedTo(company, selfId)) {
        return err(businessValidation('The invoice total cannot be less than the payments applied to it', 'Line'));
      }
      return ok({ entity: 'Invoice', ref, fields: { ...draft.fields, docNumber }, totalCents, balanceCents: totalCents, voided: false });
    }
    case 'Payment': {
      const checked = checkPayment(company, draft.fields, selfId);
      if (!checked.ok) return checked;
      const applied = lineAmount(draft.fields) + refundLinked(draft.fields);
      return ok({ entity: 'Payment', ref, fields: draft.fields, unappliedCents: draft.fields.totalCents - applied });
    }
    case 'RefundReceipt': {
      const checked = checkRefundReceipt(company, draft.fields);
      return checked.ok ? ok({ entity: 'RefundReceipt', ref, fields: draft.fields }) : checked;
    }
    case 'Purchase': {
      const checked = checkPurchase(company, draft.fields);
      return checked.ok ? ok({ entity: 'Purchase', ref, fields: draft.fields }) : checked;
    }
    case 'Deposit': {
      const checked = checkDeposit(company, draft.fields, selfId);
      // QBO keeps no host ids: what it holds is what it reads back.
      const { hostPaymentIds: _kept, ...fields } = draft.fields;
      return checked.ok ? ok({ entity: 'Deposit', ref, fields, totalCents: depositTotal(draft.fields) }) : checked;
    }
  }
};

export const createIn = (company: InMemoryQboCompany, draft: QboDraft): Result<QboRef, QboError> => {
  const built = build(company, draft, { id: String(Number.NaN), syncToken: '0' });
  if (!built.ok) return built;
  // The id is taken only once the write is accepted, as QBO numbers only what it stores.
  const ref = { id: company.newId(), syncToken: '0' };
  company.put({ ...built.value, ref } as QboRecord);
  return ok(ref);
};

/** The stored record behind `ref`, when its SyncToken is the current one. */
const current = (company: InMemoryQboCompany, entity: QboReadableEntity, ref: QboRef): Result<QboRecord, QboError> => {
  const record = company.get(entity, ref.id);
  if (!record) return err(notFound(entity, ref.id));
  return record.ref.syncToken === ref.syncToken ? ok(record) : err(staleObject(entity, ref.id));
};

const withoutKeys = (fields: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> => Object.fromEntries(Object.entries(fields).filter(([name]) => !keys.includes(name)));

const next = (ref: QboRef): QboRef => ({ id: ref.id, syncToken: String(Number(ref.syncToken) + 1) });

export const updateIn = (company: InMemoryQboCompany, ref: QboRef, changes: QboChanges): Result<QboRef, QboError> => {
  const found = current(company, changes.entity, ref);
  if (!found.ok) return found;
  if (changes.entity === 'Payment' && depositHolding(company, ref.id)) return err(depositedTransaction('Payment'));
  // A sparse update: the fields given replace the stored ones, the rest stay (QBO keeps the income account).
  const stored = found.value.fields as unknown as Record<string, unknown>;
  // A payment's lines are replaced all at once: given the invoice, the stored share and refund links go with the old lines.
  const base = changes.entity === 'Payment' && 'invoiceId' in changes.fields ? withoutKeys(stored, ['appliedCents', 'refundLinks']) : stored;
  const merged = { entity: changes.entity, fields: { ...base, ...changes.fields } } as QboDraft;
  const built = build(company, merged, next(found.value.ref), ref.id);
  if (!built.ok) return built;
  company.put(built.value);
  return ok(built.value.ref);
};

export const deleteIn = (company: InMemoryQboCompany, entity: QboTransactionEntity, ref: QboRef): Result<void, QboError> => {
  const found = current(company, entity, ref);
  if (!found.ok) return found;
  if (entity === 'Invoice' && appliedTo(company, ref.id) > 0) {
    return err(businessValidation('This invoice has payments applied to it. Delete or unapply them first.', 'Id'));
  }
  if (entity === 'Purchase' && linkedToPayment(company, ref.id)) {
    return err(businessValidation('This expense is linked to a customer payment. Remove it from the payment first.', 'Id'));
  }
  if (entity === 'Payment' && depositHolding(company, ref.id)) return err(depositedTransaction('Payment'));
  company.remove(entity, ref.id);
  return ok(undefined);
};

/** QBO keeps a voided transaction with zeroed amounts and "Voided" in front of its PrivateNote. */
const voidedNote = (note: string): string => (note === '' ? 'Voided' : `Voided - ${note}`);

export const voidIn = (company: InMemoryQboCompany, entity: 'Invoice' | 'Payment', ref: QboRef): Result<QboRef, QboError> => {
  const found = current(company, entity, ref);
  if (!found.ok) return found;
  const record = found.value;
  if (entity === 'Payment' && depositHolding(company, ref.id)) return err(depositedTransaction('Payment'));
  const voided: QboRecord | null =
    record.entity === 'Payment'
      ? { ...record, ref: next(ref), fields: { ...record.fields, totalCents: 0, invoiceId: null, privateNote: voidedNote(record.fields.privateNote) }, unappliedCents: 0 }
      : record.entity === 'Invoice'
        ? {
            ...record,
            ref: next(ref),
            fields: { ...record.fields, lines: record.fields.lines.map((line) => ({ ...line, amountCents: 0 })), privateNote: voidedNote(record.fields.privateNote) },
            totalCents: 0,
            balanceCents: 0,
            voided: true,
          }
        : null;
  if (voided === null) return err(notFound(entity, ref.id));
  if (voided.entity === 'Invoice' && appliedTo(company, ref.id) > 0) {
    return err(businessValidation('This invoice has payments applied to it. Delete or unapply them first.', 'Id'));
  }
  company.put(voided);
  return ok(voided.ref);
};
