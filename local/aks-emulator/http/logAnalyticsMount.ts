import type { IncomingMessage } from 'node:http';
import type { LogAnalyticsApi } from '../logAnalytics';
import type { RequestCounters } from './counters';
import { readBodyText } from './requestBody';
import type { ArmResponse } from './router';

const BATCH_PATH = /\/\$batch\/?$/i;

/**
 * Hands a Log Analytics query API request (`isLogAnalyticsPath`) to the query API. It checks its own bearer token
 * (any value, like the other data-plane stand-ins): tokens for api.loganalytics.io are not ARM tokens.
 */
export async function serveLogAnalytics(api: LogAnalyticsApi, counters: RequestCounters, req: IncomingMessage, method: string, target: { path: string; search: string }): Promise<ArmResponse> {
  const text = await readBodyText(req);
  counters.increment(BATCH_PATH.test(target.path) ? 'logAnalytics.batch' : 'logAnalytics.query');
  const response = api.handle({ method, path: `${target.path}${target.search}`, headers: req.headers, body: text === '' ? undefined : text });
  return { status: response.status, headers: response.headers, body: response.body };
}
