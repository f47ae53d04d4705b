/** One POST to a webhook, retried like Event Grid (on a shorter schedule: the emulator's tests wait in real time). */
export interface DeliveryRequest {
  url: string;
  body: unknown;
  contentType: string;
  headers: Record<string, string>;
  /** A bearer token per attempt (tokens expire; Event Grid asks Entra each time it needs one). */
  token?: () => Promise<string>;
  /** Waits before the 2nd, 3rd… attempt; their count + 1 is the number of attempts. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
}

export interface DeliveryResult {
  outcome: 'delivered' | 'dropped' | 'exhausted';
  attempts: number;
  statuses: (number | string)[];
}

/** 2xx (200–204 for Event Grid) is success. */
const isSuccess = (status: number) => status >= 200 && status <= 204;
/** Event Grid does not retry these: the endpoint said the request itself is wrong (or unauthenticated). */
const NOT_RETRIED = new Set([400, 401, 403, 413]);

export async function deliverWithRetry(request: DeliveryRequest): Promise<DeliveryResult> {
  const statuses: (number | string)[] = [];
  const attempts = request.retryDelaysMs.length + 1;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) await sleep(request.retryDelaysMs[attempt - 2] ?? 0);
    const status = await attemptOnce(request, attempt);
    statuses.push(status);
    if (typeof status === 'number' && isSuccess(status)) return { outcome: 'delivered', attempts: attempt, statuses };
    if (typeof status === 'number' && NOT_RETRIED.has(status)) return { outcome: 'dropped', attempts: attempt, statuses };
  }
  return { outcome: 'exhausted', attempts, statuses };
}

async function attemptOnce(request: DeliveryRequest, attempt: number): Promise<number | string> {
  try {
    const token = request.token ? await request.token() : undefined;
    const response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': request.contentType,
        'aeg-delivery-count': String(attempt - 1),
        ...request.headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(request.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return error instanceof Error ? error.name : 'error';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
