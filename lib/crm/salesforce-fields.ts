import type { DealFieldKey } from './deal-fields';

/** Opportunity fields shared by Salesforce Lightning and Classic, by API name. */
export const OPPORTUNITY_API_NAMES: Readonly<Record<DealFieldKey, string>> = {
  amount: 'Amount',
  currency: 'CurrencyIsoCode',
  stage: 'StageName',
  closeDate: 'CloseDate',
  probability: 'Probability',
  ownerName: 'OwnerId',
  accountName: 'AccountId',
  recordName: 'Name',
};

/**
 * Standard Opportunity field labels in the languages reps use most (en, de, fr, es, it, pt-BR,
 * nl, id, ja). Best effort: admins can rename labels, so API-name attributes are always tried
 * first and these tables are the fallback. Matching is exact after `normalizeLabel`, so
 * "Expected Amount" or "Amount (converted)" never match "Amount".
 */
const LABELS: Readonly<Record<DealFieldKey, readonly string[]>> = {
  amount: [
    'Amount',
    'Betrag',
    'Montant',
    'Importe',
    'Importo',
    'Valor',
    'Bedrag',
    'Jumlah',
    '金額',
  ],
  currency: [
    'Opportunity Currency',
    'Opportunity-Währung',
    "Devise de l'opportunité",
    'Divisa de la oportunidad',
    'Valuta opportunità',
    'Moeda da oportunidade',
    'Valuta van opportunity',
    'Mata Uang Peluang',
    '商談 通貨',
  ],
  stage: ['Stage', 'Phase', 'Étape', 'Etapa', 'Fase', 'Tahap', 'フェーズ'],
  closeDate: [
    'Close Date',
    'Schlusstermin',
    'Date de clôture',
    'Fecha de cierre',
    'Data di chiusura',
    'Data de fechamento',
    'Sluitingsdatum',
    'Tanggal Tutup',
    '完了予定日',
  ],
  probability: [
    'Probability (%)',
    'Wahrscheinlichkeit (%)',
    'Probabilité (%)',
    'Probabilidad (%)',
    'Probabilità (%)',
    'Probabilidade (%)',
    'Waarschijnlijkheid (%)',
    'Probabilitas (%)',
    '確度 (%)',
  ],
  ownerName: [
    'Opportunity Owner',
    'Opportunity-Inhaber',
    "Propriétaire de l'opportunité",
    'Propietario de la oportunidad',
    'Titolare opportunità',
    'Proprietário da oportunidade',
    'Eigenaar van opportunity',
    'Pemilik Peluang',
    '商談 所有者',
  ],
  accountName: [
    'Account Name',
    'Accountname',
    'Nom du compte',
    'Nombre de la cuenta',
    'Nome account',
    'Nome da conta',
    'Accountnaam',
    'Nama Akun',
    '取引先名',
  ],
  recordName: [
    'Opportunity Name',
    'Opportunity-Name',
    "Nom de l'opportunité",
    'Nombre de la oportunidad',
    'Nome opportunità',
    'Nome da oportunidade',
    'Naam van opportunity',
    'Nama Peluang',
    '商談名',
  ],
};

/** Case, spacing, typographic apostrophes and required-field asterisks do not matter. */
export function normalizeLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’ʼ]/g, "'")
    .replace(/[\s*:]/g, '');
}

/** Normalised label → field, built on first use (not while the content script loads). */
let fieldByLabel: ReadonlyMap<string, DealFieldKey> | undefined;

/** The deal field a visible label names, if any. */
export function dealFieldOfLabel(label: string | null | undefined): DealFieldKey | undefined {
  if (!label) return undefined;
  fieldByLabel ??= new Map(
    (Object.keys(LABELS) as DealFieldKey[]).flatMap((key) =>
      LABELS[key].map((text) => [normalizeLabel(text), key] as const),
    ),
  );
  return fieldByLabel.get(normalizeLabel(label));
}
