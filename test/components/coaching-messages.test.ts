import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../components/i18n/en';
import { id } from '../../components/i18n/id';
import { createI18n } from '../../components/i18n/I18nProvider';
import { placeholdersOf } from '../../components/i18n/translate';
import { coachingText, promptText } from '../../components/views/coaching/prompt-text';
import { COACHING_MESSAGE_IDS, type EvaluatedPrompt } from '../../lib/domain';
import { dealFinding, everyFinding, messagesOf, repFinding } from '../domain/coaching/fixtures';

const plain = (s: string) => s.replace(/[\u00a0\u202f\u2009]/g, ' ');
const english = createI18n('en', 'en-US');
const indonesian = createI18n('id', 'id-ID');
const key = (messageId: string) => `coaching.message.${messageId}` as MessageKey;

describe('the coaching rules’ messages in the catalogs', () => {
  it.each(COACHING_MESSAGE_IDS.map((m) => [m]))('%s is in every language', (messageId) => {
    expect(en[key(messageId)]).toBeTruthy();
    expect(id[key(messageId)]).toBeTruthy();
  });

  it('have no entries for messages the rules no longer produce', () => {
    const known = new Set<string>(COACHING_MESSAGE_IDS.map(key));
    const stale = Object.keys(en).filter((k) => k.startsWith('coaching.message.') && !known.has(k));
    expect(stale).toEqual([]);
  });

  it('have exactly one placeholder per argument the rules pass', () => {
    for (const finding of everyFinding()) {
      for (const message of messagesOf(finding!.message!)) {
        const names = Object.keys(message.args).sort();
        expect(placeholdersOf(en[key(message.id)]), message.id).toEqual(names);
        expect(placeholdersOf(id[key(message.id)]), message.id).toEqual(names);
      }
    }
  });

  it('word every finding without a placeholder left over, in both languages', () => {
    for (const finding of everyFinding()) {
      for (const words of [english, indonesian]) {
        const title = coachingText(finding!.message!.title, words);
        const detail = coachingText(finding!.message!.detail, words);
        expect(`${title} ${detail}`).not.toMatch(/[{}]/);
        expect(title.charAt(0)).toBe(title.charAt(0).toUpperCase());
      }
    }
  });
});

describe('coachingText', () => {
  it('formats money, percentages and dates with Intl in the reader’s locale', () => {
    const near = repFinding('next-tier-within-reach', { gapToNextTier: 4_000 })!.message!;
    expect(coachingText(near.title, english)).toBe('$4,000.00 more credit reaches tier 2 (12%)');
    expect(plain(coachingText(near.title, indonesian))).toBe(
      'Kredit US$4.000,00 lagi mencapai tier 2 (12%)',
    );
    expect(coachingText(near.detail, english)).toBe(
      'You are close: $4,000.00 more credit takes you into tier 2, paid at 12%.',
    );
    const past = dealFinding('close-date-past', { closeDate: '2026-10-12' })!.message!;
    expect(coachingText(past.detail, indonesian)).toMatch(
      /^“Acme renewal” seharusnya ditutup pada 12 Okt 2026/,
    );
  });

  it('leaves out the tier and rate it does not know', () => {
    const unknown = repFinding('next-tier-within-reach', {
      gapToNextTier: 500,
      nextTier: null,
      nextTierRate: null,
    })!.message!;
    expect(coachingText(unknown.title, english)).toBe('$500.00 more credit reaches the next tier');
    expect(coachingText(unknown.detail, indonesian)).toBe(
      'Anda sudah dekat: kredit US$500,00 lagi membawa Anda ke tier berikutnya.',
    );
    const edge = repFinding('next-tier-within-reach', {
      gapToNextTier: 0,
      nextTierRate: 0.125,
    })!.message!;
    expect(coachingText(edge.title, english)).toBe('Your next deal takes you into tier 2 (12.5%)');
    expect(plain(coachingText(edge.title, indonesian))).toBe(
      'Deal berikutnya membawa Anda ke tier 2 (12,5%)',
    );
  });

  it('picks plural forms from the count, and keeps a cut figure cut', () => {
    const once = dealFinding('close-date-past', { closeDate: '2026-10-23' })!.message!;
    expect(coachingText(once.title, english)).toBe('Close date passed 1 day ago');
    const many = dealFinding('stuck-in-stage', { stageEnteredDate: '2025-10-24' })!.message!;
    expect(coachingText(many.title, english)).toBe(
      'In Negotiation for 365 days (since Oct 24, 2025)',
    );
    const coverage = repFinding('low-coverage', { coverage: 2.996 })!.message!;
    expect(coachingText(coverage.title, english)).toBe(
      'Pipeline covers 2.99× of your gap (target 3×)',
    );
    expect(plain(coachingText(coverage.title, indonesian))).toBe(
      'Pipeline menutupi 2,99× dari kekurangan Anda (target 3×)',
    );
    const pace = repFinding('pace-behind', { pace: -0.1049 })!.message!;
    expect(plain(coachingText(pace.title, indonesian))).toBe('10,5 poin di belakang laju');
  });

  it('names an unnamed deal in a sentence, capitalised where it starts one', () => {
    const unnamed = dealFinding('no-next-step', { nextStep: undefined, name: ' ' })!.message!;
    expect(coachingText(unnamed.detail, english)).toMatch(/^This deal has no next step\./);
    expect(coachingText(unnamed.detail, indonesian)).toMatch(/^Deal ini belum punya/);
    const pushed = dealFinding('close-date-pushed', { closeDatePushCount: 2, name: '' })!.message!;
    expect(coachingText(pushed.detail, english)).toMatch(
      /^The close date of this deal has moved 2 times; it now reads Nov 30, 2026\./,
    );
  });
});

describe('promptText', () => {
  const base: EvaluatedPrompt = {
    id: 'custom:rep-1',
    ruleId: 'custom',
    severity: 'info',
    title: 'A rule without a message',
    detail: 'Worded in English by the engine.',
    repId: 'rep-1',
  };

  it('keeps a prompt without a message as written, marking the engine’s English', () => {
    expect(promptText(base, indonesian)).toEqual({
      title: 'A rule without a message',
      detail: 'Worded in English by the engine.',
      lang: 'en',
    });
    expect(promptText(base, english).lang).toBeNull();
    expect(promptText({ ...base, ruleId: 'manager' }, indonesian).lang).toBeNull();
  });

  it('words a rule’s prompt from its message', () => {
    const finding = dealFinding('no-next-step', { nextStep: undefined })!;
    const prompt = { ...base, ruleId: 'no-next-step', message: finding.message! };
    expect(promptText(prompt, indonesian)).toEqual({
      title: 'Belum ada langkah berikutnya',
      detail:
        '“Acme renewal” belum punya langkah berikutnya. Tulis tindakan selanjutnya, siapa yang melakukannya dan kapan, agar deal terus bergerak.',
      lang: null,
    });
  });
});
