import { stabilizeRecommendationInputSchema, stabilizeRecommendationLegacyInputSchema } from './inputSchemas';
import { parseOrThrow } from './inputValidation';
import type {
  Recommendation,
  StabilizedRecommendation,
  StabilizeRecommendationInput,
  StabilizeRecommendationLegacyInput,
} from './types';

/**
 * Time is counted back from "now": a recommendation is inside a window when it is younger than the window
 * (upstream's `timestamp.After(now - window)`), and obsolete when it is older (`timestamp.Before(...)`).
 * One exactly as old as the window is neither.
 */
const insideWindow = (recommendation: Recommendation, windowSeconds: number): boolean =>
  recommendation.ageSeconds < windowSeconds;
const olderThanWindow = (recommendation: Recommendation, windowSeconds: number): boolean =>
  recommendation.ageSeconds > windowSeconds;

/** Stores the new recommendation over the last obsolete entry, or appends it when none is obsolete. */
function recordRecommendation(
  recommendations: Recommendation[],
  obsoleteIndex: number,
  desiredReplicas: number,
): Recommendation[] {
  const fresh: Recommendation = { replicas: desiredReplicas, ageSeconds: 0 };
  if (obsoleteIndex < 0) return [...recommendations, fresh];
  return recommendations.map((recommendation, index) =>
    index === obsoleteIndex ? fresh : { ...recommendation },
  );
}

/**
 * stabilizeRecommendationWithBehaviors: scale up at most to the lowest recommendation of the scale-up
 * window, scale down at most to the highest of the scale-down window; the result starts from the current
 * count, so disagreeing signals keep it. The desired count itself is part of both windows.
 */
export function stabilizeRecommendation(input: StabilizeRecommendationInput): StabilizedRecommendation {
  const i = parseOrThrow(stabilizeRecommendationInputSchema, input, 'stabilizeRecommendation');
  let upLimit = i.desiredReplicas;
  let downLimit = i.desiredReplicas;
  let obsoleteIndex = -1;
  i.recommendations.forEach((recommendation, index) => {
    if (insideWindow(recommendation, i.scaleUpWindowSeconds))
      upLimit = Math.min(recommendation.replicas, upLimit);
    if (insideWindow(recommendation, i.scaleDownWindowSeconds))
      downLimit = Math.max(recommendation.replicas, downLimit);
    if (
      olderThanWindow(recommendation, i.scaleUpWindowSeconds) &&
      olderThanWindow(recommendation, i.scaleDownWindowSeconds)
    ) {
      obsoleteIndex = index;
    }
  });
  let replicas = i.currentReplicas;
  if (replicas < upLimit) replicas = upLimit;
  if (replicas > downLimit) replicas = downLimit;
  return {
    replicas,
    recommendations: recordRecommendation(i.recommendations, obsoleteIndex, i.desiredReplicas),
  };
}

/**
 * The HPA without `behavior`: the highest recommendation of the downscale window (300 s by default).
 * Here an entry exactly as old as the window still counts (upstream keeps all but `Before(cutoff)`).
 */
export function stabilizeRecommendationLegacy(
  input: StabilizeRecommendationLegacyInput,
): StabilizedRecommendation {
  const i = parseOrThrow(stabilizeRecommendationLegacyInputSchema, input, 'stabilizeRecommendationLegacy');
  let replicas = i.desiredReplicas;
  let obsoleteIndex = -1;
  i.recommendations.forEach((recommendation, index) => {
    if (olderThanWindow(recommendation, i.windowSeconds)) obsoleteIndex = index;
    else if (recommendation.replicas > replicas) replicas = recommendation.replicas;
  });
  return {
    replicas,
    recommendations: recordRecommendation(i.recommendations, obsoleteIndex, i.desiredReplicas),
  };
}
