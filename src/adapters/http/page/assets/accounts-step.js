// Step 2: the income and deposit accounts, the tax code and the payout accounts, read live from QBO, saved with PUT /settings.
import { api } from './api-client.js';
import { busy, byId, el, setText, show } from './dom.js';
import { notify } from './notices.js';
import { accountsView, optionalChoices } from './page-state.js';

const fill = (select, options, selected, none = options.length === 0 ? 'QuickBooks has no suitable account' : 'Choose an account…') => {
  select.replaceChildren(
    el('option', { value: '' }, none),
    ...options.map((o) => el('option', { value: o.id, selected: o.id === selected }, o.label)),
  );
  select.value = selected;
};

let saved = { complete: false };
export const accountsSaved = () => saved.complete;

/** Said where the accounts are chosen, with the focus there: the sync cannot start without them. */
export const showAccountsRequired = () => {
  const income = byId('income-account');
  const deposit = byId('deposit-account');
  const missing = [!income.value ? 'the income account' : null, !deposit.value ? 'the deposit account' : null].filter(Boolean);
  const what = missing.length > 0 ? missing.join(' and ') : 'both accounts';
  setText(byId('accounts-required'), `Choose ${what} and save them before turning the sync on.`);
  show(byId('accounts-required'), true);
  (income.value ? deposit : income).focus();
};

const clearRequired = () => {
  show(byId('accounts-required'), false);
  setText(byId('accounts-required'), '');
};

export const loadAccounts = async () => {
  const [accounts, settings] = await Promise.all([api('GET', 'accounts'), api('GET', 'settings')]);
  const view = accountsView(accounts, settings);
  fill(byId('income-account'), view.income, view.incomeId);
  fill(byId('deposit-account'), view.deposit, view.depositId);
  fill(byId('tax-code'), view.taxCodes, view.taxCodeId, view.taxCodes.length === 0 ? 'QuickBooks has no tax code (sales tax is off)' : 'No tax code chosen');
  fill(byId('payout-account'), view.payout, view.payoutId, "Don't sync payouts");
  fill(byId('payout-fee-account'), view.payoutFee, view.payoutFeeId, 'Choose the fee account…');
  saved = { complete: view.complete };
  setText(byId('accounts-status'), view.complete ? 'Saved.' : 'Not saved yet: choose both accounts.');
};

/** While the connection is lost the lists cannot be read; the saved choice stays as it is. */
export const renderAccountsUnavailable = () => {
  for (const id of ['income-account', 'deposit-account', 'tax-code', 'payout-account', 'payout-fee-account']) byId(id).replaceChildren(el('option', { value: '' }, 'Unavailable until you reconnect QuickBooks'));
  setText(byId('accounts-status'), 'The accounts are read from QuickBooks: reconnect to see or change them. The saved choice is kept.');
};

export const wireAccounts = (guard, onSaved) => {
  const form = byId('accounts-form');
  const save = byId('accounts-save');
  form.addEventListener(
    'submit',
    guard(async (event) => {
      event.preventDefault();
      const incomeAccountId = byId('income-account').value;
      const depositAccountId = byId('deposit-account').value;
      if (!incomeAccountId || !depositAccountId) {
        setText(byId('accounts-status'), 'Choose both accounts, then save.');
        (incomeAccountId ? byId('deposit-account') : byId('income-account')).focus();
        return;
      }
      const optional = optionalChoices(byId('tax-code').value, byId('payout-account').value, byId('payout-fee-account').value);
      await busy(save, () => api('PUT', 'settings', { incomeAccountId, depositAccountId, ...optional }));
      saved = { complete: true };
      clearRequired();
      setText(byId('accounts-status'), 'Saved.');
      notify('The accounts are saved.');
      await onSaved();
    }),
  );
};
