import { customerBooks, isSettled } from '../../../src/domain/customers/customer-books';
import type { HostCustomerMoney } from '../../../src/domain/host/host-records';
import { anInvoice, aPayment, aRefund } from '../../support/domain/host-records.builder';

const money = (overrides: Partial<HostCustomerMoney>): HostCustomerMoney => ({ customerId: '17', invoices: [], payments: [], refunds: [], unreadable: [], ...overrides });

describe('customerBooks: the host balance in the terms QBO reports', () => {
  it('an overpayment: the invoice paid, the rest credit', () => {
    expect(customerBooks(money({ invoices: [anInvoice({ totalCents: 35000 })], payments: [aPayment({ amountCents: 40000 })] }))).toEqual({ openReceivableCents: 0, openCreditCents: 5000 });
  });

  it('a partial payment leaves the rest owed; a void invoice owes nothing and its payments become credit', () => {
    expect(customerBooks(money({ invoices: [anInvoice({ totalCents: 35000 })], payments: [aPayment({ amountCents: 10000 })] }))).toEqual({ openReceivableCents: 25000, openCreditCents: 0 });
    expect(customerBooks(money({ invoices: [anInvoice({ status: 'void' })], payments: [aPayment({ amountCents: 10000 })] }))).toEqual({ openReceivableCents: 0, openCreditCents: 10000 });
  });

  it("a credit's refunds use it, never beyond it; a refund of an invoice payment leaves the balance alone; deleted payments count nothing", () => {
    const credit = aPayment({ id: 'c-1', invoiceId: null, amountCents: 5000 });
    const refunds = [aRefund({ id: 'r-1', paymentId: 'c-1', amountCents: 2000 }), aRefund({ id: 'r-2', paymentId: 'c-1', amountCents: 4000 }), aRefund({ id: 'r-3', paymentId: 'p-1', amountCents: 1000 })];
    const books = customerBooks(money({ invoices: [anInvoice({ totalCents: 29998 })], payments: [aPayment(), credit, aPayment({ id: 'p-9', amountCents: 700, deleted: true })], refunds }));
    expect(books).toEqual({ openReceivableCents: 0, openCreditCents: 0 });
    expect(isSettled(books)).toBe(true);
  });
});
