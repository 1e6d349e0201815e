import type { Knex } from 'knex';
import { REFERENCE_ID_OFFSET, referenceTenant } from './replay';

type Body = Record<string, any>;
interface Link { kind: string; host_id: string; qbo_entity: string; qbo_id: string; retired: number | boolean }
interface Side { links: Link[]; state: Record<string, Body[]>; books: { customers: Body[]; accounts: Body[] }; keyOf: Map<string, string> }

/** Entities the sync writes: a live one that no link names is a copy nobody owns (a duplicate). */
const SYNCED_ENTITIES = ['Customer', 'Item', 'Invoice', 'Payment', 'RefundReceipt', 'Purchase', 'CreditMemo', 'Deposit'];

export interface TenantCheck {
  readonly tenant: string;
  readonly expected: number;
  readonly lost: string[];
  readonly duplicated: string[];
  readonly wrong: string[];
  readonly failedRows: number;
  readonly unexplainedFailures: string[];
  readonly failureReasons: Record<string, number>;
}

const getJson = async (url: string): Promise<any> => (await fetch(url)).json();

const live = (record: Body | undefined): boolean => record !== undefined && record['status'] !== 'Deleted';

async function side(knex: Knex, emulatorUrl: string, tenant: string, realmId: string, reference: boolean): Promise<Side> {
  const links: Link[] = await knex('qbo_links').where({ tenant_id: tenant }).select('kind', 'host_id', 'qbo_entity', 'qbo_id', 'retired');
  const state = await getJson(`${emulatorUrl}/__emulator/realms/${realmId}/state`);
  const books = await getJson(`${emulatorUrl}/__emulator/realms/${realmId}/books`);
  const hostKey = (link: Link): string => {
    const id = Number(link.host_id);
    return `${link.kind}:${reference && Number.isInteger(id) && id >= REFERENCE_ID_OFFSET ? id - REFERENCE_ID_OFFSET : link.host_id}`;
  };
  const keyOf = new Map<string, string>();
  for (const link of links) if (!link.retired) keyOf.set(`${link.qbo_entity}:${link.qbo_id}`, hostKey(link));
  // Accounts are the companies' own (the same default chart): compared by name.
  for (const account of state['Account'] ?? []) keyOf.set(`Account:${account.Id}`, `account:${account.Name}`);
  return { links: links.map((link) => ({ ...link, host_id: hostKey(link).split(':').slice(1).join(':') })), state, books, keyOf };
}

/** What a record is, in terms both companies share: host keys instead of QBO ids, amounts, names, flags. */
function projection(entity: string, record: Body, s: Side): unknown {
  const ref = (target: string, value: unknown): string => s.keyOf.get(`${target}:${String((value as Body | undefined)?.['value'] ?? value)}`) ?? `unlinked ${target} ${JSON.stringify(value)}`;
  const lines = (record['Line'] as Body[] | undefined ?? []).map((line) => ({
    Amount: line['Amount'],
    DetailType: line['DetailType'],
    ...(line['SalesItemLineDetail'] ? { item: ref('Item', line['SalesItemLineDetail'].ItemRef), Qty: line['SalesItemLineDetail'].Qty, UnitPrice: line['SalesItemLineDetail'].UnitPrice } : {}),
    ...(line['LinkedTxn'] ? { linked: (line['LinkedTxn'] as Body[]).map((txn) => ref(txn['TxnType'] === 'Expense' ? 'Purchase' : String(txn['TxnType']), txn['TxnId'])).sort() } : {}),
    ...(line['AccountBasedExpenseLineDetail'] ? { account: ref('Account', line['AccountBasedExpenseLineDetail'].AccountRef) } : {}),
  })).filter((line) => line.DetailType !== 'SubTotalLineDetail').map((line) => JSON.stringify(line)).sort();
  switch (entity) {
    case 'Customer':
      // An emptied field and one never written read the same to a bookkeeper.
      return { DisplayName: record['DisplayName'], Active: record['Active'], CompanyName: record['CompanyName'] || '', GivenName: record['GivenName'] || '', FamilyName: record['FamilyName'] || '', Phone: record['PrimaryPhone']?.FreeFormNumber || '', Email: record['PrimaryEmailAddr']?.Address || '', Balance: record['Balance'] };
    case 'Item':
      return { Name: record['Name'], Type: record['Type'], UnitPrice: record['UnitPrice'], Active: record['Active'], Sku: record['Sku'], income: record['IncomeAccountRef'] ? ref('Account', record['IncomeAccountRef']) : null };
    default:
      return {
        // QBO numbers refund receipts and expenses itself, in the order they arrive: only an invoice's is the host's.
        TotalAmt: record['TotalAmt'], Balance: record['Balance'], UnappliedAmt: record['UnappliedAmt'], TxnDate: record['TxnDate'], DocNumber: entity === 'Invoice' ? record['DocNumber'] : undefined,
        customer: record['CustomerRef'] ? ref('Customer', record['CustomerRef']) : record['EntityRef'] ? ref('Customer', record['EntityRef']) : null,
        deposit: record['DepositToAccountRef'] ? ref('Account', record['DepositToAccountRef']) : null, lines,
      };
  }
}

const find = (s: Side, entity: string, id: string): Body | undefined => (s.state[entity] ?? []).find((record) => String(record['Id']) === id);

/** The chaos company against the reference company, and the chaos tenant's failures against its activity log. */
export async function checkTenant(knex: Knex, emulatorUrl: string, tenant: string, realmId: string, referenceRealmId: string): Promise<TenantCheck> {
  const chaos = await side(knex, emulatorUrl, tenant, realmId, false);
  const reference = await side(knex, emulatorUrl, referenceTenant(tenant), referenceRealmId, true);
  const lost: string[] = [];
  const wrong: string[] = [];
  const chaosLinks = new Map(chaos.links.map((link) => [`${link.kind}:${link.host_id}`, link]));
  const referenceKeys = new Set<string>();
  let expected = 0;
  for (const link of reference.links) {
    const key = `${link.kind}:${link.host_id}`;
    referenceKeys.add(key);
    const mine = chaosLinks.get(key);
    const theirs = find(reference, link.qbo_entity, link.qbo_id);
    if (link.retired || !live(theirs)) {
      if (mine && !mine.retired && live(find(chaos, mine.qbo_entity, mine.qbo_id))) wrong.push(`${key}: deleted in the reference company, live in the chaos company (${mine.qbo_entity} ${mine.qbo_id})`);
      continue;
    }
    expected += 1;
    const record = mine && !mine.retired ? find(chaos, mine.qbo_entity, mine.qbo_id) : undefined;
    if (!live(record)) {
      lost.push(`${key}: ${link.qbo_entity} in the reference company, ${mine ? `${mine.retired ? 'retired' : 'deleted'} ${mine.qbo_entity} ${mine.qbo_id}` : 'never linked'} in the chaos company`);
      continue;
    }
    if (mine!.qbo_entity !== link.qbo_entity) wrong.push(`${key}: ${mine!.qbo_entity} instead of ${link.qbo_entity}`);
    const a = JSON.stringify(projection(mine!.qbo_entity, record!, chaos));
    const b = JSON.stringify(projection(link.qbo_entity, theirs!, reference));
    if (a !== b) wrong.push(`${key}: ${a} but the reference has ${b}`);
  }
  for (const [key, link] of chaosLinks) {
    if (!link.retired && !referenceKeys.has(key) && live(find(chaos, link.qbo_entity, link.qbo_id))) wrong.push(`${key}: ${link.qbo_entity} ${link.qbo_id} in the chaos company, not in the reference company`);
  }
  // Records nobody links to: the chaos company may have none beyond what the reference company has.
  const duplicated: string[] = [];
  for (const entity of SYNCED_ENTITIES) {
    const unlinked = (s: Side) => (s.state[entity] ?? []).filter((record) => live(record) && !s.keyOf.has(`${entity}:${record['Id']}`));
    const extra = unlinked(chaos).length - unlinked(reference).length;
    if (extra > 0) duplicated.push(...unlinked(chaos).map((record) => `${entity} ${record['Id']} ${JSON.stringify(projection(entity, record, chaos)).slice(0, 200)}`).slice(0, Math.max(extra, 5)));
  }
  // The books a bookkeeper compares: per customer (by host record) and per account (by name), to the cent.
  const customerBooks = (s: Side) => new Map(s.books.customers.map((c) => [s.keyOf.get(`Customer:${c['id']}`) ?? `unlinked ${c['id']}`, { open: c['openReceivableCents'], credit: c['openCreditCents'], balance: c['balanceCents'], active: c['active'] }]));
  const mineBooks = customerBooks(chaos);
  for (const [key, theirs] of customerBooks(reference)) {
    const ours = mineBooks.get(key);
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) wrong.push(`books of ${key}: ${JSON.stringify(ours)} but the reference has ${JSON.stringify(theirs)}`);
  }
  const accountBooks = (s: Side) => new Map(s.books.accounts.map((a) => [String(a['name']), a['balanceCents']]));
  const mineAccounts = accountBooks(chaos);
  for (const [name, cents] of accountBooks(reference)) if (mineAccounts.get(name) !== cents) wrong.push(`account ${name}: ${mineAccounts.get(name)} cents but the reference has ${cents}`);

  // Every failure explained: each failed change has a failure row in the activity log, saying why.
  const failed: Array<{ kind: string; host_id: string }> = await knex('qbo_outbox').where({ tenant_id: tenant, state: 'failed' }).select('kind', 'host_id');
  const failures: Array<{ kind: string | null; host_id: string | null; message: string; action: string }> = await knex('qbo_activity').where({ tenant_id: tenant, outcome: 'failure' }).select('kind', 'host_id', 'message', 'action');
  const unexplainedFailures = failed.filter((row) => !failures.some((f) => f.kind === row.kind && f.host_id === row.host_id && f.message.trim() !== '')).map((row) => `${row.kind}:${row.host_id}`);
  const failureReasons: Record<string, number> = {};
  for (const failure of failures) {
    const reason = `${failure.action}: ${failure.message.replace(/\d[\d.,]*/g, '#').replace(/"[^"]*"/g, '"…"').slice(0, 90)}`;
    failureReasons[reason] = (failureReasons[reason] ?? 0) + 1;
  }
  return { tenant, expected, lost, duplicated, wrong, failedRows: failed.length, unexplainedFailures, failureReasons };
}
