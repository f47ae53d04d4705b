/** AKS's node count bounds for one agent pool (User pools may be at 0; System pools keep at least one node). */
export const AKS_MAX_NODES = 1000;
export const SYSTEM_POOL_MIN_NODES = 1;

export const MAX_SCHEDULES = 20;
export const MAX_SCHEDULE_NAME_LENGTH = 63;
export const MAX_CRON_LENGTH = 120;
export const MAX_TIME_ZONE_LENGTH = 64;
/** One week: the longest window a weekly schedule can sensibly hold open. */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

export const MAX_SELECTOR_TAGS = 20;
export const MAX_TAG_NAME_LENGTH = 512;
export const MAX_TAG_VALUE_LENGTH = 256;

export const MAX_KQL_LENGTH = 2000;
export const MAX_METRIC_NAME_LENGTH = 128;
export const MAX_POLICY_NAME_LENGTH = 63;
export const MAX_DESCRIPTION_LENGTH = 500;
