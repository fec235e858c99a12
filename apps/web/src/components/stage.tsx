import type { StageName } from '../api/types';
import { stageIndex, stageLabel } from '../labels';

/** A stage in words, with four steps drawn beside it (the words carry the meaning; the steps are decoration). */
export function StageBadge({ stage }: { stage: StageName }) {
  const reached = stageIndex(stage);
  return (
    <span class={`stage stage-${stage}`}>
      <span class="stage-steps" aria-hidden="true">
        {[1, 2, 3, 4].map((step) => (
          <span key={step} class={step <= reached ? 'step step-on' : 'step'} />
        ))}
      </span>
      <span class="stage-label">{stageLabel(stage)}</span>
    </span>
  );
}
