import type { Ref } from 'react';
import type { EvaluatedPrompt } from '../../../lib/domain';
import { useI18n } from '../../i18n/I18nProvider';
import { EmptyState } from '../../shared/states';
import { NewPromptForm, type NewPromptInput } from './NewPromptForm';
import { PromptCard } from './PromptCard';

type Prompt = EvaluatedPrompt & { pending?: boolean };

export interface CoachingViewProps {
  /** Visible prompts, sorted by severity (as `evaluateCoaching` returns them). */
  prompts: readonly Prompt[];
  /** The synced deal beside the sidebar; its prompts come first. */
  dealId: string | null;
  dealNames: ReadonlyMap<string, string>;
  now: Date;
  onDismiss(promptId: string): Promise<void>;
  onSnooze(promptId: string, until: string): Promise<void>;
  /** For a manager looking at a rep: writing a prompt for them. */
  create?: {
    repName: string | null;
    dealAvailable: boolean;
    onCreate(input: NewPromptInput): Promise<void>;
    titleRef?: Ref<HTMLInputElement>;
  } | null;
}

function PromptSection({
  title,
  prompts,
  props,
  showDeal,
}: {
  title: string;
  prompts: readonly Prompt[];
  props: CoachingViewProps;
  showDeal: boolean;
}) {
  if (prompts.length === 0) return null;
  const id = `coaching-${title.replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="prompt-section">
      <h2 id={id} className="section-title">
        {title} <span className="count">{prompts.length}</span>
      </h2>
      {prompts.map((p) => (
        <PromptCard
          key={p.id}
          prompt={p}
          dealName={showDeal && p.dealId ? (props.dealNames.get(p.dealId) ?? null) : null}
          now={props.now}
          onDismiss={() => props.onDismiss(p.id)}
          onSnooze={(until) => props.onSnooze(p.id, until)}
        />
      ))}
    </section>
  );
}

/** Coaching: prompts for this deal and for the rep, most severe first. */
export function CoachingView(props: CoachingViewProps) {
  const { t } = useI18n();
  const forDeal = props.dealId ? props.prompts.filter((p) => p.dealId === props.dealId) : [];
  const forRep = props.prompts.filter((p) => p.dealId === undefined);
  const others = props.prompts.filter((p) => p.dealId !== undefined && p.dealId !== props.dealId);
  return (
    <div className="coaching">
      {props.prompts.length === 0 ? (
        <EmptyState title={t('coaching.empty')}>
          <p>{t('coaching.emptyHelp')}</p>
        </EmptyState>
      ) : (
        <>
          <PromptSection
            title={t('coaching.thisDeal')}
            prompts={forDeal}
            props={props}
            showDeal={false}
          />
          <PromptSection
            title={t('coaching.you')}
            prompts={forRep}
            props={props}
            showDeal={false}
          />
          {others.length > 0 ? (
            <details className="other-deals" open={forDeal.length === 0 && forRep.length === 0}>
              <summary>{t('coaching.otherDeals', { count: others.length })}</summary>
              <PromptSection
                title={t('coaching.otherDealsTitle')}
                prompts={others}
                props={props}
                showDeal
              />
            </details>
          ) : null}
        </>
      )}
      {props.create ? (
        <NewPromptForm
          dealAvailable={props.create.dealAvailable}
          onCreate={props.create.onCreate}
          {...(props.create.titleRef ? { titleRef: props.create.titleRef } : {})}
        />
      ) : null}
    </div>
  );
}
